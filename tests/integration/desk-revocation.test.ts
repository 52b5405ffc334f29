import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/shared/errors';
import {
  KEYRING_FILE,
  setUserSlot,
  unwrapWithPassword,
  unwrapWithRecoveryCode,
} from '../../src/main/desk/keyring';
import { openStore } from '../../src/main/desk/store';
import { ADMIN, addUser, Desk, SETUP_INPUT, setUpDesk, signInFresh } from '../support/desk-fixture';
import { writeKeyringV1 } from '../support/keyring-v1';
import { tempDir } from '../support/tmp';

/*
 * Keys that can be revoked, through the real desk: disabling an account or replacing the recovery code
 * rotates the database key, the old keyring opens nothing any more, the others keep their passwords; a
 * version-1 keyring is upgraded at each sign-in; weak passwords are refused.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setUp() {
  const s = await setUpDesk();
  cleanups.push(s.cleanup);
  return s;
}

interface KeyringShape {
  databaseKeys: { generation: number }[];
  slots: { kind: string; userId?: string }[];
}
const keyringOf = (dir: string) => JSON.parse(readFileSync(join(dir, KEYRING_FILE), 'utf8')) as KeyringShape;

function copyKeyring(dir: string): string {
  const copy = join(dir, `keyring-copy-${Math.random().toString(16).slice(2)}`);
  mkdirSync(copy);
  copyFileSync(join(dir, KEYRING_FILE), join(copy, KEYRING_FILE));
  return copy;
}

/** Whether `key` opens the desk's store (the desk must be locked). */
async function opens(dir: string, key: Buffer | null | undefined): Promise<boolean> {
  if (!key) return false;
  try {
    const store = await openStore(dir, key);
    await store.close();
    return true;
  } catch (e) {
    if (e instanceof DomainError && e.code === 'WRONG_KEY') return false;
    throw e;
  }
}

describe('revoking keys', () => {
  it('disabling a user rotates the key: an old keyring + any password opens nothing, the others go on', async () => {
    const { desk, recoveryCode } = await setUp();
    const volunteerId = await addUser(desk, 'zhou.vol', 'volunteer');
    await addUser(desk, 'li.ming', 'counsellor');
    await signInFresh(desk, 'li.ming', 'temporary-pass-1', 'li-ming-pass-7');
    await signInFresh(desk, 'zhou.vol', 'temporary-pass-1', 'zhou-vol-pass-7');
    await desk.ok('auth.logout', null);
    await desk.ok('auth.login', { username: ADMIN.username, password: ADMIN.password });
    const before = copyKeyring(desk.dir);
    expect(keyringOf(desk.dir).databaseKeys).toEqual([expect.objectContaining({ generation: 1 })]);

    await desk.ok('users.setDisabled', { userId: volunteerId, disabled: true });
    const after = keyringOf(desk.dir);
    expect(after.databaseKeys.map((d) => d.generation)).toEqual([2]);
    expect(after.slots.some((s) => s.userId === volunteerId)).toBe(false);
    // the open desk goes on working under the new key
    expect((await desk.ok('users.list', null)).length).toBe(3);
    await desk.ok('auth.logout', null);

    // the old keyring: the volunteer's password, the admin's, the recovery code — none opens the store
    expect(await opens(desk.dir, unwrapWithPassword(before, 'zhou.vol', 'zhou-vol-pass-7')?.dbKey)).toBe(
      false,
    );
    expect(await opens(desk.dir, unwrapWithPassword(before, ADMIN.username, ADMIN.password)?.dbKey)).toBe(
      false,
    );
    expect(await opens(desk.dir, unwrapWithRecoveryCode(before, recoveryCode))).toBe(false);
    // the current keyring: the others keep their unchanged passwords, the recovery code still works
    expect((await desk.fails('auth.login', { username: 'zhou.vol', password: 'zhou-vol-pass-7' })).code).toBe(
      'BAD_CREDENTIALS',
    );
    expect(await opens(desk.dir, unwrapWithRecoveryCode(desk.dir, recoveryCode))).toBe(true);
    await desk.ok('auth.login', { username: 'li.ming', password: 'li-ming-pass-7' });
    await desk.ok('auth.logout', null);
    await desk.ok('auth.login', { username: ADMIN.username, password: ADMIN.password });
  });

  it('regenerating the recovery code rotates the key: the old code opens nothing, the new one works', async () => {
    const { desk, recoveryCode } = await setUp();
    const before = copyKeyring(desk.dir);
    const issued = await desk.ok('auth.regenerateRecovery', null);
    expect(keyringOf(desk.dir).databaseKeys.map((d) => d.generation)).toEqual([2]);
    await desk.ok('auth.logout', null);

    expect(unwrapWithRecoveryCode(desk.dir, recoveryCode)).toBeNull();
    expect(await opens(desk.dir, unwrapWithRecoveryCode(before, recoveryCode))).toBe(false);
    expect(await opens(desk.dir, unwrapWithRecoveryCode(desk.dir, issued.recoveryCode))).toBe(true);

    const next = await desk.ok('auth.recover', {
      recoveryCode: issued.recoveryCode,
      username: ADMIN.username,
      newPassword: 'new-admin-pass',
    });
    // using a code replaces it, and rotates again
    expect(keyringOf(desk.dir).databaseKeys.map((d) => d.generation)).toEqual([3]);
    await desk.ok('auth.logout', null);
    expect(unwrapWithRecoveryCode(desk.dir, issued.recoveryCode)).toBeNull();
    expect(await opens(desk.dir, unwrapWithRecoveryCode(desk.dir, next.recoveryCode))).toBe(true);
    await desk.ok('auth.login', { username: ADMIN.username, password: 'new-admin-pass' });
  });

  it('a slot left behind by an interrupted revocation is revoked at the next sign-in', async () => {
    const { desk } = await setUp();
    const volunteerId = await addUser(desk, 'zhou.vol', 'volunteer');
    await desk.ok('users.setDisabled', { userId: volunteerId, disabled: true });
    await desk.ok('auth.logout', null);
    // As if the rotation had crashed before removing the slot: the disabled account holds a slot again.
    const key = unwrapWithPassword(desk.dir, ADMIN.username, ADMIN.password)!.dbKey;
    setUserSlot(desk.dir, key, { userId: volunteerId, username: 'zhou.vol', password: 'zhou-vol-pass-7' });
    expect(keyringOf(desk.dir).slots.some((s) => s.userId === volunteerId)).toBe(true);

    await desk.ok('auth.login', { username: ADMIN.username, password: ADMIN.password });
    const now = keyringOf(desk.dir);
    expect(now.slots.some((s) => s.userId === volunteerId)).toBe(false);
    expect(now.databaseKeys.map((d) => d.generation)).toEqual([3]);
    await desk.ok('auth.logout', null);
    expect(await opens(desk.dir, key)).toBe(false);
  });
});

describe('a version-1 keyring', () => {
  it('is upgraded slot by slot at each sign-in; a rotation drops what is left, and a reset brings it back', async () => {
    const { desk, recoveryCode } = await setUp();
    const counsellorId = await addUser(desk, 'li.ming', 'counsellor');
    const volunteerId = await addUser(desk, 'zhou.vol', 'volunteer');
    await signInFresh(desk, 'li.ming', 'temporary-pass-1', 'li-ming-pass-7');
    await desk.ok('auth.logout', null);
    const adminId = (await desk.ok('auth.login', { username: ADMIN.username, password: ADMIN.password })).id;
    await desk.ok('auth.logout', null);
    // The same desk as an older version would have left it: a version-1 keyring for the same key.
    const key = unwrapWithPassword(desk.dir, ADMIN.username, ADMIN.password)!.dbKey;
    writeKeyringV1(
      desk.dir,
      key,
      [
        { userId: adminId, username: ADMIN.username, password: ADMIN.password },
        { userId: counsellorId, username: 'li.ming', password: 'li-ming-pass-7' },
        { userId: volunteerId, username: 'zhou.vol', password: 'zhou-vol-pass-7' },
      ],
      recoveryCode,
    );

    // a failed attempt on a version-1 slot is still attributed to its account
    await desk.fails('auth.login', { username: 'li.ming', password: 'wrong-password' });
    await desk.ok('auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect(keyringOf(desk.dir).slots.map((s) => s.kind)).toEqual([
      'user',
      'v1-user',
      'v1-user',
      'v1-recovery',
    ]);
    const failed = await desk.ok('audit.list', { action: 'auth.login_failed' });
    expect(failed.rows[0]?.targetId).toBe(counsellorId);

    await desk.ok('auth.logout', null);
    await desk.ok('auth.login', { username: 'li.ming', password: 'li-ming-pass-7' });
    expect(keyringOf(desk.dir).slots.map((s) => s.kind)).toEqual(['user', 'user', 'v1-user', 'v1-recovery']);
    await desk.ok('auth.logout', null);

    // The admin disables someone before the volunteer ever signed in again: the rotation cannot seal the
    // new key to a version-1 slot, so the volunteer's slot and the version-1 recovery slot are dropped and
    // the admin is asked for a new recovery code.
    await desk.ok('auth.login', { username: ADMIN.username, password: ADMIN.password });
    const other = await addUser(desk, 'chen.vol', 'volunteer');
    await desk.ok('users.setDisabled', { userId: other, disabled: true });
    expect(keyringOf(desk.dir).slots.map((s) => s.kind)).toEqual(['user', 'user']);
    expect((await desk.ok('app.status', null)).recoveryPending).toBe(true);
    await desk.ok('auth.logout', null);
    expect((await desk.fails('auth.login', { username: 'zhou.vol', password: 'zhou-vol-pass-7' })).code).toBe(
      'BAD_CREDENTIALS',
    );
    expect(unwrapWithRecoveryCode(desk.dir, recoveryCode)).toBeNull();
    desk.clock.advanceSeconds(600);
    await desk.ok('auth.login', { username: 'li.ming', password: 'li-ming-pass-7' });
    await desk.ok('auth.logout', null);

    // An administrator's reset gives the volunteer a version-2 slot with the current key.
    await desk.ok('auth.login', { username: ADMIN.username, password: ADMIN.password });
    await desk.ok('users.resetPassword', { userId: volunteerId, temporaryPassword: 'temporary-pass-3' });
    await desk.ok('auth.logout', null);
    await desk.ok('auth.login', { username: 'zhou.vol', password: 'temporary-pass-3' });
  });
});

describe('weak passwords', () => {
  const MESSAGE = /^密码太容易被猜到/;

  it('are refused wherever a password is set, with a clear Chinese message', async () => {
    const { desk, recoveryCode } = await setUp();
    const common = await desk.fails('users.create', {
      username: 'liu.yang',
      displayName: '刘洋',
      role: 'counsellor',
      temporaryPassword: 'password123',
    });
    expect([common.code, common.meta]).toEqual(['WEAK_PASSWORD', { reason: 'common' }]);
    expect(common.message).toMatch(MESSAGE);
    const id = await addUser(desk, 'liu.yang', 'counsellor');
    // built on the person's own name
    const named = await desk.fails('users.resetPassword', { userId: id, temporaryPassword: 'liuyang2026' });
    expect([named.code, named.meta]).toEqual(['WEAK_PASSWORD', { reason: 'weak' }]);
    const chinese = await desk.fails('auth.changePassword', {
      currentPassword: ADMIN.password,
      newPassword: 'woaini1314',
    });
    expect(chinese.code).toBe('WEAK_PASSWORD');
    await desk.ok('auth.logout', null);
    // a refused new password does not use up a recovery attempt or the code
    for (let i = 0; i < 4; i++) {
      const e = await desk.fails('auth.recover', {
        recoveryCode,
        username: 'admin',
        newPassword: '12345678',
      });
      expect(e.code).toBe('WEAK_PASSWORD');
    }
    await desk.ok('auth.recover', { recoveryCode, username: 'admin', newPassword: 'new-admin-pass' });
  });

  it('setup refuses a weak administrator password', async () => {
    const tmp = tempDir('counseldesk-desk-');
    const desk = await Desk.open(tmp.dir);
    cleanups.push(async () => {
      await desk.close();
      tmp.cleanup();
    });
    const e = await desk.fails('setup.create', {
      ...SETUP_INPUT,
      admin: { ...SETUP_INPUT.admin, password: 'qwertyuiop' },
    });
    expect(e.code).toBe('WEAK_PASSWORD');
    expect(e.message).toMatch(MESSAGE);
    await desk.ok('setup.create', SETUP_INPUT);
  });
});
