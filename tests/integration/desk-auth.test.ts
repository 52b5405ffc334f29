import { readFileSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src/main/desk/keyring';
import { LOGIN_GUARD_FILE } from '../../src/main/desk/login-guard';
import { addUser, ADMIN, Desk, setUpDesk } from '../support/desk-fixture';

let desk: Desk;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ desk, cleanup } = await setUpDesk());
});
afterEach(() => cleanup());

/** Files this process holds open that belong to the encrypted database (main file, WAL, shm). */
function openDatabaseFiles(dir: string): string[] {
  const dbPath = join(dir, DATABASE_FILE);
  return readdirSync('/proc/self/fd')
    .map((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`);
      } catch {
        return ''; // closed between listing and reading
      }
    })
    .filter((target) => target.startsWith(dbPath));
}

describe('sign-in and throttling', () => {
  it('refuses a wrong password, then makes each further attempt wait longer', async () => {
    await desk.ok('auth.logout', null);
    const first = await desk.fails('auth.login', { username: 'admin', password: 'wrong-password' });
    expect(first).toEqual({ code: 'BAD_CREDENTIALS', message: '用户名或密码不正确。' });
    await desk.fails('auth.login', { username: 'admin', password: 'wrong-password' });
    const third = await desk.fails('auth.login', { username: 'nobody', password: 'wrong-password' });
    expect(third.code).toBe('BAD_CREDENTIALS');
    expect(third.meta).toEqual({ retryAfterSeconds: 5 });

    // Even the right password is not tried while the delay runs.
    const throttled = await desk.fails('auth.login', { username: 'admin', password: ADMIN.password });
    expect(throttled.code).toBe('LOGIN_THROTTLED');
    expect(throttled.meta).toEqual({ seconds: 5 });
    expect(throttled.message).toBe('密码错误次数过多，请 5 秒后再试。');

    desk.clock.advanceSeconds(2);
    expect((await desk.fails('auth.login', { username: 'admin', password: ADMIN.password })).meta).toEqual({
      seconds: 3,
    });
    desk.clock.advanceSeconds(3);
    const fourth = await desk.fails('auth.login', { username: 'admin', password: 'wrong-again' });
    expect(fourth.meta).toEqual({ retryAfterSeconds: 10 });
    expect((await desk.fails('auth.login', { username: 'admin', password: 'x' })).meta).toEqual({
      seconds: 10,
    });

    desk.clock.advanceSeconds(10);
    expect((await desk.login('admin', ADMIN.password)).ok).toBe(true);

    // Success restarts the count.
    await desk.ok('auth.logout', null);
    expect((await desk.fails('auth.login', { username: 'admin', password: 'wrong' })).meta).toBeUndefined();
  });

  it('doubles the delay up to five minutes', async () => {
    await desk.ok('auth.logout', null);
    const delays: number[] = [];
    for (let i = 0; i < 10; i++) {
      const e = await desk.fails('auth.login', { username: 'admin', password: 'wrong-password' });
      expect(e.code).toBe('BAD_CREDENTIALS');
      const wait = Number(e.meta?.retryAfterSeconds ?? 0);
      delays.push(wait);
      desk.clock.advanceSeconds(wait);
    }
    expect(delays).toEqual([0, 0, 5, 10, 20, 40, 80, 160, 300, 300]);
  });

  it('audits every failed attempt, with its own time, at the next successful unlock', async () => {
    const adminId = (await desk.ok('app.status', null)).user?.id;
    await desk.ok('auth.logout', null);
    const times: string[] = [];
    for (const username of ['admin', 'admin', 'someone-else']) {
      desk.clock.advanceSeconds(7);
      times.push(desk.clock.now().toISOString());
      await desk.fails('auth.login', { username, password: 'wrong-password' });
    }
    // The queue file is readable while locked, so it holds no names or passwords.
    const guardFile = readFileSync(join(desk.dir, LOGIN_GUARD_FILE), 'utf8');
    for (const secret of ['admin', 'someone-else', 'wrong-password']) expect(guardFile).not.toContain(secret);

    desk.clock.advanceSeconds(60);
    await desk.ok('auth.login', { username: 'admin', password: ADMIN.password });
    const { rows } = await desk.ok('audit.list', { action: 'auth.login_failed' });
    expect(rows.map((r) => [r.at, r.targetId, r.detail])).toEqual([
      [times[2], null, { reason: 'password' }],
      [times[1], adminId, { reason: 'password' }],
      [times[0], adminId, { reason: 'password' }],
    ]);
    const all = await desk.ok('audit.list', {});
    expect(all.rows.slice(0, 4).map((r) => r.action)).toEqual([
      'auth.login',
      'auth.login_failed',
      'auth.login_failed',
      'auth.login_failed',
    ]);
    expect((await desk.ok('audit.verify', null)).intact).toBe(true);
    expect(readFileSync(join(desk.dir, LOGIN_GUARD_FILE), 'utf8')).toContain('"pending": []');
  });
  it('treats a damaged guard file as used-up free attempts, not as a reset', async () => {
    await desk.close();
    writeFileSync(join(desk.dir, LOGIN_GUARD_FILE), '{"version":1,"consecutive":"0"');
    const restarted = await Desk.open(desk.dir, desk.clock);
    try {
      const e = await restarted.fails('auth.login', { username: 'admin', password: ADMIN.password });
      expect([e.code, e.meta]).toEqual(['LOGIN_THROTTLED', { seconds: 5 }]);
      desk.clock.advanceSeconds(5);
      await restarted.ok('auth.login', { username: 'admin', password: ADMIN.password });
    } finally {
      await restarted.close();
    }
  });
});

describe('lock, unlock and logout', () => {
  it('closes the database on lock and asks only for the password of who locked it', async () => {
    expect(openDatabaseFiles(desk.dir).length).toBeGreaterThan(0);
    await desk.ok('auth.lock', null);
    expect(openDatabaseFiles(desk.dir)).toEqual([]);

    const locked = await desk.fails('users.list', null);
    expect(locked).toEqual({ code: 'LOCKED', message: '工作台已锁定，请先登录。' });
    expect(await desk.ok('app.status', null)).toMatchObject({
      phase: 'locked',
      user: null,
      lockedUser: { username: 'admin', displayName: ADMIN.displayName },
      office: { centreName: '婚姻家庭辅导中心' },
    });

    await desk.ok('auth.login', { username: 'admin', password: ADMIN.password });
    const actions = (await desk.ok('audit.list', {})).rows.map((r) => r.action);
    expect(actions.slice(0, 2)).toEqual(['auth.unlock', 'auth.lock']);

    await desk.ok('auth.logout', null);
    expect(openDatabaseFiles(desk.dir)).toEqual([]);
    expect((await desk.ok('app.status', null)).lockedUser).toBeNull();
    await desk.ok('auth.login', { username: 'admin', password: ADMIN.password });
    const after = (await desk.ok('audit.list', {})).rows.map((r) => r.action);
    expect(after.slice(0, 2)).toEqual(['auth.login', 'auth.logout']);
  });

  it('locks after settings.idleLockMinutes without activity', async () => {
    desk.clock.advanceMinutes(9);
    await desk.ok('auth.touch', null);
    desk.clock.advanceMinutes(9);
    await desk.ok('users.list', null); // 18 minutes in, but never 10 idle
    desk.clock.advanceMinutes(10);
    expect((await desk.fails('users.list', null)).code).toBe('LOCKED');
    expect(openDatabaseFiles(desk.dir)).toEqual([]);

    await desk.ok('auth.login', { username: 'admin', password: ADMIN.password });
    const lock = (await desk.ok('audit.list', { action: 'auth.lock' })).rows[0];
    expect(lock?.detail).toEqual({ reason: 'idle' });

    await desk.ok('settings.update', { idleLockMinutes: 2 });
    desk.clock.advanceMinutes(2);
    // A public call does not count as activity and reports the lock.
    expect((await desk.ok('app.status', null)).phase).toBe('locked');
  });
});

describe('passwords', () => {
  it('a temporary password allows nothing but changing it', async () => {
    await addUser(desk, 'zhang.wei', 'counsellor', 'temporary-pass-1');
    await desk.ok('auth.logout', null);
    const user = await desk.ok('auth.login', { username: 'zhang.wei', password: 'temporary-pass-1' });
    expect(user.mustChangePassword).toBe(true);

    expect((await desk.fails('settings.get', null)).code).toBe('PASSWORD_CHANGE_REQUIRED');
    await desk.ok('auth.touch', null);
    const wrong = await desk.fails('auth.changePassword', {
      currentPassword: 'nope-nope',
      newPassword: 'brand-new-1',
    });
    expect(wrong.code).toBe('WRONG_PASSWORD');
    const same = await desk.fails('auth.changePassword', {
      currentPassword: 'temporary-pass-1',
      newPassword: 'temporary-pass-1',
    });
    expect(same.code).toBe('PASSWORD_REUSED');

    const changed = await desk.ok('auth.changePassword', {
      currentPassword: 'temporary-pass-1',
      newPassword: 'brand-new-1',
    });
    expect(changed.mustChangePassword).toBe(false);
    await desk.ok('settings.get', null);

    await desk.ok('auth.logout', null);
    expect((await desk.login('zhang.wei', 'temporary-pass-1')).ok).toBe(false);
    expect((await desk.login('zhang.wei', 'brand-new-1')).ok).toBe(true);
    // The admin's slot was not touched.
    await desk.ok('auth.logout', null);
    expect((await desk.login('admin', ADMIN.password)).ok).toBe(true);
  });

  it('a disabled user cannot sign in until re-enabled and given a new password', async () => {
    const id = await addUser(desk, 'chen.jing', 'volunteer', 'temporary-pass-1');
    const disabled = await desk.ok('users.setDisabled', { userId: id, disabled: true });
    expect(disabled.disabled).toBe(true);
    await desk.ok('auth.logout', null);
    expect(
      (await desk.fails('auth.login', { username: 'chen.jing', password: 'temporary-pass-1' })).code,
    ).toBe('BAD_CREDENTIALS');

    await desk.ok('auth.login', { username: 'admin', password: ADMIN.password });
    await desk.ok('users.setDisabled', { userId: id, disabled: false });
    await desk.ok('auth.logout', null);
    // Enabling only clears the flag: the key slot was removed and needs a reset.
    expect((await desk.login('chen.jing', 'temporary-pass-1')).ok).toBe(false);

    await desk.ok('auth.login', { username: 'admin', password: ADMIN.password });
    const reset = await desk.ok('users.resetPassword', { userId: id, temporaryPassword: 'another-temp-2' });
    expect(reset.mustChangePassword).toBe(true);
    await desk.ok('auth.logout', null);
    expect((await desk.ok('auth.login', { username: 'chen.jing', password: 'another-temp-2' })).role).toBe(
      'volunteer',
    );
  });
});
