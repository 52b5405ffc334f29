import { hkdfSync, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { currentScryptCost } from './keyring';
import {
  CASE_ARCHIVE_SUITE,
  DEFAULT_CHUNK_BYTES,
  DESK_BACKUP_SUITE,
  encodeHeader,
  MAX_HEADER_BYTES,
  parseHeader,
  SEALED_FORMAT,
  SEALED_VERSION,
  SealedFileError,
  type CaseArchiveHeader,
  type DeskBackupHeader,
  type SealedHeader,
} from './sealed-header';

/*
 * Key derivation of sealed files (docs/archive-format.md "Keys"). A master secret — scrypt of the
 * passphrase (case archives) or HKDF of the database key (desk backups), both under a random per-file
 * salt — gives two independent HKDF outputs: the content key and a 16-byte check value stored in the
 * header, so a wrong passphrase is told apart from a damaged file before any chunk is read.
 */

const DESK_BACKUP_INFO = 'counseldesk desk-backup v1';
const CONTENT_INFO = 'counseldesk sealed content v1';
const CHECK_INFO = 'counseldesk sealed check v1';
const SALT_BYTES = 16;
const KEY_BYTES = 32;

/** A content key plus the clear header from which the right person can derive it again. */
export interface SealingKey {
  readonly header: SealedHeader;
  readonly key: Buffer;
}

/** Fixed inputs for test vectors and tests; the desk itself always takes the defaults. */
export interface SealingOptions {
  /** 16 bytes; random by default. */
  salt?: Buffer;
  /** Plaintext bytes per chunk; DEFAULT_CHUNK_BYTES (1 MiB) by default. */
  chunkBytes?: number;
}

/** A case-archive key from a passphrase, at the desk's scrypt cost (keyring.ts), off the main thread. */
export async function passphraseSealingKey(
  passphrase: string,
  options: SealingOptions & { cost?: { N: number } } = {},
): Promise<SealingKey> {
  const { r, p, ...desk } = currentScryptCost();
  if (r !== 8 || p !== 1) throw new Error('sealed files use scrypt r = 8, p = 1');
  const N = options.cost?.N ?? desk.N;
  const salt = saltOf(options);
  const master = await scryptMaster(passphrase, salt, N, r, p);
  const header: CaseArchiveHeader = {
    format: SEALED_FORMAT,
    version: SEALED_VERSION,
    kind: 'case-archive',
    suite: CASE_ARCHIVE_SUITE,
    kdf: { N, r: 8, p: 1, salt: salt.toString('base64') },
    check: checkValue(master).toString('base64'),
    chunkBytes: options.chunkBytes ?? DEFAULT_CHUNK_BYTES,
  };
  return sealingKey(header, master);
}

/**
 * A desk-backup key from the 32-byte database key. `keyring` is the parsed keyring.json, carried in the
 * header so a fresh installation can open the database key with a password or the recovery code.
 */
export function databaseKeySealingKey(
  dbKey: Buffer,
  keyring: unknown,
  options: SealingOptions = {},
): SealingKey {
  assertDatabaseKey(dbKey);
  if (typeof keyring !== 'object' || keyring === null || Array.isArray(keyring))
    throw new Error('the keyring must be a JSON object');
  const salt = saltOf(options);
  const master = databaseKeyMaster(dbKey, salt);
  const header: DeskBackupHeader = {
    format: SEALED_FORMAT,
    version: SEALED_VERSION,
    kind: 'desk-backup',
    suite: DESK_BACKUP_SUITE,
    salt: salt.toString('base64'),
    keyring: keyring as Record<string, unknown>,
    check: checkValue(master).toString('base64'),
    chunkBytes: options.chunkBytes ?? DEFAULT_CHUNK_BYTES,
  };
  return sealingKey(header, master);
}

/** The content key of a case archive; WRONG_PASSPHRASE when the check value differs. */
export async function keyFromPassphrase(header: SealedHeader, passphrase: string): Promise<Buffer> {
  if (header.kind !== 'case-archive') throw new SealedFileError('WRONG_KIND', 'not a case archive');
  const { N, r, p, salt } = header.kdf;
  return checkedContentKey(header, await scryptMaster(passphrase, Buffer.from(salt, 'base64'), N, r, p));
}

/** The content key of a desk backup; WRONG_PASSPHRASE when the check value differs. */
export function keyFromDatabaseKey(header: SealedHeader, dbKey: Buffer): Buffer {
  if (header.kind !== 'desk-backup') throw new SealedFileError('WRONG_KIND', 'not a desk backup');
  assertDatabaseKey(dbKey);
  return checkedContentKey(header, databaseKeyMaster(dbKey, Buffer.from(header.salt, 'base64')));
}

/** The intermediate values of a derivation, for the test vectors of docs/archive-format.md. */
export function derivedFromMaster(master: Buffer): { contentKey: Buffer; check: Buffer } {
  return { contentKey: contentKey(master), check: checkValue(master) };
}

export function scryptMaster(
  passphrase: string,
  salt: Buffer,
  N: number,
  r: number,
  p: number,
): Promise<Buffer> {
  // NFC, so the same passphrase typed through different input methods derives the same key (RFC 8265).
  const secret = Buffer.from(passphrase.normalize('NFC'), 'utf8');
  return new Promise((resolve, reject) => {
    // maxmem above the 128·N·r·p bytes scrypt needs; crypto.scrypt runs in libuv's thread pool.
    scrypt(secret, salt, KEY_BYTES, { N, r, p, maxmem: 256 * N * r * p }, (error, key) => {
      secret.fill(0);
      if (error) reject(error);
      else resolve(key);
    });
  });
}

export function databaseKeyMaster(dbKey: Buffer, salt: Buffer): Buffer {
  return hkdf(dbKey, salt, DESK_BACKUP_INFO, KEY_BYTES);
}

function sealingKey(header: SealedHeader, master: Buffer): SealingKey {
  // Whatever a writer seals, its reader must accept: the header goes through the strict parser here.
  const bytes = encodeHeader(header);
  if (bytes.length > MAX_HEADER_BYTES) throw new Error('sealed file header over 1 MiB');
  const parsed = parseHeader(bytes);
  const key = contentKey(master);
  master.fill(0);
  return { header: parsed, key };
}

function checkedContentKey(header: SealedHeader, master: Buffer): Buffer {
  const expected = Buffer.from(header.check, 'base64');
  const actual = checkValue(master);
  const match = actual.length === expected.length && timingSafeEqual(actual, expected);
  const key = contentKey(master);
  master.fill(0);
  if (!match) {
    key.fill(0);
    throw new SealedFileError('WRONG_PASSPHRASE');
  }
  return key;
}

function contentKey(master: Buffer): Buffer {
  return hkdf(master, Buffer.alloc(0), CONTENT_INFO, KEY_BYTES);
}

function checkValue(master: Buffer): Buffer {
  return hkdf(master, Buffer.alloc(0), CHECK_INFO, 16);
}

function hkdf(ikm: Buffer, salt: Buffer, info: string, length: number): Buffer {
  return Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from(info, 'utf8'), length));
}

function saltOf(options: SealingOptions): Buffer {
  if (options.salt && options.salt.length !== SALT_BYTES) throw new Error('salt must be 16 bytes');
  return options.salt ?? randomBytes(SALT_BYTES);
}

function assertDatabaseKey(dbKey: Buffer): void {
  if (dbKey.length !== KEY_BYTES) throw new Error('database key must be 32 bytes');
}
