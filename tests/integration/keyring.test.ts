import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/shared/errors';
import { uuidv7 } from '../../src/main/desk/ids';
import {
  KEYRING_FILE,
  createKeyring,
  generateDatabaseKey,
  generateRecoveryCode,
  keyringExists,
  normalizeRecoveryCode,
  removeUserSlot,
  setRecoverySlot,
  setUserSlot,
  slotUserIdFor,
  unwrapWithPassword,
  unwrapWithRecoveryCode,
} from '../../src/main/desk/keyring';
import { tempDir } from '../support/tmp';

interface SlotJson {
  id: string;
  kind: string;
  userId?: string;
  lookup?: string;
}
const readSlots = (dir: string): SlotJson[] =>
  (JSON.parse(readFileSync(join(dir, KEYRING_FILE), 'utf8')) as { slots: SlotJson[] }).slots;

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
    // the account a failed attempt was aimed at, for the audit log
    expect(slotUserIdFor(dir, 'ZHANG.ADMIN')).toBe(admin.userId);
    expect(slotUserIdFor(dir, 'nobody')).toBeNull();
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
      recovery.groups.join(' '),
      ` ${recovery.groups.join('  ').toLowerCase()} `,
      recovery.code.replace(/0/g, 'O').replace(/1/g, 'l'),
      recovery.code.replace(/1/g, 'I').replace(/-/g, ''),
    ];
    for (const v of variants) expect(unwrapWithRecoveryCode(dir, v)?.equals(dbKey)).toBe(true);
    expect(unwrapWithRecoveryCode(dir, generateRecoveryCode().code)).toBeNull();
  });

  it('normalizes recovery codes by Crockford rules', () => {
    expect(normalizeRecoveryCode(' abcde-fghij o0Il ')).toBe('ABCDEFGH1J0011');
  });

  it('a password change re-wraps only that slot', () => {
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
    // the changed slot stays in place but is a fresh seal
    expect(after[2]?.userId).toBe(other.userId);
    expect(JSON.stringify(after[2])).not.toBe(JSON.stringify(before[2]));

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
    expect(json).toMatchObject({ format: 'counseldesk-keyring', version: 1, suite: 'scrypt-aes256gcm-v1' });
  });

  it('detects a slot moved to another user (GCM associated data)', () => {
    const text = readFileSync(join(dir, KEYRING_FILE), 'utf8');
    const json = JSON.parse(text) as { slots: SlotJson[] };
    json.slots[0]!.userId = uuidv7();
    writeFileSync(join(dir, KEYRING_FILE), JSON.stringify(json));
    expect(unwrapWithPassword(dir, admin.username, admin.password)).toBeNull();
  });

  it('rejects a malformed keyring file with a clear error', () => {
    const path = join(dir, KEYRING_FILE);
    const json = JSON.parse(readFileSync(path, 'utf8')) as { slots: Array<Record<string, unknown>> };
    json.slots[0]!.iv = 'not base64!';
    delete json.slots[1]!.tag;
    writeFileSync(path, JSON.stringify(json));
    const e = expectDomainError(
      () => unwrapWithPassword(dir, admin.username, admin.password),
      'STORE_CORRUPT',
    );
    expect(e.meta.file).toBe('keyring.json');
    expect(String(e.meta.problem)).toContain('slots.0.iv');
    expect(String(e.meta.problem)).toContain('slots.1.tag');

    writeFileSync(path, '{"format": "counseldesk-keyring", "version": 1');
    expect(
      expectDomainError(() => unwrapWithRecoveryCode(dir, recovery.code), 'STORE_CORRUPT').meta.problem,
    ).toBe('not JSON');

    writeFileSync(path, JSON.stringify({ format: 'counseldesk-keyring', version: 2 }));
    expectDomainError(() => unwrapWithRecoveryCode(dir, recovery.code), 'DB_NEWER_THAN_APP');
  });

  it('writes atomically, leaving no temp files behind', async () => {
    setUserSlot(dir, dbKey, { userId: uuidv7(), username: 'zhao.user', password: 'zhao password' });
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(dir)).toEqual([KEYRING_FILE]);
  });
});
