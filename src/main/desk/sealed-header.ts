import { createHash } from 'node:crypto';
import { z } from 'zod';
import { isPlainCounterToken, parseStrictJson } from '../../shared/sync';

/*
 * The clear part of a sealed file (docs/archive-format.md "Byte layout" and "Header"): magic, header length,
 * and a strict JSON header that says how to derive the content key and nothing about the content. The
 * header holds no names and no personal data; its bytes are bound into every chunk's associated data.
 */

export type SealedKind = 'case-archive' | 'desk-backup';
export const CASE_ARCHIVE_EXTENSION = '.cdar';
export const DESK_BACKUP_EXTENSION = '.cdbk';

export const SEALED_MAGIC = Buffer.from('CDSEALED', 'ascii');
export const SEALED_FORMAT = 'counseldesk-sealed';
export const SEALED_VERSION = 1;
export const CASE_ARCHIVE_SUITE = 'scrypt-hkdf-aes256gcm';
export const DESK_BACKUP_SUITE = 'dbkey-hkdf-aes256gcm';
/** Magic (8) + header length (4). */
export const PREAMBLE_BYTES = 12;
export const MAX_HEADER_BYTES = 1024 * 1024;
export const MIN_CHUNK_BYTES = 1024;
export const MAX_CHUNK_BYTES = 16 * 1024 * 1024;
export const DEFAULT_CHUNK_BYTES = 1024 * 1024;
export const MIN_SCRYPT_LOG2_N = 14;
export const MAX_SCRYPT_LOG2_N = 20;
/** Chunk length word (4) and GCM tag (16) around each chunk's ciphertext. */
export const CHUNK_WORD_BYTES = 4;
export const TAG_BYTES = 16;
export const FINAL_FLAG = 0x8000_0000;
/**
 * The largest file a reader opens (and a writer writes): far above any archive or backup of a county
 * desk, low enough that a sparse or device-sized "file" is refused before anything reads it.
 */
export const MAX_SEALED_FILE_BYTES = 64 * 1024 ** 3;

export type SealedFileErrorCode =
  | 'NOT_SEALED'
  | 'NEWER_FORMAT'
  | 'WRONG_KIND'
  | 'WRONG_PASSPHRASE'
  | 'DAMAGED'
  | 'TRUNCATED'
  | 'UNREADABLE'
  | 'WRITE_FAILED'
  | 'DISK_FULL'
  | 'CANCELLED';

/**
 * Why a sealed file could not be written or read. The message names the code and a short technical
 * reason (an OS error code such as EIO, a chunk number) — never a path, a passphrase, a key or content.
 */
export class SealedFileError extends Error {
  override readonly name = 'SealedFileError';
  constructor(
    readonly code: SealedFileErrorCode,
    reason?: string,
    /** The OS error code behind an I/O failure (ENOSPC, EIO…), if any. */
    readonly osCode?: string,
  ) {
    super(reason ? `sealed file: ${code} (${reason})` : `sealed file: ${code}`);
  }
}

export function isSealedFileError(e: unknown): e is SealedFileError {
  return e instanceof SealedFileError;
}

const base64Of16 = z.string().refine((s) => isCanonicalBase64(s, 16), 'base64 of 16 bytes');
const chunkBytes = z.number().int().min(MIN_CHUNK_BYTES).max(MAX_CHUNK_BYTES);
const scryptN = z
  .number()
  .int()
  .refine((n) => {
    for (let e = MIN_SCRYPT_LOG2_N; e <= MAX_SCRYPT_LOG2_N; e++) if (n === 2 ** e) return true;
    return false;
  }, 'a power of two from 2^14 to 2^20');

export const caseArchiveHeaderSchema = z.strictObject({
  format: z.literal(SEALED_FORMAT),
  version: z.literal(SEALED_VERSION),
  kind: z.literal('case-archive'),
  suite: z.literal(CASE_ARCHIVE_SUITE),
  kdf: z.strictObject({ N: scryptN, r: z.literal(8), p: z.literal(1), salt: base64Of16 }),
  check: base64Of16,
  chunkBytes,
});

export const deskBackupHeaderSchema = z.strictObject({
  format: z.literal(SEALED_FORMAT),
  version: z.literal(SEALED_VERSION),
  kind: z.literal('desk-backup'),
  suite: z.literal(DESK_BACKUP_SUITE),
  salt: base64Of16,
  /** keyring.json of the desk at backup time (docs/architecture.md "Keyring format"), as a JSON object. */
  keyring: z.record(z.string(), z.unknown()),
  check: base64Of16,
  chunkBytes,
});

export type CaseArchiveHeader = z.infer<typeof caseArchiveHeaderSchema>;
export type DeskBackupHeader = z.infer<typeof deskBackupHeaderSchema>;
export type SealedHeader = CaseArchiveHeader | DeskBackupHeader;

/** Member order a header must have (the order writers use), so a header has one text for its values. */
const KEY_ORDER: Record<SealedKind, readonly string[]> = {
  'case-archive': ['format', 'version', 'kind', 'suite', 'kdf', 'check', 'chunkBytes'],
  'desk-backup': ['format', 'version', 'kind', 'suite', 'salt', 'keyring', 'check', 'chunkBytes'],
};
const KDF_KEY_ORDER = ['N', 'r', 'p', 'salt'];
/** Numbers that must be written as plain decimal integers ("1", never "1.0" or "1e0"). */
const INTEGER_MEMBERS: Record<SealedKind, readonly string[]> = {
  'case-archive': ['version', 'kdf.N', 'kdf.r', 'kdf.p', 'chunkBytes'],
  'desk-backup': ['version', 'chunkBytes'],
};

/** The header's bytes as every writer writes them: compact JSON, members in the order of the schema. */
export function encodeHeader(header: SealedHeader): Buffer {
  const common = { format: header.format, version: header.version, kind: header.kind, suite: header.suite };
  const ordered =
    header.kind === 'case-archive'
      ? {
          ...common,
          kdf: { N: header.kdf.N, r: header.kdf.r, p: header.kdf.p, salt: header.kdf.salt },
          check: header.check,
          chunkBytes: header.chunkBytes,
        }
      : {
          ...common,
          salt: header.salt,
          keyring: header.keyring,
          check: header.check,
          chunkBytes: header.chunkBytes,
        };
  return Buffer.from(JSON.stringify(ordered), 'utf8');
}

/**
 * Parses header bytes by the rules of docs/archive-format.md "Strict parsing": strict JSON (no whitespace,
 * no duplicate keys), `format` and `version` first (a newer version is NEWER_FORMAT, whatever else it
 * holds), then the schema of its kind, member order and plain integers. Anything else is DAMAGED.
 */
export function parseHeader(bytes: Buffer): SealedHeader {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new SealedFileError('DAMAGED', 'header is not UTF-8');
  }
  let parsed: ReturnType<typeof parseStrictJson>;
  try {
    parsed = parseStrictJson(text, 'header');
  } catch {
    throw new SealedFileError('DAMAGED', 'header is not strict JSON');
  }
  const value = parsed.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new SealedFileError('DAMAGED', 'header is not an object');
  const record = value as Record<string, unknown>;
  if (record.format !== SEALED_FORMAT) throw new SealedFileError('DAMAGED', 'header format');
  const version = record.version;
  if (typeof version !== 'number' || !isPlainCounterToken(parsed.numbers.get('version')))
    throw new SealedFileError('DAMAGED', 'header version');
  if (version > SEALED_VERSION) throw new SealedFileError('NEWER_FORMAT', `version ${version}`);
  if (version !== SEALED_VERSION) throw new SealedFileError('DAMAGED', 'header version');
  const kind = record.kind;
  if (kind !== 'case-archive' && kind !== 'desk-backup') throw new SealedFileError('DAMAGED', 'header kind');
  const result =
    kind === 'case-archive'
      ? caseArchiveHeaderSchema.safeParse(record)
      : deskBackupHeaderSchema.safeParse(record);
  if (!result.success) throw new SealedFileError('DAMAGED', 'header fields');
  if (!sameOrder(Object.keys(record), KEY_ORDER[kind]))
    throw new SealedFileError('DAMAGED', 'header member order');
  if (kind === 'case-archive' && !sameOrder(Object.keys(record.kdf as object), KDF_KEY_ORDER))
    throw new SealedFileError('DAMAGED', 'header member order');
  for (const member of INTEGER_MEMBERS[kind])
    if (!isPlainCounterToken(parsed.numbers.get(member)))
      throw new SealedFileError('DAMAGED', 'header number form');
  return result.data;
}

/** SHA-256(magic ‖ u32 BE H ‖ header bytes): the first 32 bytes of every chunk's associated data. */
export function headerDigest(headerBytes: Buffer): Buffer {
  return createHash('sha256').update(preamble(headerBytes.length)).update(headerBytes).digest();
}

/** Magic ‖ u32 BE header length. */
export function preamble(headerLength: number): Buffer {
  const out = Buffer.alloc(PREAMBLE_BYTES);
  SEALED_MAGIC.copy(out, 0);
  out.writeUInt32BE(headerLength, SEALED_MAGIC.length);
  return out;
}

/** Nonce of chunk i: 4 zero bytes ‖ u64 BE i. */
export function chunkNonce(index: number): Buffer {
  const nonce = Buffer.alloc(12);
  nonce.writeBigUInt64BE(BigInt(index), 4);
  return nonce;
}

/** Associated data of chunk i: header digest (32) ‖ u64 BE i ‖ u8 final. */
export function chunkAad(digest: Buffer, index: number, final: boolean): Buffer {
  const aad = Buffer.alloc(41);
  digest.copy(aad, 0);
  aad.writeBigUInt64BE(BigInt(index), 32);
  aad[40] = final ? 1 : 0;
  return aad;
}

function sameOrder(actual: readonly string[], expected: readonly string[]): boolean {
  return actual.length === expected.length && actual.every((k, i) => k === expected[i]);
}

function isCanonicalBase64(text: string, bytes: number): boolean {
  const decoded = Buffer.from(text, 'base64');
  return decoded.length === bytes && decoded.toString('base64') === text;
}
