import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DomainError } from '../../shared/errors';
import { writeFileAtomic } from './atomic-file';

/*
 * keyring.json — the on-disk form of the key slots (see keyring.ts for what they mean). It holds no
 * usernames and no secrets in clear: user slots are found by an HMAC of the username under a per-keyring
 * salt, and every slot is the database key sealed with AES-256-GCM under a scrypt-derived key.
 */

export const KEYRING_FILE = 'keyring.json';
export const KEYRING_FORMAT = 'counseldesk-keyring';
export const KEYRING_VERSION = 1;
export const KEYRING_SUITE = 'scrypt-aes256gcm-v1';

const base64Of = (bytes: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'not base64')
    .refine((s) => Buffer.from(s, 'base64').length === bytes, `must decode to ${bytes} bytes`);
const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits');

/** Bounds keep a tampered file from asking for absurd work or memory. */
const ScryptParamsSchema = z
  .object({
    name: z.literal('scrypt'),
    N: z
      .number()
      .int()
      .min(2 ** 14)
      .max(2 ** 20)
      .refine((n) => (n & (n - 1)) === 0, 'N must be a power of two'),
    r: z.number().int().min(1).max(16),
    p: z.number().int().min(1).max(4),
    salt: base64Of(16),
  })
  .strict()
  .refine((k) => k.N * k.r * k.p <= 2 ** 23, 'scrypt parameters need more than 1 GiB');
export type ScryptParams = z.infer<typeof ScryptParamsSchema>;

// Field order here is the order slots are written in; keyring.ts builds slots in the same order so that
// re-serialising an untouched slot gives the same bytes.
const sealed = {
  kdf: ScryptParamsSchema,
  iv: base64Of(12),
  ciphertext: base64Of(32),
  tag: base64Of(16),
};

export const UserSlotSchema = z
  .object({
    id: z.string().uuid(),
    kind: z.literal('user'),
    userId: z.string().uuid(),
    lookup: hex64,
    ...sealed,
  })
  .strict();
export const RecoverySlotSchema = z
  .object({ id: z.string().uuid(), kind: z.literal('recovery'), ...sealed })
  .strict();
export type UserSlot = z.infer<typeof UserSlotSchema>;
export type RecoverySlot = z.infer<typeof RecoverySlotSchema>;
export type Slot = UserSlot | RecoverySlot;

export const KeyringSchema = z
  .object({
    format: z.literal(KEYRING_FORMAT),
    version: z.literal(KEYRING_VERSION),
    suite: z.literal(KEYRING_SUITE),
    /** HMAC key for user lookups (32 random bytes). */
    keyringSalt: base64Of(32),
    /** HMAC-SHA256(dbKey, KEY_CHECK_LABEL): lets writers refuse to seal a wrong key into a slot. */
    keyCheck: hex64,
    slots: z.array(z.discriminatedUnion('kind', [UserSlotSchema, RecoverySlotSchema])),
  })
  .strict()
  .superRefine((k, ctx) => {
    const users = k.slots.filter((s): s is UserSlot => s.kind === 'user');
    if (k.slots.filter((s) => s.kind === 'recovery').length > 1)
      ctx.addIssue({ code: 'custom', path: ['slots'], message: 'more than one recovery slot' });
    if (new Set(users.map((s) => s.userId)).size !== users.length)
      ctx.addIssue({ code: 'custom', path: ['slots'], message: 'two slots for one user' });
    if (new Set(users.map((s) => s.lookup)).size !== users.length)
      ctx.addIssue({ code: 'custom', path: ['slots'], message: 'two slots with one lookup' });
    if (new Set(k.slots.map((s) => s.id)).size !== k.slots.length)
      ctx.addIssue({ code: 'custom', path: ['slots'], message: 'duplicate slot id' });
  });
export type Keyring = z.infer<typeof KeyringSchema>;

export function keyringPath(dir: string): string {
  return join(dir, KEYRING_FILE);
}

export function keyringExists(dir: string): boolean {
  return existsSync(keyringPath(dir));
}

function corrupt(problem: string): DomainError {
  return new DomainError('STORE_CORRUPT', { file: KEYRING_FILE, problem });
}

/**
 * Reads and validates keyring.json. A missing, unparsable or invalid file is STORE_CORRUPT with a
 * `problem` naming what is wrong (zod paths and messages only: the file holds nothing personal, and
 * zod's messages do not echo values anyway). A keyring from a newer app is DB_NEWER_THAN_APP.
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
  const parsed = KeyringSchema.safeParse(json);
  if (!parsed.success) {
    const problem = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
      .join('; ');
    throw corrupt(problem);
  }
  return parsed.data;
}

export function writeKeyring(dir: string, keyring: Keyring): void {
  mkdirSync(dir, { recursive: true });
  writeFileAtomic(keyringPath(dir), `${JSON.stringify(keyring, null, 2)}\n`);
}
