/**
 * Why the county server refused something. Codes are stable: http.ts maps them to statuses and the desk
 * to plain-Chinese status lines. Reasons name the part that failed, never content or secrets.
 */
export const COUNTY_ERROR_CODES = [
  /** The envelope's header names another device, epoch or seq than the address it was sent to. */
  'ADDRESS_MISMATCH',
  /** No enrolled device has this id. */
  'UNKNOWN_DEVICE',
  /** The county's stored public key of this device is damaged: the county's fault, not the batch's. */
  'DEVICE_KEY_CORRUPT',
  /** The header pins another county encryption key than ours. */
  'WRONG_COUNTY_KEY',
  /** seq is not the next number for this device and epoch. */
  'SEQUENCE_GAP',
  /** header.prev is not the hash of the stored batch before it. */
  'CHAIN_BROKEN',
  /** Different bytes for a sequence number that is already taken. */
  'CONFLICT',
  /** The key file could not be opened with this passphrase (or was altered). */
  'WRONG_PASSPHRASE',
  /** The key file is not a county key file this code can read. */
  'BAD_KEY_FILE',
  /** An enrolment code that is unknown, expired, or already redeemed by another device key. */
  'ENROLMENT_REFUSED',
  /** A station name that is empty or too long for an enrolment code. */
  'INVALID_STATION',
  /** county.json (or $COUNTY_DATABASE_URL) is missing or not valid. */
  'BAD_CONFIG',
  /** `init` found a county already in the directory and will not overwrite it. */
  'COUNTY_EXISTS',
  /** The device was revoked (`county revoke`): its uploads and enrolment replays are refused. */
  'DEVICE_REVOKED',
  /** The county database (or a sealed row) does not open: no key, or not this county's key. */
  'DATABASE_LOCKED',
  /** A county made by an older version (plain database, key file 1): run `county upgrade`. */
  'UPGRADE_NEEDED',
] as const;

export type CountyErrorCode = (typeof COUNTY_ERROR_CODES)[number];

export class CountyError extends Error {
  override readonly name = 'CountyError';
  constructor(
    readonly code: CountyErrorCode,
    readonly reason: string = code,
  ) {
    super(`${code}: ${reason}`);
  }
}

export function isCountyError(e: unknown): e is CountyError {
  return e instanceof CountyError;
}
