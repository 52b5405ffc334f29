import { Aes256Gcm, CipherSuite, DhkemX25519HkdfSha256, HkdfSha256 } from '@hpke/core';
import { isStrictEd25519PublicKey, isStrictEd25519SignatureEncoding } from './ed25519-checks';
import { concatBytes, copyBytes, fromBase64Url, hexConstant, toHex, type Bytes } from './bytes';
import { SyncFormatError } from './errors';

/**
 * Keys travel and rest as raw 32-byte strings (hex in text files), the forms RFC 7748, RFC 8032 and
 * RFC 9180 define, so any language can use them:
 * - X25519 (county encryption key): public = u-coordinate, private = the 32-byte scalar as generated
 *   (RFC 9180 SerializePrivateKey; clamping happens at use).
 * - Ed25519 (device key, county receipt key): public = the encoded point A, private = the 32-byte seed.
 * WebCrypto cannot import raw private keys, so they are wrapped in the fixed 16-byte PKCS#8 prefix.
 */
export const KEY_LENGTH = 32;

export interface RawKeyPair {
  publicKey: Bytes;
  privateKey: Bytes;
}

const PKCS8_ED25519_PREFIX = hexConstant('302e020100300506032b657004220420');
const PKCS8_X25519_PREFIX = hexConstant('302e020100300506032b656e04220420');
const ED25519 = { name: 'Ed25519' } as const;
const X25519 = { name: 'X25519' } as const;

type WebKey = Awaited<ReturnType<typeof crypto.subtle.generateKey>>;
type WebKeyPair = Extract<WebKey, { privateKey: unknown }>;
type CryptoKeyLike = Awaited<ReturnType<typeof crypto.subtle.importKey>>;
type HpkeSuite = InstanceType<typeof CipherSuite>;

let suite: HpkeSuite | undefined;

/** DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM — RFC 9180 ids 0x0020, 0x0001, 0x0002. */
export function hpkeSuite(): HpkeSuite {
  suite ??= new CipherSuite({
    kem: new DhkemX25519HkdfSha256(),
    kdf: new HkdfSha256(),
    aead: new Aes256Gcm(),
  });
  return suite;
}

function checkLength(raw: Uint8Array, what: string): Bytes {
  if (raw.length !== KEY_LENGTH) throw new SyncFormatError('BAD_KEY', `${what} must be ${KEY_LENGTH} bytes`);
  return copyBytes(raw);
}

async function rawPair(pair: WebKeyPair): Promise<RawKeyPair> {
  const publicKey = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  const jwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
  if (typeof jwk.d !== 'string') throw new SyncFormatError('BAD_KEY', 'private key did not export');
  return { publicKey, privateKey: fromBase64Url(jwk.d) };
}

/** A fresh X25519 pair (the county's encryption key). */
export async function generateEncryptionKeyPair(): Promise<RawKeyPair> {
  return rawPair((await crypto.subtle.generateKey(X25519, true, ['deriveBits'])) as WebKeyPair);
}

/** A fresh Ed25519 pair (a device key, or the county's receipt key). */
export async function generateSigningKeyPair(): Promise<RawKeyPair> {
  return rawPair((await crypto.subtle.generateKey(ED25519, true, ['sign', 'verify'])) as WebKeyPair);
}

async function publicFromPrivate(
  prefix: Uint8Array,
  algorithm: { name: string },
  usages: ('deriveBits' | 'sign')[],
  raw: Uint8Array,
  what: string,
): Promise<Bytes> {
  try {
    const key = await crypto.subtle.importKey(
      'pkcs8',
      concatBytes(prefix, checkLength(raw, what)),
      algorithm,
      true,
      usages,
    );
    const jwk = await crypto.subtle.exportKey('jwk', key);
    if (typeof jwk.x !== 'string') throw new Error('no public part');
    return fromBase64Url(jwk.x);
  } catch (e) {
    if (e instanceof SyncFormatError) throw e;
    throw new SyncFormatError('BAD_KEY', `${what} is not a valid key`);
  }
}

/** WebCrypto X25519 key for HPKE. Extractable because DHKEM serializes pkR into its KEM context. */
export async function importEncryptionPublicKey(raw: Uint8Array): Promise<CryptoKeyLike> {
  try {
    return await crypto.subtle.importKey('raw', checkLength(raw, 'X25519 public key'), X25519, true, []);
  } catch (e) {
    if (e instanceof SyncFormatError) throw e;
    throw new SyncFormatError('BAD_KEY', 'X25519 public key is not a valid key');
  }
}

/** WebCrypto X25519 private key for HPKE (extractable: DHKEM derives pk(skR) from it on open). */
export async function importEncryptionPrivateKey(raw: Uint8Array): Promise<CryptoKeyLike> {
  try {
    const pkcs8 = concatBytes(PKCS8_X25519_PREFIX, checkLength(raw, 'X25519 private key'));
    return await crypto.subtle.importKey('pkcs8', pkcs8, X25519, true, ['deriveBits']);
  } catch (e) {
    if (e instanceof SyncFormatError) throw e;
    throw new SyncFormatError('BAD_KEY', 'X25519 private key is not a valid key');
  }
}

/** The X25519 public key belonging to a raw private key. */
export function encryptionPublicKey(privateKey: Uint8Array): Promise<Bytes> {
  return publicFromPrivate(PKCS8_X25519_PREFIX, X25519, ['deriveBits'], privateKey, 'X25519 private key');
}

/** The Ed25519 public key belonging to a raw seed. */
export function signingPublicKey(privateKey: Uint8Array): Promise<Bytes> {
  return publicFromPrivate(PKCS8_ED25519_PREFIX, ED25519, ['sign'], privateKey, 'Ed25519 private key');
}

export async function sha256(data: Uint8Array): Promise<Bytes> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', copyBytes(data)));
}

/** Lowercase hex SHA-256 of a raw 32-byte public key: what the header pins and what people compare by phone. */
export async function fingerprint(publicKeyRaw: Uint8Array): Promise<string> {
  return toHex(await sha256(checkLength(publicKeyRaw, 'public key')));
}

/** Ed25519 (RFC 8032, pure, no context) over `data`. */
export async function signBytes(privateKey: Uint8Array, data: Uint8Array): Promise<Bytes> {
  let key: CryptoKeyLike;
  try {
    key = await crypto.subtle.importKey(
      'pkcs8',
      concatBytes(PKCS8_ED25519_PREFIX, checkLength(privateKey, 'Ed25519 private key')),
      ED25519,
      false,
      ['sign'],
    );
  } catch (e) {
    if (e instanceof SyncFormatError) throw e;
    throw new SyncFormatError('BAD_KEY', 'Ed25519 private key is not a valid key');
  }
  return new Uint8Array(await crypto.subtle.sign(ED25519, key, copyBytes(data)));
}

/** True only for a valid signature; a malformed public key is BAD_KEY, not a silent false. */
export async function verifyBytes(
  publicKey: Uint8Array,
  signature: Uint8Array,
  data: Uint8Array,
): Promise<boolean> {
  let key: CryptoKeyLike;
  try {
    // Canonical, on the curve, not of small order (ed25519-checks.ts; docs/sync-format.md § Strictness).
    if (!isStrictEd25519PublicKey(checkLength(publicKey, 'Ed25519 public key'))) throw new Error('weak key');
    key = await crypto.subtle.importKey('raw', copyBytes(publicKey), ED25519, false, ['verify']);
  } catch (e) {
    if (e instanceof SyncFormatError) throw e;
    throw new SyncFormatError('BAD_KEY', 'Ed25519 public key is not a valid key');
  }
  // R canonical and S < L, whatever the library would let through.
  if (!isStrictEd25519SignatureEncoding(signature)) return false;
  return crypto.subtle.verify(ED25519, key, copyBytes(signature), copyBytes(data));
}
