import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  randomUUID,
  scryptSync,
} from 'node:crypto';

/*
 * An independent reader and writer of keyring.json version 2, written from docs/architecture.md
 * "Keyring format" alone (it shares no code with src/main/desk/keyring.ts): if the document and the
 * code drift apart, the tests that use it fail.
 */

interface Gcm {
  iv: string;
  ciphertext: string;
  tag: string;
}
interface SealedKeyJson extends Gcm {
  generation: number;
  ephemeralKey: string;
}
export interface SlotJson {
  id: string;
  kind: string;
  userId?: string;
  kdf: { name: string; N: number; r: number; p: number; salt?: string };
  publicKey: string;
  privateKey: Gcm;
  sealed: SealedKeyJson[];
}
export interface KeyringJson {
  format: string;
  version: number;
  suite: string;
  userSalt: string;
  databaseKeys: Array<{ generation: number; keyCheck: string; attemptKey?: string }>;
  slots: SlotJson[];
}

const b64 = (s: string) => Buffer.from(s, 'base64');
const SPKI = Buffer.from('302a300506032b656e032100', 'hex');
const PKCS8 = Buffer.from('302e020100300506032b656e04220420', 'hex');

function gcmOpen(key: Buffer, g: Gcm, aad: string): Buffer {
  const d = createDecipheriv('aes-256-gcm', key, b64(g.iv));
  d.setAAD(Buffer.from(aad, 'utf8'));
  d.setAuthTag(b64(g.tag));
  return Buffer.concat([d.update(b64(g.ciphertext)), d.final()]);
}

function gcmSeal(key: Buffer, plain: Buffer, aad: string): Gcm {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([c.update(plain), c.final()]);
  return {
    iv: iv.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    tag: c.getAuthTag().toString('base64'),
  };
}

function userSecret(username: string, password: string): Buffer {
  return Buffer.concat([
    Buffer.from('counseldesk-keyring user v2\0', 'utf8'),
    Buffer.from(username.toLowerCase(), 'utf8'),
    Buffer.from([0]),
    Buffer.from(password.normalize('NFC'), 'utf8'),
  ]);
}

function scrypt(secret: Buffer, salt: Buffer, k: { N: number; r: number; p: number }): Buffer {
  return scryptSync(secret, salt, 32, { N: k.N, r: k.r, p: k.p, maxmem: 256 * k.N * k.r * k.p });
}

const privateAad = (s: SlotJson) =>
  JSON.stringify(['counseldesk-keyring', 2, 'private-key', s.kind, s.id, s.userId ?? null, s.publicKey]);
const sealedAad = (s: { kind: string; id: string; userId?: string }, generation: number) =>
  JSON.stringify(['counseldesk-keyring', 2, 'database-key', s.kind, s.id, s.userId ?? null, generation]);

function wrappingKey(shared: Buffer, ephemeral: Buffer, publicKey: Buffer): Buffer {
  return Buffer.from(
    hkdfSync(
      'sha256',
      shared,
      Buffer.concat([ephemeral, publicKey]),
      'counseldesk-keyring v2 database key',
      32,
    ),
  );
}

/** The database keys (by generation) a user slot opens with username + password, per the document. */
export function specOpenUserSlot(
  keyring: KeyringJson,
  username: string,
  password: string,
): Map<number, Buffer> {
  for (const slot of keyring.slots.filter((s) => s.kind === 'user')) {
    const kek = scrypt(userSecret(username, password), b64(keyring.userSalt), slot.kdf);
    let raw: Buffer;
    try {
      raw = gcmOpen(kek, slot.privateKey, privateAad(slot));
    } catch {
      continue;
    }
    return openSealed(slot, raw);
  }
  return new Map();
}

/** The database keys the recovery slot opens with a recovery code (already normalized). */
export function specOpenRecoverySlot(keyring: KeyringJson, normalizedCode: string): Map<number, Buffer> {
  const slot = keyring.slots.find((s) => s.kind === 'recovery');
  if (!slot?.kdf.salt) return new Map();
  const raw = gcmOpen(
    scrypt(Buffer.from(normalizedCode, 'utf8'), b64(slot.kdf.salt), slot.kdf),
    slot.privateKey,
    privateAad(slot),
  );
  return openSealed(slot, raw);
}

function openSealed(slot: SlotJson, rawPrivate: Buffer): Map<number, Buffer> {
  const own = createPrivateKey({ key: Buffer.concat([PKCS8, rawPrivate]), format: 'der', type: 'pkcs8' });
  const out = new Map<number, Buffer>();
  for (const e of slot.sealed) {
    const eph = b64(e.ephemeralKey);
    const shared = diffieHellman({
      privateKey: own,
      publicKey: createPublicKey({ key: Buffer.concat([SPKI, eph]), format: 'der', type: 'spki' }),
    });
    out.set(
      e.generation,
      gcmOpen(wrappingKey(shared, eph, b64(slot.publicKey)), e, sealedAad(slot, e.generation)),
    );
  }
  return out;
}

/** A version-2 user slot built per the document, with a chosen scrypt cost (to test the cost upgrade). */
export function specUserSlot(
  keyring: KeyringJson,
  keys: Map<number, Buffer>,
  user: { userId: string; username: string; password: string },
  cost: { N: number; r: number; p: number },
): SlotJson {
  const head = { id: randomUUID(), kind: 'user', userId: user.userId };
  const pair = generateKeyPairSync('x25519');
  const publicKey = pair.publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('base64');
  const rawPrivate = pair.privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(16);
  const kek = scrypt(userSecret(user.username, user.password), b64(keyring.userSalt), cost);
  const slot: SlotJson = {
    ...head,
    kdf: { name: 'scrypt', ...cost },
    publicKey,
    privateKey: { iv: '', ciphertext: '', tag: '' },
    sealed: [],
  };
  slot.privateKey = gcmSeal(kek, rawPrivate, privateAad(slot));
  for (const [generation, dbKey] of [...keys].sort((a, b) => a[0] - b[0])) {
    const eph = generateKeyPairSync('x25519');
    const ephRaw = eph.publicKey.export({ format: 'der', type: 'spki' }).subarray(12);
    const shared = diffieHellman({ privateKey: eph.privateKey, publicKey: pair.publicKey });
    slot.sealed.push({
      generation,
      ephemeralKey: ephRaw.toString('base64'),
      ...gcmSeal(wrappingKey(shared, ephRaw, b64(publicKey)), dbKey, sealedAad(slot, generation)),
    });
  }
  return slot;
}
