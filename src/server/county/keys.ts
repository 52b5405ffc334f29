import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
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
 * The county's key material: an X25519 pair that opens batches and an Ed25519 pair that signs receipts.
 * At rest (county-keys.json) the public keys are clear (they are shown and compared by phone) and both
 * private keys are one AES-256-GCM blob under a scrypt key from the operator's passphrase.
 */
export interface CountyKeys {
  encryption: RawKeyPair;
  signing: RawKeyPair;
  /** Fingerprint of the encryption public key: what every batch header pins. */
  fingerprint: string;
}

export const COUNTY_KEYS_FILE = 'county-keys.json';
export const KEY_FILE_FORMAT = 'counseldesk-county-keys';
export const KEY_FILE_VERSION = 1;

/** scrypt N=2^15, r=8, p=1 needs 128·N·r = 32 MiB, exactly node's default maxmem, so allow double. */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;
const SCRYPT_MAXMEM = 64 * 1024 * 1024;
const PRIVATE_LENGTH = 64;

const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`), 'lowercase hex');

const keyFileSchema = z.strictObject({
  format: z.literal(KEY_FILE_FORMAT),
  version: z.literal(KEY_FILE_VERSION),
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
  ciphertext: hex(PRIVATE_LENGTH),
  tag: hex(16),
});

type KeyFile = z.infer<typeof keyFileSchema>;

export async function generateCountyKeys(): Promise<CountyKeys> {
  const encryption = await generateEncryptionKeyPair();
  const signing = await generateSigningKeyPair();
  return { encryption, signing, fingerprint: await fingerprint(encryption.publicKey) };
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

export async function saveCountyKeys(path: string, keys: CountyKeys, passphrase: string): Promise<void> {
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
  const secret = Buffer.concat([keys.encryption.privateKey, keys.signing.privateKey]);
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
  const signing = { publicKey: publicKeys.signingPublicKey, privateKey: copy(secret.subarray(32)) };
  secret.fill(0);
  // The clear public keys are covered by the GCM tag, but a pair that does not match is still refused.
  if (toHex(await encryptionPublicKey(encryption.privateKey)) !== file.encryptionPublicKey) {
    throw new CountyError('BAD_KEY_FILE', 'encryption key pair does not match');
  }
  if (toHex(await signingPublicKey(signing.privateKey)) !== file.signingPublicKey) {
    throw new CountyError('BAD_KEY_FILE', 'signing key pair does not match');
  }
  return { encryption, signing, fingerprint: await fingerprint(encryption.publicKey) };
}

function copy(source: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(source.length);
  out.set(source);
  return out;
}
