/**
 * Why a batch envelope or receipt was refused. The codes are stable: the county server maps them to HTTP
 * answers and the desk to plain-Chinese status lines. Messages name the part that failed, never content.
 */
export const SYNC_FORMAT_ERROR_CODES = [
  /** Bytes that do not follow docs/sync-format.md: bad magic, a length that does not add up, a header
   * that is not canonical JSON or fails its schema. */
  'MALFORMED',
  /** A format version (byte 4 or header `v`) this code does not know. */
  'UNSUPPORTED_VERSION',
  /** A header `suite` this code does not know (e.g. a future 国密 suite). */
  'UNSUPPORTED_SUITE',
  /** The Ed25519 signature does not verify: some signed byte or the signature itself was changed, or the
   * batch was signed by another device. One signature covers header, enc and ciphertext, so a verifier
   * cannot tell which of them changed. */
  'BAD_SIGNATURE',
  /** HPKE open failed: ciphertext, enc or header (the AAD) changed, or the wrong private key. */
  'DECRYPT_FAILED',
  /** The header's `countyKey` fingerprint is not the fingerprint of the key trying to open it. */
  'WRONG_COUNTY_KEY',
  /** A raw key of the wrong length or not a valid point. */
  'BAD_KEY',
  /** The caller asked to seal or sign something that would not parse back (a bad header field). */
  'INVALID_INPUT',
  /** A well-formed batch with a change of a table the county does not know (not in SYNCED_TABLE_NAMES,
   * src/shared/sync/tables.ts): typically a desk newer than the county's code. Nothing of it is applied. */
  'UNKNOWN_TABLE',
] as const;

export type SyncFormatErrorCode = (typeof SYNC_FORMAT_ERROR_CODES)[number];

export class SyncFormatError extends Error {
  override readonly name = 'SyncFormatError';
  constructor(
    readonly code: SyncFormatErrorCode,
    /** A short technical reason (which field or length), never personal data. */
    readonly reason: string = code,
  ) {
    super(`${code}: ${reason}`);
  }
}

export function isSyncFormatError(e: unknown): e is SyncFormatError {
  return e instanceof SyncFormatError;
}
