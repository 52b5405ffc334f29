import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { TEST_SCRYPT_COST, useRealScryptCost, useTestScryptCost } from '../support/key-cost';
import { DomainError } from '../../src/shared/errors';
import { uuidv7 } from '../../src/main/desk/ids';
import {
  KEYRING_FILE,
  SCRYPT_COST,
  beginRotation,
  createKeyring,
  finishRotation,
  generateDatabaseKey,
  generateRecoveryCode,
  keyringExists,
  normalizeRecoveryCode,
  openAttemptedUsername,
  removeUserSlot,
  sealAttemptedUsername,
  setRecoverySlot,
  setUserSlot,
  slotUserIdFor,
  unlockWithPassword,
  unlockWithRecoveryCode,
  unwrapWithPassword,
  unwrapWithRecoveryCode,
  upgradeUserSlot,
} from '../../src/main/desk/keyring';
import { writeKeyringV1 } from '../support/keyring-v1';
import {
  specOpenRecoverySlot,
  specOpenUserSlot,
  specUserSlot,
  type KeyringJson,
  type SlotJson,
} from '../support/keyring-spec';
import { tempDir } from '../support/tmp';

const readJson = (dir: string): KeyringJson =>
  JSON.parse(readFileSync(join(dir, KEYRING_FILE), 'utf8')) as KeyringJson;
const readSlots = (dir: string): SlotJson[] => readJson(dir).slots;

function expectDomainError(fn: () => unknown, code: string): DomainError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe(code);
    return e as DomainError;
  }
  throw new Error(`expected ${code}`);
}

describe('keyring', () => {
  let tmp: ReturnType<typeof tempDir>;
  let dir: string;
  const dbKey = generateDatabaseKey();
  const admin = { userId: uuidv7(), username: 'Zhang.Admin', password: 'correct horse 电池 staple' };
  const recovery = generateRecoveryCode();

  beforeEach(() => {
    tmp = tempDir();
    dir = tmp.dir;
    createKeyring(dir, dbKey, admin, recovery.code);
  });
  afterEach(() => tmp.cleanup());

  it('opens with the password, refuses a wrong password and an unknown user', () => {
    expect(keyringExists(dir)).toBe(true);
    const opened = unwrapWithPassword(dir, admin.username, admin.password);
    expect(opened?.dbKey.equals(dbKey)).toBe(true);
    expect(opened?.userId).toBe(admin.userId);
    // usernames are case-insensitive
    expect(unwrapWithPassword(dir, 'zhang.admin', admin.password)?.userId).toBe(admin.userId);
    expect(unwrapWithPassword(dir, admin.username, 'wrong password')).toBeNull();
    expect(unwrapWithPassword(dir, 'nobody', admin.password)).toBeNull();
    // a version-2 slot cannot be found from a username alone
    expect(slotUserIdFor(dir, 'ZHANG.ADMIN')).toBeNull();
  });

  it('does the scrypt work for an unknown user too', () => {
    const time = (fn: () => unknown) => {
      const t0 = performance.now();
      fn();
      return performance.now() - t0;
    };
    const known = Math.min(
      ...[0, 1, 2].map(() => time(() => unwrapWithPassword(dir, admin.username, 'wrong'))),
    );
    const unknown = Math.min(...[0, 1, 2].map(() => time(() => unwrapWithPassword(dir, 'nobody', 'wrong'))));
    // Same order of magnitude (both pay one scrypt); a missing KDF call would make unknown ~1000x faster.
    expect(unknown).toBeGreaterThan(known / 3);
  });

  it('refuses to create a second keyring', () => {
    expectDomainError(() => createKeyring(dir, dbKey, admin, recovery.code), 'ALREADY_SET_UP');
  });

  it('opens with the recovery code, however it is typed', () => {
    expect(recovery.groups).toHaveLength(8);
    for (const g of recovery.groups) expect(g).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(recovery.code).toBe(recovery.groups.join('-'));

    const variants = [
      recovery.code,
      recovery.code.toLowerCase(),
      ` ${recovery.groups.join('  ').toLowerCase()} `,
      recovery.code.replace(/0/g, 'O').replace(/1/g, 'l'),
    ];
    for (const v of variants) expect(unwrapWithRecoveryCode(dir, v)?.equals(dbKey)).toBe(true);
    expect(unwrapWithRecoveryCode(dir, generateRecoveryCode().code)).toBeNull();
  });

  it('normalizes recovery codes by Crockford rules', () => {
    expect(normalizeRecoveryCode(' abcde-fghij o0Il ')).toBe('ABCDEFGH1J0011');
  });

  it('a password change re-seals only that slot, with a fresh key pair', () => {
    const other = { userId: uuidv7(), username: 'li.counsellor', password: 'another long password' };
    setUserSlot(dir, dbKey, other);
    const before = readSlots(dir);
    expect(before.map((s) => s.kind)).toEqual(['user', 'recovery', 'user']);

    setUserSlot(dir, dbKey, { ...other, password: 'a brand new password' });
    const after = readSlots(dir);
    expect(after).toHaveLength(3);
    // the admin slot and the recovery slot are byte-identical
    expect(JSON.stringify(after[0])).toBe(JSON.stringify(before[0]));
    expect(JSON.stringify(after[1])).toBe(JSON.stringify(before[1]));
    // the changed slot stays in place but is a new key pair: an old keyring + the old password gives a
    // private key that opens nothing sealed in a later keyring
    expect(after[2]?.userId).toBe(other.userId);
    expect(after[2]?.publicKey).not.toBe(before[2]?.publicKey);

    expect(unwrapWithPassword(dir, other.username, other.password)).toBeNull();
    expect(unwrapWithPassword(dir, other.username, 'a brand new password')?.userId).toBe(other.userId);
    expect(unwrapWithPassword(dir, admin.username, admin.password)?.userId).toBe(admin.userId);
  });

  it('removes a user slot and leaves the others', () => {
    const other = { userId: uuidv7(), username: 'wang.volunteer', password: 'volunteer password' };
    setUserSlot(dir, dbKey, other);
    const before = readSlots(dir);
    removeUserSlot(dir, other.userId);
    const after = readSlots(dir);
    expect(after.map((s) => JSON.stringify(s))).toEqual(before.slice(0, 2).map((s) => JSON.stringify(s)));
    expect(unwrapWithPassword(dir, other.username, other.password)).toBeNull();
  });

  it('replaces the recovery slot', () => {
    const next = generateRecoveryCode();
    setRecoverySlot(dir, dbKey, next.code);
    expect(unwrapWithRecoveryCode(dir, recovery.code)).toBeNull();
    expect(unwrapWithRecoveryCode(dir, next.code)?.equals(dbKey)).toBe(true);
    expect(readSlots(dir).filter((s) => s.kind === 'recovery')).toHaveLength(1);
  });

  it('refuses to seal a key that is not this keyring’s database key', () => {
    expectDomainError(
      () =>
        setUserSlot(dir, generateDatabaseKey(), {
          userId: uuidv7(),
          username: 'x.user',
          password: 'whatever pw',
        }),
      'WRONG_KEY',
    );
  });

  it('holds no username, password or key in clear', () => {
    setUserSlot(dir, dbKey, { userId: uuidv7(), username: 'chen.director', password: 'director password' });
    const text = readFileSync(join(dir, KEYRING_FILE), 'utf8');
    for (const secret of [
      'zhang.admin',
      'Zhang.Admin',
      'chen.director',
      admin.password,
      'director password',
    ]) {
      expect(text.toLowerCase()).not.toContain(secret.toLowerCase());
    }
    expect(text).not.toContain(dbKey.toString('hex'));
    expect(text).not.toContain(dbKey.toString('base64'));
    expect(text).not.toContain(normalizeRecoveryCode(recovery.code));
    const json = JSON.parse(text) as Record<string, unknown>;
    expect(json).toMatchObject({
      format: 'counseldesk-keyring',
      version: 2,
      suite: 'scrypt-aes256gcm+x25519-hkdf-sha256-aes256gcm-v2',
    });
  });

  it('stores nothing a username alone can be tested against (no lookup key beside lookups)', () => {
    const text = readFileSync(join(dir, KEYRING_FILE), 'utf8');
    expect(text).not.toContain('lookup');
    expect(text).not.toContain('keyringSalt');
    // No value in the file is an HMAC or hash of the username under any 32-byte value the file holds.
    const values = [...text.matchAll(/"([A-Za-z0-9+/]{43}=)"/g)].map((m) => Buffer.from(m[1]!, 'base64'));
    expect(values.length).toBeGreaterThan(3);
    for (const key of values) {
      const mac = createHmac('sha256', key).update('zhang.admin', 'utf8').digest();
      expect(text).not.toContain(mac.toString('hex'));
      expect(text).not.toContain(mac.toString('base64'));
    }
  });

  it('follows the documented format byte for byte (an independent reader opens it)', () => {
    const json = readJson(dir);
    expect(Object.keys(json)).toEqual(['format', 'version', 'suite', 'userSalt', 'databaseKeys', 'slots']);
    expect(Object.keys(json.databaseKeys[0]!)).toEqual(['generation', 'keyCheck', 'attemptKey']);
    const [user, rec] = json.slots;
    expect(Object.keys(user!)).toEqual(['id', 'kind', 'userId', 'kdf', 'publicKey', 'privateKey', 'sealed']);
    expect(Object.keys(rec!)).toEqual(['id', 'kind', 'kdf', 'publicKey', 'privateKey', 'sealed']);
    // Made at the suite's cost (tests/support/key-cost.ts); the desk's own cost is checked by the upgrade test.
    expect(user!.kdf).toEqual({ name: 'scrypt', ...TEST_SCRYPT_COST });
    expect(rec!.kdf).toMatchObject({ name: 'scrypt', ...TEST_SCRYPT_COST });
    expect(json.databaseKeys[0]!.keyCheck).toBe(
      createHmac('sha256', dbKey).update('counseldesk-keyring key check v1').digest('hex'),
    );
    expect(specOpenUserSlot(json, 'ZHANG.admin', admin.password).get(1)?.equals(dbKey)).toBe(true);
    expect(specOpenUserSlot(json, 'zhang.admin', 'not it').size).toBe(0);
    const code = normalizeRecoveryCode(recovery.code);
    expect(specOpenRecoverySlot(json, code).get(1)?.equals(dbKey)).toBe(true);
  });

  it('binds every ciphertext to its slot, user and generation (GCM associated data)', () => {
    const path = join(dir, KEYRING_FILE);
    const original = readFileSync(path, 'utf8');
    // a slot relabelled to another user no longer opens
    const moved = readJson(dir);
    moved.slots[0]!.userId = uuidv7();
    writeFileSync(path, JSON.stringify(moved));
    expect(unwrapWithPassword(dir, admin.username, admin.password)).toBeNull();
    // a sealed key copied from another slot (the recovery slot's) is refused as a damaged file
    const swapped = JSON.parse(original) as KeyringJson;
    swapped.slots[0]!.sealed = swapped.slots[1]!.sealed;
    writeFileSync(path, JSON.stringify(swapped));
    expectDomainError(() => unwrapWithPassword(dir, admin.username, admin.password), 'STORE_CORRUPT');
  });

  it('rejects a malformed keyring file with a clear error', () => {
    const path = join(dir, KEYRING_FILE);
    const json = JSON.parse(readFileSync(path, 'utf8')) as { slots: Array<Record<string, unknown>> };
    (json.slots[0]!.privateKey as Record<string, unknown>).iv = 'not base64!';
    delete json.slots[1]!.publicKey;
    writeFileSync(path, JSON.stringify(json));
    const e = expectDomainError(
      () => unwrapWithPassword(dir, admin.username, admin.password),
      'STORE_CORRUPT',
    );
    expect(e.meta.file).toBe('keyring.json');
    expect(String(e.meta.problem)).toContain('slots.0.privateKey.iv');
    expect(String(e.meta.problem)).toContain('slots.1.publicKey');

    writeFileSync(path, '{"format": "counseldesk-keyring", "version": 2');
    expect(
      expectDomainError(() => unwrapWithRecoveryCode(dir, recovery.code), 'STORE_CORRUPT').meta.problem,
    ).toBe('not JSON');

    writeFileSync(path, JSON.stringify({ format: 'counseldesk-keyring', version: 3 }));
    expectDomainError(() => unwrapWithRecoveryCode(dir, recovery.code), 'DB_NEWER_THAN_APP');
  });

  it('writes atomically, leaving no temp files behind', () => {
    setUserSlot(dir, dbKey, { userId: uuidv7(), username: 'zhao.user', password: 'zhao password' });
    expect(readdirSync(dir)).toEqual([KEYRING_FILE]);
  });

  it('rotation: both keys until finished, then only the new one; the removed slot is gone at once', () => {
    const vol = { userId: uuidv7(), username: 'wang.volunteer', password: 'volunteer password' };
    setUserSlot(dir, dbKey, vol);
    const newKey = generateDatabaseKey();
    const begun = beginRotation(dir, dbKey, newKey, { removeUserId: vol.userId });
    expect(begun).toEqual({ generation: 2, droppedUserIds: [], droppedRecovery: false });
    expect(unlockWithPassword(dir, vol.username, vol.password)).toBeNull();
    const mid = unlockWithPassword(dir, admin.username, admin.password);
    expect(mid?.keys.map((k) => [k.generation, k.dbKey.equals(k.generation === 2 ? newKey : dbKey)])).toEqual(
      [
        [2, true],
        [1, true],
      ],
    );
    // no slot can be added while the keyring is mid-rotation (it would lack a generation)
    expect(() => setUserSlot(dir, dbKey, vol)).toThrow();

    finishRotation(dir, newKey);
    const json = readJson(dir);
    expect(json.databaseKeys.map((d) => d.generation)).toEqual([2]);
    expect(json.slots.map((s) => s.sealed.map((e) => e.generation))).toEqual([[2], [2]]);
    expect(unwrapWithPassword(dir, admin.username, admin.password)?.dbKey.equals(newKey)).toBe(true);
    expect(unwrapWithRecoveryCode(dir, recovery.code)?.equals(newKey)).toBe(true);
  });

  it('seals a failed attempt’s username so that only the database key reads it', () => {
    const a = sealAttemptedUsername(dir, 'Zhang.Admin');
    const b = sealAttemptedUsername(dir, 'x');
    expect(a && b).toBeTruthy();
    // padded: the length of the name does not show
    expect(a!.ciphertext.length).toBe(b!.ciphertext.length);
    expect(JSON.stringify(a)).not.toContain('zhang');
    expect(openAttemptedUsername(dbKey, a!)).toBe('zhang.admin');
    expect(openAttemptedUsername(generateDatabaseKey(), a!)).toBeNull();
  });
});

describe('keyring migration and cost upgrade', () => {
  let tmp: ReturnType<typeof tempDir>;
  let dir: string;
  const dbKey = generateDatabaseKey();
  const admin = { userId: uuidv7(), username: 'admin', password: 'correct horse 1' };
  const counsellor = { userId: uuidv7(), username: 'li.counsellor', password: 'counsellor-pass-9' };
  const recovery = generateRecoveryCode();

  beforeEach(() => {
    tmp = tempDir();
    dir = tmp.dir;
  });
  afterEach(() => tmp.cleanup());

  it('reads a version-1 keyring and upgrades each slot when its password is next known', () => {
    writeKeyringV1(dir, dbKey, [admin, counsellor], recovery.code);
    const v1Text = readFileSync(join(dir, KEYRING_FILE), 'utf8');
    const unlocked = unlockWithPassword(dir, admin.username, admin.password);
    expect(unlocked?.needsUpgrade).toBe(true);
    expect(unlocked?.keys[0]?.dbKey.equals(dbKey)).toBe(true);
    expect(slotUserIdFor(dir, 'ADMIN')).toBe(admin.userId);
    expect(unlockWithRecoveryCode(dir, recovery.code)?.keys[0]?.dbKey.equals(dbKey)).toBe(true);
    // reading changes nothing on disk
    expect(readFileSync(join(dir, KEYRING_FILE), 'utf8')).toBe(v1Text);

    upgradeUserSlot(dir, dbKey, admin);
    let json = readJson(dir) as KeyringJson & { legacyLookupKey?: string };
    expect(json.version).toBe(2);
    expect(json.slots.map((s) => s.kind)).toEqual(['user', 'v1-user', 'v1-recovery']);
    // the version-1 lookup key stays only as long as a version-1 user slot needs it
    expect(json.legacyLookupKey).toBeDefined();
    expect(unlockWithPassword(dir, admin.username, admin.password)?.needsUpgrade).toBe(false);
    expect(unwrapWithPassword(dir, counsellor.username, counsellor.password)?.dbKey.equals(dbKey)).toBe(true);

    upgradeUserSlot(dir, dbKey, counsellor);
    json = readJson(dir);
    expect(json.slots.map((s) => s.kind)).toEqual(['user', 'user', 'v1-recovery']);
    expect(json.legacyLookupKey).toBeUndefined();
    expect(readFileSync(join(dir, KEYRING_FILE), 'utf8')).not.toContain('lookup');
    expect(unwrapWithPassword(dir, counsellor.username, counsellor.password)?.userId).toBe(counsellor.userId);
    expect(unwrapWithRecoveryCode(dir, recovery.code)?.equals(dbKey)).toBe(true);
  });

  it('a rotation drops version-1 slots (they cannot receive the new key) and says so', () => {
    writeKeyringV1(dir, dbKey, [admin, counsellor], recovery.code);
    upgradeUserSlot(dir, dbKey, admin);
    const newKey = generateDatabaseKey();
    const begun = beginRotation(dir, dbKey, newKey);
    expect(begun).toEqual({ generation: 2, droppedUserIds: [counsellor.userId], droppedRecovery: true });
    finishRotation(dir, newKey);
    expect(readSlots(dir).map((s) => s.kind)).toEqual(['user']);
    expect(unwrapWithPassword(dir, counsellor.username, counsellor.password)).toBeNull();
    expect(unwrapWithPassword(dir, admin.username, admin.password)?.dbKey.equals(newKey)).toBe(true);
  });

  it('re-seals a slot with a lower scrypt cost at the next sign-in, keeping its key pair', () => {
    useRealScryptCost();
    onTestFinished(useTestScryptCost);
    createKeyring(dir, dbKey, admin, recovery.code);
    const json = readJson(dir);
    const weak = specUserSlot(json, new Map([[1, dbKey]]), counsellor, { N: 2 ** 14, r: 8, p: 1 });
    json.slots.push(weak);
    writeFileSync(join(dir, KEYRING_FILE), JSON.stringify(json, null, 2));

    const unlocked = unlockWithPassword(dir, counsellor.username, counsellor.password);
    expect(unlocked?.needsUpgrade).toBe(true);
    expect(unlocked?.keys[0]?.dbKey.equals(dbKey)).toBe(true);
    upgradeUserSlot(dir, dbKey, counsellor);
    const upgraded = readSlots(dir).find((s) => s.userId === counsellor.userId)!;
    expect(upgraded.kdf).toEqual({ name: 'scrypt', ...SCRYPT_COST });
    expect(SCRYPT_COST).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    expect(upgraded.publicKey).toBe(weak.publicKey);
    expect(upgraded.sealed).toEqual(weak.sealed);
    expect(unlockWithPassword(dir, counsellor.username, counsellor.password)?.needsUpgrade).toBe(false);
  });
});
