import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addUser, ADMIN, type Desk, setUpDesk, signInFresh } from '../support/desk-fixture';

let desk: Desk;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ desk, cleanup } = await setUpDesk());
});
afterEach(() => cleanup());

describe('roles', () => {
  it.each(['counsellor', 'volunteer'] as const)(
    'a %s cannot manage users, settings or read the audit log',
    async (role) => {
      await addUser(desk, 'worker', role, 'temporary-pass-1');
      await signInFresh(desk, 'worker', 'temporary-pass-1', 'worker-pass-1');

      for (const call of [
        desk.call('users.list', null),
        desk.call('users.create', {
          username: 'x-user',
          displayName: 'X',
          role: 'admin',
          temporaryPassword: 'abcdefgh1',
        }),
        desk.call('settings.update', { idleLockMinutes: 240 }),
        desk.call('audit.list', {}),
        desk.call('auth.regenerateRecovery', null),
      ]) {
        const r = await call;
        expect(r.ok ? 'ok' : r.error.code).toBe('FORBIDDEN');
      }
      const forbidden = await desk.fails('users.list', null);
      expect(forbidden.message).toBe('您的角色没有执行此操作的权限。');
      // Reading settings (closing time, language) is for everyone.
      expect((await desk.ok('settings.get', null)).idleLockMinutes).toBe(10);
    },
  );

  it('a director reads and verifies the audit log but does not manage users', async () => {
    await addUser(desk, 'director', 'director', 'temporary-pass-1');
    await signInFresh(desk, 'director', 'temporary-pass-1', 'director-pass-1');
    const log = await desk.ok('audit.list', { pageSize: 5 });
    expect(log.total).toBeGreaterThan(3);
    expect(await desk.ok('audit.verify', null)).toEqual({ intact: true, count: log.total });
    expect((await desk.fails('users.list', null)).code).toBe('FORBIDDEN');
    expect((await desk.fails('settings.update', { weekendsExtend: true })).code).toBe('FORBIDDEN');
  });
});

describe('user management (admin)', () => {
  it('creates, refuses duplicates, disables, enables and resets — all audited', async () => {
    const id = await addUser(desk, 'liu.yang', 'counsellor', 'temporary-pass-1');
    const taken = await desk.fails('users.create', {
      username: 'Liu.Yang',
      displayName: '另一个',
      role: 'volunteer',
      temporaryPassword: 'temporary-pass-1',
    });
    expect(taken.code).toBe('USERNAME_TAKEN');

    const users = await desk.ok('users.list', null);
    expect(users.find((u) => u.id === id)).toMatchObject({
      username: 'liu.yang',
      role: 'counsellor',
      disabled: false,
      mustChangePassword: true,
      lastLoginAt: null,
    });

    await desk.ok('users.setDisabled', { userId: id, disabled: true });
    await desk.ok('users.setDisabled', { userId: id, disabled: false });
    await desk.ok('users.resetPassword', { userId: id, temporaryPassword: 'temporary-pass-2' });
    const actions = (await desk.ok('audit.list', {})).rows.map((r) => [r.action, r.targetId]);
    expect(actions.slice(0, 4)).toEqual([
      ['user.password_reset', id],
      ['user.enabled', id],
      ['user.disabled', id],
      ['user.created', id],
    ]);
  });

  it('refuses to disable the signed-in admin or an unknown user', async () => {
    const me = (await desk.ok('app.status', null)).user!;
    const self = await desk.fails('users.setDisabled', { userId: me.id, disabled: true });
    expect(self.code).toBe('CANNOT_DISABLE_SELF');
    const unknown = await desk.fails('users.setDisabled', {
      userId: '01900000-0000-7000-8000-000000000000',
      disabled: true,
    });
    expect(unknown.code).toBe('USER_NOT_FOUND');

    // A second admin can be disabled while this one remains.
    const other = await addUser(desk, 'admin2', 'admin');
    expect((await desk.ok('users.setDisabled', { userId: other, disabled: true })).disabled).toBe(true);
  });

  it('updates settings, audits the changed keys only, and keeps them across sign-ins', async () => {
    const next = await desk.ok('settings.update', {
      closingTime: '16:30',
      weekendsExtend: true,
      idleLockMinutes: 10,
    });
    expect(next).toMatchObject({ closingTime: '16:30', weekendsExtend: true, idleLockMinutes: 10 });
    const entry = (await desk.ok('audit.list', { action: 'settings.updated' })).rows[0];
    expect(entry?.detail).toEqual({ keys: 'closingTime,weekendsExtend', recomputedCases: 0 });

    await desk.ok('auth.logout', null);
    await desk.ok('auth.login', { username: 'admin', password: ADMIN.password });
    expect((await desk.ok('settings.get', null)).closingTime).toBe('16:30');
  });
});
