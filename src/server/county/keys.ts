import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes, scrypt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import {
  SUITE,
  encryptionPublicKey,
  fingerprint,
  fromHex,
  generateEncryptionKeyPair,
  generateSigningKeyPair,
  signingPublicKey,
  toHex,
  type Bytes,
  type RawKeyPair,
} from '../../shared/sync';
import { writeFileAtomic } from '../atomic-file';
import { CountyError } from '../errors';

/**
 * The county's key material: an X25519 pair that opens batches, an Ed25519 pair that signs receipts, and
 * the county database key (32 random bytes: the SQLCipher key of the SQLite store, the root of the
 * row-sealing key on PostgreSQL). At rest (county-keys.json, docs/county-server.md "The key file") the
 * public keys are clear (they are shown and compared by phone) and every secret — both private keys, the
 * database key and the TLS private key — is one AES-256-GCM blob under a scrypt key from the passphrase.
 */
export interface CountyKeys {
  encryption: RawKeyPair;
  signing: RawKeyPair;
  /** Fingerprint of the encryption public key: what every batch header pins. */
  fingerprint: string;
  /** The county database key (32 bytes). */
  databaseKey: Uint8Array;
}

/** What the key file holds once unlocked: the keys, and the TLS private key (PEM) if one was sealed. */
export interface CountySecrets {
  keys: CountyKeys;
  tlsKeyPem: string | null;
}

export const COUNTY_KEYS_FILE = 'county-keys.json';
export const KEY_FILE_FORMAT = 'counseldesk-county-keys';
/** 2: adds the database key and the TLS private key to the sealed secret (1: the two private keys only). */
export const KEY_FILE_VERSION = 2;

/** scrypt N=2^15, r=8, p=1 needs 128·N·r = 32 MiB, exactly node's default maxmem, so allow double. */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;
const SCRYPT_MAXMEM = 64 * 1024 * 1024;
/** Version 1's secret: X25519 private ‖ Ed25519 private. */
const PRIVATE_LENGTH = 64;
/** Version 2's secret: X25519 private ‖ Ed25519 private ‖ database key ‖ TLS key (PKCS#8 DER, may be empty). */
const FIXED_SECRET_LENGTH = 96;
const MAX_TLS_KEY_DER = 4096;

const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`), 'lowercase hex');

const keyFileFields = z.strictObject({
  format: z.literal(KEY_FILE_FORMAT),
  version: z.number(),
  suite: z.literal(SUITE),
  encryptionPublicKey: hex(32),
  signingPublicKey: hex(32),
  kdf: z.strictObject({
    name: z.literal('scrypt'),
    N: z.literal(SCRYPT.N),
    r: z.literal(SCRYPT.r),
    p: z.literal(SCRYPT.p),
    salt: hex(16),
  }),
  cipher: z.literal('aes-256-gcm'),
  iv: hex(12),
  ciphertext: z.string().regex(/^(?:[0-9a-f]{2})+$/, 'lowercase hex'),
  tag: hex(16),
});
const keyFileSchema = keyFileFields
  .extend({ version: z.union([z.literal(1), z.literal(KEY_FILE_VERSION)]) })
  .refine(
    (file) =>
      file.version === 1
        ? file.ciphertext.length === PRIVATE_LENGTH * 2
        : file.ciphertext.length >= FIXED_SECRET_LENGTH * 2 &&
          file.ciphertext.length <= (FIXED_SECRET_LENGTH + MAX_TLS_KEY_DER) * 2,
    { path: ['ciphertext'], message: 'length' },
  );

type KeyFile = z.infer<typeof keyFileSchema>;

export async function generateCountyKeys(): Promise<CountyKeys> {
  const encryption = await generateEncryptionKeyPair();
  const signing = await generateSigningKeyPair();
  const databaseKey = copy(randomBytes(32));
  return { encryption, signing, fingerprint: await fingerprint(encryption.publicKey), databaseKey };
}

function tlsKeyDer(pem: string): Buffer {
  return createPrivateKey(pem).export({ type: 'pkcs8', format: 'der' });
}

function tlsKeyPem(der: Buffer): string {
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })
    .export({ type: 'pkcs8', format: 'pem' })
    .toString();
}

function deriveKey(passphrase: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), salt, 32, { ...SCRYPT, maxmem: SCRYPT_MAXMEM }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** Everything clear in the file is bound to the ciphertext as AES-GCM associated data. */
function associatedData(file: Omit<KeyFile, 'ciphertext' | 'tag'>): Buffer {
  const { format, version, suite, encryptionPublicKey, signingPublicKey, kdf, cipher, iv } = file;
  const parts = [format, version, suite, encryptionPublicKey, signingPublicKey, kdf.name, kdf.N, kdf.r];
  return Buffer.from([...parts, kdf.p, kdf.salt, cipher, iv].join('|'), 'utf8');
}

/** Writes the key file (version 2), sealing the TLS private key with the rest when given. */
export async function saveCountyKeys(
  path: string,
  keys: CountyKeys,
  passphrase: string,
  options: { tlsKeyPem?: string } = {},
): Promise<void> {
  if (passphrase.length === 0) throw new CountyError('WRONG_PASSPHRASE', 'empty passphrase');
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const clear = {
    format: KEY_FILE_FORMAT,
    version: KEY_FILE_VERSION,
    suite: SUITE,
    encryptionPublicKey: toHex(keys.encryption.publicKey),
    signingPublicKey: toHex(keys.signing.publicKey),
    kdf: { name: 'scrypt', ...SCRYPT, salt: salt.toString('hex') },
    cipher: 'aes-256-gcm',
    iv: iv.toString('hex'),
  } as const;
  const key = await deriveKey(passphrase, salt);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(associatedData(clear));
  if (keys.databaseKey.length !== 32) throw new RangeError('county database key must be 32 bytes');
  const tls = options.tlsKeyPem === undefined ? Buffer.alloc(0) : tlsKeyDer(options.tlsKeyPem);
  if (tls.length > MAX_TLS_KEY_DER) throw new RangeError('TLS private key too large');
  const secret = Buffer.concat([keys.encryption.privateKey, keys.signing.privateKey, keys.databaseKey, tls]);
  const ciphertext = Buffer.concat([cipher.update(secret), cipher.final()]);
  secret.fill(0);
  const file: KeyFile = {
    ...clear,
    ciphertext: ciphertext.toString('hex'),
    tag: cipher.getAuthTag().toString('hex'),
  };
  writeFileAtomic(path, `${JSON.stringify(file, null, 2)}\n`);
}

function readKeyFile(path: string): KeyFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    // Missing or not readable is another repair than a damaged file: say which (a system code, no path).
    const code = (e as { code?: unknown } | null)?.code;
    throw new CountyError('BAD_KEY_FILE', `cannot be read${typeof code === 'string' ? ` (${code})` : ''}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CountyError('BAD_KEY_FILE', 'not JSON');
  }
  const checked = keyFileSchema.safeParse(value);
  if (!checked.success) {
    const paths = checked.error.issues.map((issue) => issue.path.join('.') || '(root)');
    throw new CountyError('BAD_KEY_FILE', `invalid field(s): ${[...new Set(paths)].join(', ')}`);
  }
  return checked.data;
}

/** The clear public halves of a key file (no passphrase needed): what `county enrol` shows for comparison. */
export function readCountyPublicKeys(path: string): {
  encryptionPublicKey: Uint8Array;
  signingPublicKey: Uint8Array;
} {
  return publicKeysOf(readKeyFile(path));
}

function publicKeysOf(file: KeyFile): { encryptionPublicKey: Bytes; signingPublicKey: Bytes } {
  return {
    encryptionPublicKey: fieldBytes(file.encryptionPublicKey, 'encryptionPublicKey'),
    signingPublicKey: fieldBytes(file.signingPublicKey, 'signingPublicKey'),
  };
}

/** A hex field of the key file (its schema checked the digits; a field that still is not hex is refused). */
function fieldBytes(text: string, field: string): Bytes {
  const bytes = fromHex(text);
  if (!bytes) throw new CountyError('BAD_KEY_FILE', `invalid field(s): ${field}`);
  return bytes;
}

/** Unlocks the key file; WRONG_PASSPHRASE if the passphrase is wrong or any byte of the file changed. */
export async function loadCountyKeys(path: string, passphrase: string): Promise<CountyKeys> {
  return (await loadCountySecrets(path, passphrase)).keys;
}

/** The keys and the sealed TLS key; UPGRADE_NEEDED for a version 1 file (`county upgrade` rewrites it). */
export async function loadCountySecrets(path: string, passphrase: string): Promise<CountySecrets> {
  const unlocked = await unlockKeyFile(path, passphrase);
  if (unlocked.version === 1 || !unlocked.databaseKey) {
    throw new CountyError('UPGRADE_NEEDED', 'county key file version 1: run `county upgrade`');
  }
  const { encryption, signing, fingerprint: print, databaseKey, tlsKeyPem: tls } = unlocked;
  return { keys: { encryption, signing, fingerprint: print, databaseKey }, tlsKeyPem: tls };
}

export interface UnlockedKeyFile {
  version: number;
  encryption: RawKeyPair;
  signing: RawKeyPair;
  fingerprint: string;
  /** Null in a version 1 file. */
  databaseKey: Uint8Array | null;
  tlsKeyPem: string | null;
}

/** Any version's key file, unlocked (`county upgrade` reads version 1 with it). */
export async function unlockKeyFile(path: string, passphrase: string): Promise<UnlockedKeyFile> {
  const file = readKeyFile(path);
  const salt = Buffer.from(fieldBytes(file.kdf.salt, 'kdf.salt'));
  const iv = Buffer.from(fieldBytes(file.iv, 'iv'));
  const tag = Buffer.from(fieldBytes(file.tag, 'tag'));
  const ciphertext = Buffer.from(fieldBytes(file.ciphertext, 'ciphertext'));
  const publicKeys = publicKeysOf(file);
  const key = await deriveKey(passphrase, salt);
  let secret: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(associatedData(file));
    decipher.setAuthTag(tag);
    secret = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    throw new CountyError('WRONG_PASSPHRASE', 'the key file does not open with this passphrase');
  }
  const encryption = { publicKey: publicKeys.encryptionPublicKey, privateKey: copy(secret.subarray(0, 32)) };
  const signing = { publicKey: publicKeys.signingPublicKey, privateKey: copy(secret.subarray(32, 64)) };
  const databaseKey = file.version === 1 ? null : copy(secret.subarray(64, FIXED_SECRET_LENGTH));
  const tlsDer = file.version === 1 ? Buffer.alloc(0) : Buffer.from(secret.subarray(FIXED_SECRET_LENGTH));
  secret.fill(0);
  // The clear public keys are covered by the GCM tag, but a pair that does not match is still refused.
  if (toHex(await encryptionPublicKey(encryption.privateKey)) !== file.encryptionPublicKey) {
    throw new CountyError('BAD_KEY_FILE', 'encryption key pair does not match');
  }
  if (toHex(await signingPublicKey(signing.privateKey)) !== file.signingPublicKey) {
    throw new CountyError('BAD_KEY_FILE', 'signing key pair does not match');
  }
  let tls: string | null = null;
  if (tlsDer.length > 0) {
    try {
      tls = tlsKeyPem(tlsDer);
    } catch {
      throw new CountyError('BAD_KEY_FILE', 'sealed TLS key is not a private key');
    } finally {
      tlsDer.fill(0);
    }
  }
  return {
    version: file.version,
    encryption,
    signing,
    fingerprint: await fingerprint(encryption.publicKey),
    databaseKey,
    tlsKeyPem: tls,
  };
}

function copy(source: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(source.length);
  out.set(source);
  return out;
}
