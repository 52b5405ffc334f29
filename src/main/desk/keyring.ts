import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  scryptSync,
  timingSafeEqual,
  type KeyObject,
} from 'node:crypto';
import { DomainError } from '../../shared/errors';
import { uuidv7 } from './ids';
import {
  KEYRING_FORMAT,
  KEYRING_SUITE,
  KEYRING_VERSION,
  LEGACY_SUITE,
  LEGACY_VERSION,
  keyringExists,
  readKeyring,
  writeKeyring,
  type DatabaseKeyEntry,
  type KeySlot,
  type Keyring,
  type LegacySlot,
  type LegacyUserSlot,
  type RecoverySlot,
  type ScryptCost,
  type ScryptParams,
  type SealedKey,
  type Slot,
  type UserSlot,
} from './keyring-file';
import { normalizeRecoveryCode } from './recovery-code';

/*
 * Key slots (docs/architecture.md "Keyring format"). The database key is 32 random bytes with a
 * generation number. Each slot is an X25519 key pair: the private key is sealed with AES-256-GCM under a
 * key derived with scrypt from a user's username and password (user slot) or from the recovery code
 * (recovery slot); the public key is in clear, and the database key is sealed to it (ephemeral X25519 →
 * HKDF-SHA256 → AES-256-GCM). So the desk can seal a NEW database key to every slot without anyone's
 * password: that is how disabling a user or replacing the recovery code rotates the key (key-rotation.ts).
 * Associated data binds every ciphertext to the slot's id, kind and user and to the keyring version (and
 * the database key generation, or the public key), so nothing can be swapped or relabelled.
 *
 * No username lookup is stored: the username is part of the scrypt input and the slot is found by trying
 * the derived key on every user slot (AES-GCM, microseconds each), so a copy of keyring.json says nothing
 * about who has an account until a whole username + password guess — one scrypt — succeeds.
 */

export { KEYRING_FILE, keyringExists } from './keyring-file';
export { generateRecoveryCode, normalizeRecoveryCode } from './recovery-code';

export const DATABASE_FILE = 'desk.db';
export const DB_KEY_BYTES = 32;

/**
 * scrypt cost of new and upgraded slots: N=2^17, r=8, p=1 — 128 MiB and ≈0.6 s on the reference machine
 * (docs/benchmarks.md "Key derivation"). Stored per slot; a slot with a lower cost is upgraded at its
 * owner's next sign-in.
 */
export const SCRYPT_COST: Readonly<Omit<ScryptCost, 'name'>> = { N: 2 ** 17, r: 8, p: 1 };

/** The cost new and upgraded slots get: SCRYPT_COST, unless a test suite chose a cheaper one. */
let scryptCost: Readonly<Omit<ScryptCost, 'name'>> = SCRYPT_COST;

/**
 * TESTS ONLY (tests/support/key-cost.setup.ts): new slots get this cheaper cost, so suites that sign in
 * hundreds of times finish in minutes; `null` restores SCRYPT_COST. The desk itself never calls this
 * (tests/unit/test-only-hooks.test.ts checks that nothing under src/ does), and nothing outside code can
 * reach it: no environment variable or setting lowers the cost of a real desk.
 */
export function setScryptCostForTests(cost: Readonly<Omit<ScryptCost, 'name'>> | null): void {
  scryptCost = cost ?? SCRYPT_COST;
}

/** The scrypt cost new slots get, and new case archives (sealed-key.ts): SCRYPT_COST outside tests. */
export function currentScryptCost(): Readonly<Omit<ScryptCost, 'name'>> {
  return scryptCost;
}

const KEY_CHECK_LABEL = 'counseldesk-keyring key check v1';
const USER_SECRET_LABEL = 'counseldesk-keyring user v2';
const SEAL_INFO = 'counseldesk-keyring v2 database key';
const ATTEMPT_INFO = 'counseldesk-keyring v2 attempt';
const ATTEMPT_KEY_INFO = 'counseldesk-keyring v2 attempt key';

/** A database key a slot yielded, with its generation. */
export interface GenerationKey {
  generation: number;
  dbKey: Buffer;
}

/** What a secret opened: the database keys it holds, newest first. */
export interface Unlocked {
  keys: GenerationKey[];
  /** The slot is a version-1 slot or has a lower scrypt cost than SCRYPT_COST: re-seal it now. */
  needsUpgrade: boolean;
}

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
  const keyring: Keyring = {
    format: KEYRING_FORMAT,
    version: KEYRING_VERSION,
    suite: KEYRING_SUITE,
    userSalt: randomBytes(32).toString('base64'),
    databaseKeys: [databaseKeyEntry(1, dbKey)],
    slots: [],
  };
  const keys = [{ generation: 1, dbKey }];
  keyring.slots.push(newUserSlot(keyring, keys, admin));
  keyring.slots.push(newRecoverySlot(keys, recoveryCode));
  writeKeyring(dir, keyring);
}

/**
 * The keys a username + password open, or null for an unknown user or a wrong password. Every attempt
 * costs the same scrypt work whether the username exists or not (one derivation per scrypt cost in use
 * by version-2 user slots; a version-1 slot found by its lookup costs its own one).
 */
export function unlockWithPassword(
  dir: string,
  username: string,
  password: string,
): (Unlocked & { userId: string }) | null {
  const keyring = readKeyring(dir);
  const legacy = findLegacyUserSlot(keyring, username);
  if (legacy) {
    const dbKey = openLegacySlot(keyring, legacy, passwordBytes(password));
    return dbKey ? { userId: legacy.userId, keys: [{ generation: 1, dbKey }], needsUpgrade: true } : null;
  }
  const secret = userSecret(username, password);
  const slots = keyring.slots.filter((s): s is UserSlot => s.kind === 'user');
  const costs = new Map<string, ScryptCost>();
  for (const s of slots) costs.set(costKey(s.kdf), s.kdf);
  if (costs.size === 0) costs.set(costKey(defaultCost()), defaultCost());
  const salt = Buffer.from(keyring.userSalt, 'base64');
  let found: { slot: UserSlot; privateKey: Buffer } | null = null;
  for (const [key, cost] of costs) {
    const kek = deriveKek(secret, cost, salt);
    // Every slot of this cost is tried (no early exit), so which one matched does not show in the timing.
    for (const slot of slots) {
      if (costKey(slot.kdf) !== key) continue;
      const privateKey = openPrivateKey(slot, kek);
      if (privateKey && !found) found = { slot, privateKey };
    }
  }
  if (!found) return null;
  const keys = openSealedKeys(keyring, found.slot, found.privateKey);
  return { userId: found.slot.userId, keys, needsUpgrade: weakerThanDefault(found.slot.kdf) };
}

export function unlockWithRecoveryCode(dir: string, recoveryCode: string): Unlocked | null {
  const keyring = readKeyring(dir);
  const slot = keyring.slots.find((s) => s.kind === 'recovery' || s.kind === 'v1-recovery');
  if (!slot) return null;
  const secret = recoveryBytes(recoveryCode);
  if (slot.kind === 'v1-recovery') {
    const dbKey = openLegacySlot(keyring, slot, secret);
    return dbKey ? { keys: [{ generation: 1, dbKey }], needsUpgrade: true } : null;
  }
  if (slot.kind !== 'recovery') return null;
  const privateKey = openPrivateKey(slot, deriveKek(secret, slot.kdf, Buffer.from(slot.kdf.salt, 'base64')));
  if (!privateKey) return null;
  return { keys: openSealedKeys(keyring, slot, privateKey), needsUpgrade: weakerThanDefault(slot.kdf) };
}

/** The newest database key a password opens (tests and tools; sign-in uses unlockWithPassword). */
export function unwrapWithPassword(
  dir: string,
  username: string,
  password: string,
): { dbKey: Buffer; userId: string } | null {
  const unlocked = unlockWithPassword(dir, username, password);
  if (!unlocked) return null;
  const [newest, ...older] = unlocked.keys;
  for (const k of older) k.dbKey.fill(0);
  return newest ? { dbKey: newest.dbKey, userId: unlocked.userId } : null;
}

/** The newest database key the recovery code opens (tests and tools). */
export function unwrapWithRecoveryCode(dir: string, recoveryCode: string): Buffer | null {
  const unlocked = unlockWithRecoveryCode(dir, recoveryCode);
  if (!unlocked) return null;
  const [newest, ...older] = unlocked.keys;
  for (const k of older) k.dbKey.fill(0);
  return newest?.dbKey ?? null;
}

/**
 * The account id of the version-1 slot a username would open, or null. Version-2 slots cannot be found
 * from a username alone (that is the point), so a failed attempt on them is attributed differently
 * (login-guard.ts). Costs no scrypt work: call it only after the password attempt has been paid for.
 */
export function slotUserIdFor(dir: string, username: string): string | null {
  return findLegacyUserSlot(readKeyring(dir), username)?.userId ?? null;
}

/** The user ids that hold a slot (version 1 or 2). */
export function slotUserIds(dir: string): string[] {
  return readKeyring(dir).slots.flatMap((s) => (s.kind === 'user' || s.kind === 'v1-user' ? [s.userId] : []));
}

/**
 * Adds or replaces one user's slot with a fresh key pair (a password set by the user, an admin's reset,
 * a new account, the upgrade of a version-1 slot). A fresh pair means an old keyring copy plus the old
 * password yields nothing that opens a later keyring's sealed keys. Every other slot is written back
 * byte-identical. The keyring must not be mid-rotation (sign-in settles it first).
 */
export function setUserSlot(
  dir: string,
  dbKey: Buffer,
  user: { userId: string; username: string; password: string },
): void {
  const keyring = readKeyring(dir);
  const keys = [{ generation: currentGeneration(keyring, dbKey), dbKey }];
  const slot = newUserSlot(keyring, keys, user);
  const slots = [...keyring.slots];
  const at = slots.findIndex((s) => (s.kind === 'user' || s.kind === 'v1-user') && s.userId === user.userId);
  if (at >= 0) slots[at] = slot;
  else slots.push(slot);
  writeKeyring(dir, withoutStaleLookup(withAttemptKey({ ...keyring, slots }, dbKey)));
}

/**
 * Re-seals a version-2 slot's private key under the current scrypt cost (same key pair, same sealed
 * database keys), or replaces a version-1 slot with a version-2 one. Needs the password just verified.
 */
export function upgradeUserSlot(
  dir: string,
  dbKey: Buffer,
  user: { userId: string; username: string; password: string },
): void {
  const keyring = readKeyring(dir);
  const at = keyring.slots.findIndex(
    (s) => (s.kind === 'user' || s.kind === 'v1-user') && s.userId === user.userId,
  );
  const old = keyring.slots[at];
  if (!old) return;
  if (old.kind === 'v1-user') {
    setUserSlot(dir, dbKey, user);
    return;
  }
  if (old.kind !== 'user' || !weakerThanDefault(old.kdf)) return;
  const secret = userSecret(user.username, user.password);
  const privateKey = openPrivateKey(old, deriveKek(secret, old.kdf, Buffer.from(keyring.userSalt, 'base64')));
  if (!privateKey) return;
  const kdf = defaultCost();
  const head = { id: old.id, kind: 'user' as const, userId: old.userId };
  const slot: UserSlot = {
    ...head,
    kdf,
    publicKey: old.publicKey,
    privateKey: sealPrivateKey(
      head,
      old.publicKey,
      privateKey,
      deriveKek(secret, kdf, Buffer.from(keyring.userSalt, 'base64')),
    ),
    sealed: old.sealed,
  };
  privateKey.fill(0);
  const slots = [...keyring.slots];
  slots[at] = slot;
  writeKeyring(dir, { ...keyring, slots });
}

export function removeUserSlot(dir: string, userId: string): void {
  const keyring = readKeyring(dir);
  const slots = keyring.slots.filter(
    (s) => !((s.kind === 'user' || s.kind === 'v1-user') && s.userId === userId),
  );
  if (slots.length !== keyring.slots.length) writeKeyring(dir, withoutStaleLookup({ ...keyring, slots }));
}

/** Replaces (in place) or adds the recovery slot. Rotation (key-rotation.ts) is the usual way. */
export function setRecoverySlot(dir: string, dbKey: Buffer, recoveryCode: string): void {
  const keyring = readKeyring(dir);
  const keys = [{ generation: currentGeneration(keyring, dbKey), dbKey }];
  const slot = newRecoverySlot(keys, recoveryCode);
  const slots = [...keyring.slots];
  const at = slots.findIndex((s) => s.kind === 'recovery' || s.kind === 'v1-recovery');
  if (at >= 0) slots[at] = slot;
  else slots.push(slot);
  writeKeyring(dir, withAttemptKey({ ...keyring, slots }, dbKey));
}

// ── failed attempts ──────────────────────────────────────────────────────────────────────────────────

/** A username sealed to the attempt key of the newest database key generation. */
export interface SealedAttempt {
  generation: number;
  ephemeralKey: string;
  iv: string;
  ciphertext: string;
  tag: string;
}

const ATTEMPT_NAME_BYTES = 64;

/**
 * The username a failed sign-in named, sealed so that only a desk unlocked with the database key can read
 * it (padded to 64 bytes, so not even its length shows); null when the keyring has no attempt key yet or
 * the name cannot be a username. login-guard.json keeps it until the next unlock writes the audit log.
 */
export function sealAttemptedUsername(dir: string, username: string): SealedAttempt | null {
  const name = Buffer.from(username.trim().toLowerCase(), 'utf8');
  if (name.length === 0 || name.length > ATTEMPT_NAME_BYTES || name.includes(0)) return null;
  const newest = readKeyring(dir).databaseKeys.at(-1);
  if (!newest?.attemptKey) return null;
  const publicKey = Buffer.from(newest.attemptKey, 'base64');
  const ephemeral = generateKeyPairSync('x25519');
  const spki = ephemeral.publicKey.export({ format: 'der', type: 'spki' });
  const ephemeralKey = spki.subarray(spki.length - 32);
  const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: publicKeyObject(publicKey) });
  const padded = Buffer.alloc(ATTEMPT_NAME_BYTES);
  name.copy(padded);
  return {
    generation: newest.generation,
    ephemeralKey: ephemeralKey.toString('base64'),
    ...gcmSeal(
      sealingKey(shared, ephemeralKey, publicKey, ATTEMPT_INFO),
      padded,
      attemptAad(newest.generation),
    ),
  };
}

/** The username in a sealed attempt, or null if `dbKey` is not the key it was sealed for. */
export function openAttemptedUsername(dbKey: Buffer, sealed: SealedAttempt): string | null {
  try {
    const own = attemptPrivateKey(dbKey);
    const publicKey = rawPublicKeyOf(own);
    const ephemeralKey = Buffer.from(sealed.ephemeralKey, 'base64');
    const shared = diffieHellman({
      privateKey: privateKeyObject(own),
      publicKey: publicKeyObject(ephemeralKey),
    });
    own.fill(0);
    const padded = gcmOpen(
      sealingKey(shared, ephemeralKey, publicKey, ATTEMPT_INFO),
      sealed,
      attemptAad(sealed.generation),
    );
    if (!padded) return null;
    const end = padded.indexOf(0);
    return padded.subarray(0, end < 0 ? padded.length : end).toString('utf8');
  } catch {
    return null;
  }
}

function attemptPrivateKey(dbKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', dbKey, Buffer.alloc(0), Buffer.from(ATTEMPT_KEY_INFO, 'utf8'), 32));
}

function attemptAad(generation: number): Buffer {
  return Buffer.from(JSON.stringify([KEYRING_FORMAT, KEYRING_VERSION, 'attempt', generation]), 'utf8');
}

// ── rotation steps (key-rotation.ts runs them around the SQLCipher rekey) ───────────────────────────

export interface RotationChange {
  /** The account whose slot goes (a disabled user). */
  removeUserId?: string;
  /** A new recovery code: the recovery slot is replaced by a fresh one holding both keys. */
  recoveryCode?: string;
}

export interface RotationBegun {
  generation: number;
  /** Accounts whose version-1 slot could not be sealed to and was dropped (they need a password reset). */
  droppedUserIds: string[];
  /** The recovery slot was a version-1 slot and was dropped (a new code must be generated). */
  droppedRecovery: boolean;
}

/**
 * Step 1 of a rotation: the keyring lists both generations, every remaining version-2 slot holds the
 * new key sealed to its public key beside the old one, the removed account's slot is gone, and
 * version-1 slots are dropped (they can only ever hold generation 1). Either key still opens the store
 * after this write, so a crash before the rekey commits loses nothing.
 */
export function beginRotation(
  dir: string,
  currentKey: Buffer,
  newKey: Buffer,
  change: RotationChange = {},
): RotationBegun {
  assertKeyShape(newKey);
  const keyring = readKeyring(dir);
  if (keyring.databaseKeys.length !== 1) throw new Error('a rotation is already under way');
  const oldGeneration = currentGeneration(keyring, currentKey);
  const generation = oldGeneration + 1;
  const both = [
    { generation: oldGeneration, dbKey: currentKey },
    { generation, dbKey: newKey },
  ];
  const droppedUserIds: string[] = [];
  let droppedRecovery = false;
  const slots: Slot[] = [];
  for (const s of keyring.slots) {
    if ((s.kind === 'user' || s.kind === 'v1-user') && s.userId === change.removeUserId) continue;
    if (s.kind === 'v1-user') {
      droppedUserIds.push(s.userId);
      continue;
    }
    if (s.kind === 'v1-recovery' || s.kind === 'recovery') {
      if (change.recoveryCode !== undefined) {
        slots.push(newRecoverySlot(both, change.recoveryCode));
        continue;
      }
      if (s.kind === 'v1-recovery') {
        droppedRecovery = true;
        continue;
      }
    }
    if (s.kind === 'user' || s.kind === 'recovery') {
      slots.push({ ...s, sealed: [...s.sealed, sealDatabaseKey(s, generation, newKey)] });
    }
  }
  if (change.recoveryCode !== undefined && !slots.some((s) => s.kind === 'recovery'))
    slots.push(newRecoverySlot(both, change.recoveryCode));
  writeKeyring(
    dir,
    withoutStaleLookup({
      ...keyring,
      databaseKeys: [
        ...withAttemptKey(keyring, currentKey).databaseKeys,
        databaseKeyEntry(generation, newKey),
      ],
      slots,
    }),
  );
  return { generation, droppedUserIds, droppedRecovery };
}

/** The generations the keyring lists (two while a rotation is under way), older first. */
export function keyringGenerations(dir: string): DatabaseKeyEntry[] {
  return readKeyring(dir).databaseKeys;
}

/**
 * Last step of a rotation (the store is under `storeKey` now): every generation older than the one
 * `storeKey` belongs to is dropped from the keyring and from every slot.
 */
export function finishRotation(dir: string, storeKey: Buffer): void {
  const keyring = readKeyring(dir);
  const generation = currentGeneration(keyring, storeKey, true);
  if (keyring.databaseKeys.length === 1) return;
  const slots = keyring.slots.map((s) =>
    s.kind === 'user' || s.kind === 'recovery'
      ? { ...s, sealed: s.sealed.filter((e) => e.generation === generation) }
      : s,
  );
  writeKeyring(dir, {
    ...keyring,
    databaseKeys: keyring.databaseKeys.filter((d) => d.generation === generation),
    slots,
  });
}

// ── internals ────────────────────────────────────────────────────────────────────────────────────────

function defaultCost(): ScryptCost {
  return { name: 'scrypt', ...scryptCost };
}

function costKey(k: { N: number; r: number; p: number }): string {
  return `${k.N}/${k.r}/${k.p}`;
}

function weakerThanDefault(k: { N: number; r: number; p: number }): boolean {
  return k.N < scryptCost.N || k.N * k.r * k.p < scryptCost.N * scryptCost.r * scryptCost.p;
}

function passwordBytes(password: string): Buffer {
  // NFC so the same password typed through different input methods derives the same key (RFC 8265).
  return Buffer.from(password.normalize('NFC'), 'utf8');
}

/** scrypt input of a version-2 user slot: label, 0x00, lower-case username, 0x00, NFC password (UTF-8). */
function userSecret(username: string, password: string): Buffer {
  return Buffer.concat([
    Buffer.from(USER_SECRET_LABEL, 'utf8'),
    Buffer.from([0]),
    Buffer.from(username.toLowerCase(), 'utf8'),
    Buffer.from([0]),
    passwordBytes(password),
  ]);
}

function recoveryBytes(code: string): Buffer {
  return Buffer.from(normalizeRecoveryCode(code), 'utf8');
}

function legacyLookupOf(keyring: Keyring, username: string): Buffer | null {
  if (!keyring.legacyLookupKey) return null;
  return createHmac('sha256', Buffer.from(keyring.legacyLookupKey, 'base64'))
    .update(username.toLowerCase(), 'utf8')
    .digest();
}

function findLegacyUserSlot(keyring: Keyring, username: string): LegacyUserSlot | undefined {
  const wanted = legacyLookupOf(keyring, username);
  if (!wanted) return undefined;
  let found: LegacyUserSlot | undefined;
  for (const s of keyring.slots) {
    if (s.kind === 'v1-user' && timingSafeEqual(Buffer.from(s.lookup, 'hex'), wanted)) found = s;
  }
  return found;
}

/** With the last version-1 user slot gone, the version-1 lookup key goes too. */
function withoutStaleLookup(keyring: Keyring): Keyring {
  if (keyring.slots.some((s) => s.kind === 'v1-user')) return keyring;
  const { legacyLookupKey, ...rest } = keyring;
  void legacyLookupKey;
  return rest;
}

function databaseKeyEntry(generation: number, dbKey: Buffer): DatabaseKeyEntry {
  return {
    generation,
    keyCheck: keyCheckOf(dbKey),
    attemptKey: rawPublicKeyOf(attemptPrivateKey(dbKey)).toString('base64'),
  };
}

/** Fills in the attempt key of `dbKey`'s generation (missing in a keyring converted from version 1). */
function withAttemptKey(keyring: Keyring, dbKey: Buffer): Keyring {
  const generation = generationOf(keyring, dbKey);
  return {
    ...keyring,
    databaseKeys: keyring.databaseKeys.map((d) =>
      d.generation === generation && !d.attemptKey ? databaseKeyEntry(d.generation, dbKey) : d,
    ),
  };
}

function keyCheckOf(dbKey: Buffer): string {
  return createHmac('sha256', dbKey).update(KEY_CHECK_LABEL, 'utf8').digest('hex');
}

function generationOf(keyring: Keyring, dbKey: Buffer): number | null {
  const check = Buffer.from(keyCheckOf(dbKey), 'hex');
  let generation: number | null = null;
  for (const d of keyring.databaseKeys) {
    if (timingSafeEqual(check, Buffer.from(d.keyCheck, 'hex'))) generation = d.generation;
  }
  return generation;
}

/**
 * The generation of `dbKey`, refusing a key that is not this keyring's (that slot would open nothing)
 * and, unless `anyListed`, a keyring mid-rotation (slots sealed now would lack a generation).
 */
function currentGeneration(keyring: Keyring, dbKey: Buffer, anyListed = false): number {
  assertKeyShape(dbKey);
  const generation = generationOf(keyring, dbKey);
  if (generation === null) throw new DomainError('WRONG_KEY');
  if (!anyListed && keyring.databaseKeys.length !== 1) throw new Error('the keyring is mid-rotation');
  return generation;
}

function assertKeyShape(dbKey: Buffer): void {
  if (dbKey.length !== DB_KEY_BYTES) throw new RangeError('database key must be 32 bytes');
}

function deriveKek(secret: Buffer, kdf: { N: number; r: number; p: number }, salt: Buffer): Buffer {
  const { N, r, p } = kdf;
  return scryptSync(secret, salt, 32, { N, r, p, maxmem: 256 * N * r * p });
}

// X25519 keys travel as their raw 32 bytes; node:crypto wants DER around them.
const SPKI_X25519 = Buffer.from('302a300506032b656e032100', 'hex');
const PKCS8_X25519 = Buffer.from('302e020100300506032b656e04220420', 'hex');

function publicKeyObject(raw: Buffer): KeyObject {
  return createPublicKey({ key: Buffer.concat([SPKI_X25519, raw]), format: 'der', type: 'spki' });
}

function privateKeyObject(raw: Buffer): KeyObject {
  return createPrivateKey({ key: Buffer.concat([PKCS8_X25519, raw]), format: 'der', type: 'pkcs8' });
}

function newKeyPair(): { publicKey: Buffer; privateKey: Buffer } {
  const pair = generateKeyPairSync('x25519');
  const spki = pair.publicKey.export({ format: 'der', type: 'spki' });
  const pkcs8 = pair.privateKey.export({ format: 'der', type: 'pkcs8' });
  return {
    publicKey: spki.subarray(spki.length - 32),
    privateKey: Buffer.from(pkcs8.subarray(pkcs8.length - 32)),
  };
}

function rawPublicKeyOf(privateKey: Buffer): Buffer {
  const spki = createPublicKey(privateKeyObject(privateKey)).export({ format: 'der', type: 'spki' });
  return spki.subarray(spki.length - 32);
}

type SlotHead = { id: string; kind: 'user' | 'recovery'; userId?: string };

/** Associated data of a sealed private key: what the slot is, and which public key it belongs to. */
function privateKeyAad(slot: SlotHead, publicKey: string): Buffer {
  return Buffer.from(
    JSON.stringify([
      KEYRING_FORMAT,
      KEYRING_VERSION,
      'private-key',
      slot.kind,
      slot.id,
      slot.userId ?? null,
      publicKey,
    ]),
    'utf8',
  );
}

/** Associated data of a sealed database key: what the slot is, and the key's generation. */
function sealedKeyAad(slot: SlotHead, generation: number): Buffer {
  return Buffer.from(
    JSON.stringify([
      KEYRING_FORMAT,
      KEYRING_VERSION,
      'database-key',
      slot.kind,
      slot.id,
      slot.userId ?? null,
      generation,
    ]),
    'utf8',
  );
}

function gcmSeal(key: Buffer, plaintext: Buffer, aad: Buffer) {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return {
    iv: iv.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

function gcmOpen(
  key: Buffer,
  sealed: { iv: string; ciphertext: string; tag: string },
  aad: Buffer,
): Buffer | null {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'), {
    authTagLength: 16,
  });
  decipher.setAAD(aad);
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}

function sealPrivateKey(head: SlotHead, publicKey: string, privateKey: Buffer, kek: Buffer) {
  return gcmSeal(kek, privateKey, privateKeyAad(head, publicKey));
}

/** The slot's private key, or null if the derived key is wrong (GCM authentication fails). */
function openPrivateKey(slot: KeySlot, kek: Buffer): Buffer | null {
  const privateKey = gcmOpen(kek, slot.privateKey, privateKeyAad(slot, slot.publicKey));
  if (!privateKey) return null;
  // An authentic private key of another public key means the file was assembled wrongly, not a wrong secret.
  if (!rawPublicKeyOf(privateKey).equals(Buffer.from(slot.publicKey, 'base64')))
    throw corruptSlot('slot key pair mismatch');
  return privateKey;
}

/** The wrapping key of one sealed database key: HKDF-SHA256 over the X25519 shared secret. */
function sealingKey(shared: Buffer, ephemeralKey: Buffer, publicKey: Buffer, info = SEAL_INFO): Buffer {
  // An all-zero shared secret means a low-order public key: refuse rather than seal to nobody.
  if (shared.every((b) => b === 0)) throw corruptSlot('low-order public key');
  return Buffer.from(
    hkdfSync('sha256', shared, Buffer.concat([ephemeralKey, publicKey]), Buffer.from(info, 'utf8'), 32),
  );
}

function sealDatabaseKey(
  slot: KeySlot | (SlotHead & { publicKey: string }),
  generation: number,
  dbKey: Buffer,
): SealedKey {
  const publicKey = Buffer.from(slot.publicKey, 'base64');
  const ephemeral = generateKeyPairSync('x25519');
  const spki = ephemeral.publicKey.export({ format: 'der', type: 'spki' });
  const ephemeralKey = spki.subarray(spki.length - 32);
  const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: publicKeyObject(publicKey) });
  const key = sealingKey(shared, ephemeralKey, publicKey);
  return {
    generation,
    ephemeralKey: ephemeralKey.toString('base64'),
    ...gcmSeal(key, dbKey, sealedKeyAad(slot, generation)),
  };
}

/** Every database key a slot holds, newest first; a sealed key that does not open means a damaged file. */
function openSealedKeys(keyring: Keyring, slot: KeySlot, privateKey: Buffer): GenerationKey[] {
  const own = privateKeyObject(privateKey);
  privateKey.fill(0);
  const publicKey = Buffer.from(slot.publicKey, 'base64');
  const keys: GenerationKey[] = [];
  for (const e of slot.sealed) {
    const ephemeralKey = Buffer.from(e.ephemeralKey, 'base64');
    const shared = diffieHellman({ privateKey: own, publicKey: publicKeyObject(ephemeralKey) });
    const dbKey = gcmOpen(sealingKey(shared, ephemeralKey, publicKey), e, sealedKeyAad(slot, e.generation));
    if (!dbKey) throw corruptSlot('sealed key does not open');
    if (generationOf(keyring, dbKey) !== e.generation) throw corruptSlot('slot key mismatch');
    keys.push({ generation: e.generation, dbKey });
  }
  return keys.sort((a, b) => b.generation - a.generation);
}

function newUserSlot(
  keyring: Keyring,
  keys: GenerationKey[],
  user: { userId: string; username: string; password: string },
): UserSlot {
  const head = { id: uuidv7(), kind: 'user' as const, userId: user.userId };
  const kdf = defaultCost();
  const kek = deriveKek(
    userSecret(user.username, user.password),
    kdf,
    Buffer.from(keyring.userSalt, 'base64'),
  );
  return { ...head, kdf, ...newKeyMaterial(head, kek, keys) };
}

function newRecoverySlot(keys: GenerationKey[], recoveryCode: string): RecoverySlot {
  const head = { id: uuidv7(), kind: 'recovery' as const };
  const kdf: ScryptParams = { ...defaultCost(), salt: randomBytes(16).toString('base64') };
  const kek = deriveKek(recoveryBytes(recoveryCode), kdf, Buffer.from(kdf.salt, 'base64'));
  return { ...head, kdf, ...newKeyMaterial(head, kek, keys) };
}

function newKeyMaterial(head: SlotHead, kek: Buffer, keys: GenerationKey[]) {
  const pair = newKeyPair();
  const publicKey = pair.publicKey.toString('base64');
  const privateKey = sealPrivateKey(head, publicKey, pair.privateKey, kek);
  pair.privateKey.fill(0);
  kek.fill(0);
  const sealed = [...keys]
    .sort((a, b) => a.generation - b.generation)
    .map((k) => sealDatabaseKey({ ...head, publicKey }, k.generation, k.dbKey));
  return { publicKey, privateKey, sealed };
}

/** Associated data of a version-1 slot, exactly as version 1 wrote it. */
function legacyAad(slot: LegacySlot): Buffer {
  const kind = slot.kind === 'v1-user' ? 'user' : 'recovery';
  const userId = slot.kind === 'v1-user' ? slot.userId : null;
  return Buffer.from(
    JSON.stringify([KEYRING_FORMAT, LEGACY_VERSION, LEGACY_SUITE, kind, slot.id, userId]),
    'utf8',
  );
}

/** The database key of a version-1 slot, or null if the secret is wrong. */
function openLegacySlot(keyring: Keyring, slot: LegacySlot, secret: Buffer): Buffer | null {
  const dbKey = gcmOpen(
    deriveKek(secret, slot.kdf, Buffer.from(slot.kdf.salt, 'base64')),
    slot,
    legacyAad(slot),
  );
  if (!dbKey) return null;
  if (generationOf(keyring, dbKey) !== 1) throw corruptSlot('slot key mismatch');
  return dbKey;
}

function corruptSlot(problem: string): DomainError {
  return new DomainError('STORE_CORRUPT', { file: 'keyring.json', problem });
}
