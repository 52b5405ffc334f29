import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DomainError } from '../../shared/errors';
import { writeFileAtomic } from './atomic-file';

/*
 * keyring.json — the on-disk form of the key slots (see keyring.ts for what they mean, and
 * docs/architecture.md "Keyring format" for the byte-exact layout). It holds no usernames and no secrets
 * in clear. Version 2: every slot is an X25519 key pair whose private key is sealed (AES-256-GCM) under
 * a scrypt-derived key, and the database key is sealed to each slot's public key, once per database key
 * generation listed in `databaseKeys` (two generations only while a rotation is under way).
 *
 * A version-1 file (every slot wrapping the database key directly under scrypt, user slots found by an
 * HMAC of the username) is read as a version-2 keyring whose slots are `v1-user` / `v1-recovery` legacy
 * slots; each is upgraded when its secret is next known (a sign-in), and the next rotation drops any left.
 */

export const KEYRING_FILE = 'keyring.json';
export const KEYRING_FORMAT = 'counseldesk-keyring';
export const KEYRING_VERSION = 2;
export const KEYRING_SUITE = 'scrypt-aes256gcm+x25519-hkdf-sha256-aes256gcm-v2';
/** The format slots of kind `v1-*` come from (their GCM associated data names it). */
export const LEGACY_VERSION = 1;
export const LEGACY_SUITE = 'scrypt-aes256gcm-v1';

const base64Of = (bytes: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'not base64')
    .refine((s) => Buffer.from(s, 'base64').length === bytes, `must decode to ${bytes} bytes`);
const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits');

/** Bounds keep a tampered file from asking for absurd work or memory. */
const scryptCost = {
  name: z.literal('scrypt'),
  N: z
    .number()
    .int()
    .min(2 ** 14)
    .max(2 ** 20)
    .refine((n) => (n & (n - 1)) === 0, 'N must be a power of two'),
  r: z.number().int().min(1).max(16),
  p: z.number().int().min(1).max(4),
};
const withinMemory = (k: { N: number; r: number; p: number }) => k.N * k.r * k.p <= 2 ** 23;
const MEMORY_MESSAGE = 'scrypt parameters need more than 1 GiB';

/** scrypt with its own salt: recovery slots and legacy slots. */
const ScryptParamsSchema = z
  .object({ ...scryptCost, salt: base64Of(16) })
  .strict()
  .refine(withinMemory, MEMORY_MESSAGE);
export type ScryptParams = z.infer<typeof ScryptParamsSchema>;

/** scrypt cost of a v2 user slot; its salt is the keyring's `userSalt` (see keyring.ts). */
const ScryptCostSchema = z.object(scryptCost).strict().refine(withinMemory, MEMORY_MESSAGE);
export type ScryptCost = z.infer<typeof ScryptCostSchema>;

const generation = z
  .number()
  .int()
  .min(1)
  .max(2 ** 31);

/** AES-256-GCM output of a 32-byte secret (a private key or a database key). */
const gcm32 = { iv: base64Of(12), ciphertext: base64Of(32), tag: base64Of(16) };

/** The database key of one generation sealed to the slot's public key (ephemeral X25519 + HKDF). */
const SealedKeySchema = z.object({ generation, ephemeralKey: base64Of(32), ...gcm32 }).strict();
export type SealedKey = z.infer<typeof SealedKeySchema>;

// Field order here is the order slots are written in; keyring.ts builds slots in the same order so that
// re-serialising an untouched slot gives the same bytes.
export const UserSlotSchema = z
  .object({
    id: z.string().uuid(),
    kind: z.literal('user'),
    userId: z.string().uuid(),
    kdf: ScryptCostSchema,
    publicKey: base64Of(32),
    privateKey: z.object(gcm32).strict(),
    sealed: z.array(SealedKeySchema).min(1).max(2),
  })
  .strict();
export const RecoverySlotSchema = z
  .object({
    id: z.string().uuid(),
    kind: z.literal('recovery'),
    kdf: ScryptParamsSchema,
    publicKey: base64Of(32),
    privateKey: z.object(gcm32).strict(),
    sealed: z.array(SealedKeySchema).min(1).max(2),
  })
  .strict();

/** A version-1 slot kept byte for byte (kind renamed) until its owner next signs in. */
const legacySealed = { kdf: ScryptParamsSchema, ...gcm32 };
export const LegacyUserSlotSchema = z
  .object({
    id: z.string().uuid(),
    kind: z.literal('v1-user'),
    userId: z.string().uuid(),
    lookup: hex64,
    ...legacySealed,
  })
  .strict();
export const LegacyRecoverySlotSchema = z
  .object({ id: z.string().uuid(), kind: z.literal('v1-recovery'), ...legacySealed })
  .strict();

export type UserSlot = z.infer<typeof UserSlotSchema>;
export type RecoverySlot = z.infer<typeof RecoverySlotSchema>;
export type LegacyUserSlot = z.infer<typeof LegacyUserSlotSchema>;
export type LegacyRecoverySlot = z.infer<typeof LegacyRecoverySlotSchema>;
export type KeySlot = UserSlot | RecoverySlot;
export type LegacySlot = LegacyUserSlot | LegacyRecoverySlot;
export type Slot = KeySlot | LegacySlot;

const DatabaseKeySchema = z
  .object({
    generation,
    /** HMAC-SHA256(dbKey, "counseldesk-keyring key check v1"): tells which key is which. */
    keyCheck: hex64,
    /**
     * X25519 public key whose private key is derived from this database key: a failed sign-in seals the
     * username it named to it (login-guard.json), so only an unlocked desk can tell which account was
     * tried. Absent only in a keyring just read from version 1 (filled in at the next write).
     */
    attemptKey: base64Of(32).optional(),
  })
  .strict();
export type DatabaseKeyEntry = z.infer<typeof DatabaseKeySchema>;

export const KeyringSchema = z
  .object({
    format: z.literal(KEYRING_FORMAT),
    version: z.literal(KEYRING_VERSION),
    suite: z.literal(KEYRING_SUITE),
    /** scrypt salt of every v2 user slot (the username is part of the scrypt input instead of a lookup). */
    userSalt: base64Of(32),
    /**
     * The version-1 HMAC key of `v1-user` lookups; present only while such slots remain. Version-2 slots
     * have no lookup at all, so nothing in the file can be tested against a guessed username alone.
     */
    legacyLookupKey: base64Of(32).optional(),
    /** One entry; two (older first) while a rotation is under way. */
    databaseKeys: z.array(DatabaseKeySchema).min(1).max(2),
    slots: z.array(
      z.discriminatedUnion('kind', [
        UserSlotSchema,
        RecoverySlotSchema,
        LegacyUserSlotSchema,
        LegacyRecoverySlotSchema,
      ]),
    ),
  })
  .strict()
  .superRefine((k, ctx) => {
    const issue = (message: string) => ctx.addIssue({ code: 'custom', path: ['slots'], message });
    const gens = k.databaseKeys.map((d) => d.generation);
    if (gens.length === 2 && !(gens[0]! < gens[1]!))
      ctx.addIssue({ code: 'custom', path: ['databaseKeys'], message: 'generations out of order' });
    const users = k.slots.filter((s) => s.kind === 'user' || s.kind === 'v1-user');
    if (k.slots.filter((s) => s.kind === 'recovery' || s.kind === 'v1-recovery').length > 1)
      issue('more than one recovery slot');
    if (new Set(users.map((s) => s.userId)).size !== users.length) issue('two slots for one user');
    if (new Set(k.slots.map((s) => s.id)).size !== k.slots.length) issue('duplicate slot id');
    for (const s of k.slots) {
      if (s.kind === 'user' || s.kind === 'recovery') {
        if (s.sealed.map((e) => e.generation).join() !== gens.join())
          issue('a slot does not hold every database key generation');
      } else if (gens.length !== 1 || gens[0] !== 1) {
        issue('a version-1 slot outlived the first database key');
      }
    }
    if (k.slots.some((s) => s.kind === 'v1-user') && !k.legacyLookupKey)
      issue('version-1 user slots without their lookup key');
  });
export type Keyring = z.infer<typeof KeyringSchema>;

/** What version 1 looked like (read only: converted to version 2 in memory). */
const V1SlotUser = z
  .object({
    id: z.string().uuid(),
    kind: z.literal('user'),
    userId: z.string().uuid(),
    lookup: hex64,
    ...legacySealed,
  })
  .strict();
const V1SlotRecovery = z
  .object({ id: z.string().uuid(), kind: z.literal('recovery'), ...legacySealed })
  .strict();
const KeyringV1Schema = z
  .object({
    format: z.literal(KEYRING_FORMAT),
    version: z.literal(LEGACY_VERSION),
    suite: z.literal(LEGACY_SUITE),
    keyringSalt: base64Of(32),
    keyCheck: hex64,
    slots: z.array(z.discriminatedUnion('kind', [V1SlotUser, V1SlotRecovery])),
  })
  .strict();

export function keyringPath(dir: string): string {
  return join(dir, KEYRING_FILE);
}

export function keyringExists(dir: string): boolean {
  return existsSync(keyringPath(dir));
}

function corrupt(problem: string): DomainError {
  return new DomainError('STORE_CORRUPT', { file: KEYRING_FILE, problem });
}

function problemOf(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
}

/**
 * Reads and validates keyring.json. A missing, unparsable or invalid file is STORE_CORRUPT with a
 * `problem` naming what is wrong (zod paths and messages only: the file holds nothing personal, and
 * zod's messages do not echo values anyway). A keyring from a newer app is DB_NEWER_THAN_APP. A
 * version-1 file comes back as version 2 with legacy slots (the file itself is rewritten only when a
 * slot changes).
 */
export function readKeyring(dir: string): Keyring {
  let text: string;
  try {
    text = readFileSync(keyringPath(dir), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw corrupt('missing');
    throw e;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw corrupt('not JSON');
  }
  const head = z.object({ format: z.string(), version: z.number() }).safeParse(json);
  if (head.success && head.data.format === KEYRING_FORMAT && head.data.version > KEYRING_VERSION) {
    throw new DomainError('DB_NEWER_THAN_APP', {
      file: KEYRING_FILE,
      found: head.data.version,
      supported: KEYRING_VERSION,
    });
  }
  if (head.success && head.data.format === KEYRING_FORMAT && head.data.version === LEGACY_VERSION) {
    const v1 = KeyringV1Schema.safeParse(json);
    if (!v1.success) throw corrupt(problemOf(v1.error));
    json = fromVersion1(v1.data);
  }
  const parsed = KeyringSchema.safeParse(json);
  if (!parsed.success) throw corrupt(problemOf(parsed.error));
  return parsed.data;
}

function fromVersion1(v1: z.infer<typeof KeyringV1Schema>): Keyring {
  return {
    format: KEYRING_FORMAT,
    version: KEYRING_VERSION,
    suite: KEYRING_SUITE,
    // No version-2 user slot exists yet, so a salt drawn now and lost on a re-read protects nothing.
    userSalt: randomBytes(32).toString('base64'),
    legacyLookupKey: v1.keyringSalt,
    databaseKeys: [{ generation: 1, keyCheck: v1.keyCheck }],
    slots: v1.slots.map((s) =>
      s.kind === 'user' ? { ...s, kind: 'v1-user' as const } : { ...s, kind: 'v1-recovery' as const },
    ),
  };
}

/** Validates before writing: a keyring this module would refuse to read is never written. */
export function writeKeyring(dir: string, keyring: Keyring): void {
  const checked = KeyringSchema.safeParse(keyring);
  if (!checked.success) throw new Error(`refusing to write an invalid keyring: ${problemOf(checked.error)}`);
  const { legacyLookupKey, ...rest } = keyring;
  const out = keyring.slots.some((s) => s.kind === 'v1-user') ? keyring : rest;
  void legacyLookupKey;
  mkdirSync(dir, { recursive: true });
  writeFileAtomic(keyringPath(dir), `${JSON.stringify(out, null, 2)}\n`);
}
