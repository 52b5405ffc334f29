import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  randomBytes,
  scryptSync,
  timingSafeEqual,
} from 'node:crypto';
import { DomainError } from '../../shared/errors';
import { uuidv7 } from './ids';
import {
  KEYRING_FORMAT,
  KEYRING_SUITE,
  KEYRING_VERSION,
  keyringExists,
  readKeyring,
  writeKeyring,
  type Keyring,
  type RecoverySlot,
  type ScryptParams,
  type Slot,
  type UserSlot,
} from './keyring-file';
import { normalizeRecoveryCode } from './recovery-code';

/*
 * Key slots (docs/architecture.md "Store"). The database key is 32 random bytes. Each slot holds it
 * sealed with AES-256-GCM under a key derived with scrypt from a user's password (user slot) or from the
 * recovery code (recovery slot). A password change re-wraps one slot; other slots are left byte-identical.
 * The GCM associated data binds a slot to its id, kind and user, so slots cannot be swapped or relabelled.
 */

export { KEYRING_FILE, keyringExists } from './keyring-file';
export { generateRecoveryCode, normalizeRecoveryCode } from './recovery-code';

export const DATABASE_FILE = 'desk.db';
export const DB_KEY_BYTES = 32;

/** scrypt cost: N=2^15, r=8, p=1 (~32 MiB, ~0.1 s). Stored per slot so it can be raised later. */
const SCRYPT_DEFAULTS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_CHECK_LABEL = 'counseldesk-keyring key check v1';

export function generateDatabaseKey(): Buffer {
  return randomBytes(DB_KEY_BYTES);
}

export function createKeyring(
  dir: string,
  dbKey: Buffer,
  admin: { userId: string; username: string; password: string },
  recoveryCode: string,
): void {
  assertKeyShape(dbKey);
  if (keyringExists(dir)) throw new DomainError('ALREADY_SET_UP');
  const keyringSalt = randomBytes(32);
  const keyring: Keyring = {
    format: KEYRING_FORMAT,
    version: KEYRING_VERSION,
    suite: KEYRING_SUITE,
    keyringSalt: keyringSalt.toString('base64'),
    keyCheck: keyCheckOf(dbKey),
    slots: [],
  };
  keyring.slots.push(sealUserSlot(keyring, dbKey, admin));
  keyring.slots.push(sealRecoverySlot(dbKey, recoveryCode));
  writeKeyring(dir, keyring);
}

/**
 * The database key and user id, or null for an unknown user or a wrong password. An unknown user costs
 * the same scrypt work as a known one, so timing does not tell which usernames exist.
 */
export function unwrapWithPassword(
  dir: string,
  username: string,
  password: string,
): { dbKey: Buffer; userId: string } | null {
  const keyring = readKeyring(dir);
  const slot = findUserSlot(keyring, username);
  if (!slot) {
    deriveKek(passwordBytes(password), {
      name: 'scrypt',
      ...SCRYPT_DEFAULTS,
      salt: randomBytes(16).toString('base64'),
    });
    return null;
  }
  const dbKey = openSlot(keyring, slot, passwordBytes(password));
  return dbKey ? { dbKey, userId: slot.userId } : null;
}

/**
 * The account id of the slot a username would open, or null if none: lets a failed sign-in be
 * attributed to an account in the audit log without storing the username anywhere in clear. It costs
 * no scrypt work, so call it only after the password attempt has been paid for.
 */
export function slotUserIdFor(dir: string, username: string): string | null {
  return findUserSlot(readKeyring(dir), username)?.userId ?? null;
}

export function unwrapWithRecoveryCode(dir: string, recoveryCode: string): Buffer | null {
  const keyring = readKeyring(dir);
  const slot = keyring.slots.find((s): s is RecoverySlot => s.kind === 'recovery');
  if (!slot) return null;
  return openSlot(keyring, slot, recoveryBytes(recoveryCode));
}

/** Adds or replaces one user's slot (in place); every other slot is written back unchanged. */
export function setUserSlot(
  dir: string,
  dbKey: Buffer,
  user: { userId: string; username: string; password: string },
): void {
  const keyring = readKeyring(dir);
  assertKeyMatches(keyring, dbKey);
  const slot = sealUserSlot(keyring, dbKey, user);
  // A stale slot under the same username (another userId) would make the lookup ambiguous: drop it.
  const slots = keyring.slots.filter(
    (s) => !(s.kind === 'user' && s.lookup === slot.lookup && s.userId !== user.userId),
  );
  const at = slots.findIndex((s) => s.kind === 'user' && s.userId === user.userId);
  if (at >= 0) slots[at] = slot;
  else slots.push(slot);
  writeKeyring(dir, { ...keyring, slots });
}

export function removeUserSlot(dir: string, userId: string): void {
  const keyring = readKeyring(dir);
  const slots = keyring.slots.filter((s) => !(s.kind === 'user' && s.userId === userId));
  if (slots.length !== keyring.slots.length) writeKeyring(dir, { ...keyring, slots });
}

/** Replaces (in place) or adds the recovery slot, e.g. after a new recovery code is generated. */
export function setRecoverySlot(dir: string, dbKey: Buffer, recoveryCode: string): void {
  const keyring = readKeyring(dir);
  assertKeyMatches(keyring, dbKey);
  const slot = sealRecoverySlot(dbKey, recoveryCode);
  const slots = [...keyring.slots];
  const at = slots.findIndex((s) => s.kind === 'recovery');
  if (at >= 0) slots[at] = slot;
  else slots.push(slot);
  writeKeyring(dir, { ...keyring, slots });
}

// ── internals ────────────────────────────────────────────────────────────────────────────────────────

function passwordBytes(password: string): Buffer {
  // NFC so the same password typed through different input methods derives the same key (RFC 8265).
  return Buffer.from(password.normalize('NFC'), 'utf8');
}

function recoveryBytes(code: string): Buffer {
  return Buffer.from(normalizeRecoveryCode(code), 'utf8');
}

function lookupOf(keyring: Keyring, username: string): string {
  return createHmac('sha256', Buffer.from(keyring.keyringSalt, 'base64'))
    .update(username.toLowerCase(), 'utf8')
    .digest('hex');
}

function findUserSlot(keyring: Keyring, username: string): UserSlot | undefined {
  const wanted = Buffer.from(lookupOf(keyring, username), 'hex');
  let found: UserSlot | undefined;
  // Compare against every slot in constant time; no early exit.
  for (const s of keyring.slots) {
    if (s.kind === 'user' && timingSafeEqual(Buffer.from(s.lookup, 'hex'), wanted)) found = s;
  }
  return found;
}

function keyCheckOf(dbKey: Buffer): string {
  return createHmac('sha256', dbKey).update(KEY_CHECK_LABEL, 'utf8').digest('hex');
}

function keyMatches(keyring: Keyring, dbKey: Buffer): boolean {
  return timingSafeEqual(Buffer.from(keyCheckOf(dbKey), 'hex'), Buffer.from(keyring.keyCheck, 'hex'));
}

function assertKeyShape(dbKey: Buffer): void {
  if (dbKey.length !== DB_KEY_BYTES) throw new RangeError('database key must be 32 bytes');
}

/** Refuses to seal a key other than this keyring's database key (that slot would open nothing). */
function assertKeyMatches(keyring: Keyring, dbKey: Buffer): void {
  assertKeyShape(dbKey);
  if (!keyMatches(keyring, dbKey)) throw new DomainError('WRONG_KEY');
}

function deriveKek(secret: Buffer, kdf: ScryptParams): Buffer {
  const { N, r, p } = kdf;
  return scryptSync(secret, Buffer.from(kdf.salt, 'base64'), 32, { N, r, p, maxmem: 256 * N * r * p });
}

/** Associated data: everything that says what the slot is, so no field can be edited or swapped. */
function aadOf(slot: { id: string; kind: Slot['kind']; userId?: string }): Buffer {
  return Buffer.from(
    JSON.stringify([KEYRING_FORMAT, KEYRING_VERSION, KEYRING_SUITE, slot.kind, slot.id, slot.userId ?? null]),
    'utf8',
  );
}

function seal(dbKey: Buffer, secret: Buffer, aad: Buffer) {
  const kdf: ScryptParams = { name: 'scrypt', ...SCRYPT_DEFAULTS, salt: randomBytes(16).toString('base64') };
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', deriveKek(secret, kdf), iv, { authTagLength: 16 });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(dbKey), cipher.final()]);
  return {
    kdf,
    iv: iv.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

function sealUserSlot(
  keyring: Keyring,
  dbKey: Buffer,
  user: { userId: string; username: string; password: string },
): UserSlot {
  const head = { id: uuidv7(), kind: 'user' as const, userId: user.userId };
  return {
    ...head,
    lookup: lookupOf(keyring, user.username),
    ...seal(dbKey, passwordBytes(user.password), aadOf(head)),
  };
}

function sealRecoverySlot(dbKey: Buffer, recoveryCode: string): RecoverySlot {
  const head = { id: uuidv7(), kind: 'recovery' as const };
  return { ...head, ...seal(dbKey, recoveryBytes(recoveryCode), aadOf(head)) };
}

/** The database key, or null if the secret is wrong (GCM authentication fails). */
function openSlot(keyring: Keyring, slot: Slot, secret: Buffer): Buffer | null {
  const decipher = createDecipheriv(
    'aes-256-gcm',
    deriveKek(secret, slot.kdf),
    Buffer.from(slot.iv, 'base64'),
    {
      authTagLength: 16,
    },
  );
  decipher.setAAD(aadOf(slot));
  decipher.setAuthTag(Buffer.from(slot.tag, 'base64'));
  let dbKey: Buffer;
  try {
    dbKey = Buffer.concat([decipher.update(Buffer.from(slot.ciphertext, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
  // An authentic slot holding some other key means the keyring is inconsistent, not that the secret is wrong.
  if (!keyMatches(keyring, dbKey))
    throw new DomainError('STORE_CORRUPT', { file: 'keyring.json', problem: 'slot key mismatch' });
  return dbKey;
}
