import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, addUser, Desk, setUpDesk } from '../support/desk-fixture';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function groupOf(code: string, group: number): string {
  return code.split('-')[group - 1] ?? '';
}

async function setUp() {
  const s = await setUpDesk();
  cleanups.push(s.cleanup);
  return s;
}

describe('recovery code', () => {
  it('setup asks for one group back: a mismatch names the group, the right one clears the flag', async () => {
    const { desk, recoveryCode, confirmGroup } = await setUp();
    const wrong = await desk.fails('auth.confirmRecovery', { answer: 'ZZZZZ' });
    expect(wrong.code).toBe('RECOVERY_CONFIRM_MISMATCH');
    expect(wrong.meta).toEqual({ group: confirmGroup });
    expect(wrong.message).toContain(`第 ${confirmGroup} 组`);

    // Typed by hand: lower case and with a stray space is still the same group.
    await desk.ok('auth.confirmRecovery', {
      answer: ` ${groupOf(recoveryCode, confirmGroup).toLowerCase()}`,
    });
    expect((await desk.ok('app.status', null)).recoveryPending).toBe(false);
    expect((await desk.ok('audit.list', {})).rows[0]?.action).toBe('auth.recovery_confirmed');
  });

  it('resets the admin password, replaces the code and signs the admin in', async () => {
    const { desk, recoveryCode } = await setUp();
    await addUser(desk, 'li.ming', 'counsellor');
    await desk.ok('auth.logout', null);

    const badCode = await desk.fails('auth.recover', {
      recoveryCode: 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF-GGGGG-HHHHH',
      username: 'admin',
      newPassword: 'new-admin-pass',
    });
    expect(badCode.code).toBe('BAD_RECOVERY_CODE');
    // The right code with a non-admin (or unknown) name gets the same answer: no enumeration.
    for (const username of ['li.ming', 'ghost']) {
      const e = await desk.fails('auth.recover', { recoveryCode, username, newPassword: 'new-admin-pass' });
      expect([e.code, e.message]).toEqual([badCode.code, badCode.message]);
    }
    // Those three failures count like wrong passwords.
    const throttled = await desk.fails('auth.recover', {
      recoveryCode,
      username: 'admin',
      newPassword: 'x-new-pass',
    });
    expect(throttled.code).toBe('LOGIN_THROTTLED');
    desk.clock.advanceSeconds(5);

    const issued = await desk.ok('auth.recover', {
      recoveryCode,
      username: 'admin',
      newPassword: 'new-admin-pass',
    });
    expect(issued.recoveryCode).not.toBe(recoveryCode);
    expect(await desk.ok('app.status', null)).toMatchObject({
      phase: 'unlocked',
      user: { username: 'admin' },
      recoveryPending: true,
    });
    const actions = (await desk.ok('audit.list', {})).rows.map((r) => r.action);
    expect(actions.slice(0, 4)).toEqual([
      'auth.recovery_used',
      'auth.login_failed',
      'auth.login_failed',
      'auth.login_failed',
    ]);

    await desk.ok('auth.logout', null);
    expect((await desk.fails('auth.login', { username: 'admin', password: ADMIN.password })).code).toBe(
      'BAD_CREDENTIALS',
    );
    await desk.ok('auth.login', { username: 'admin', password: 'new-admin-pass' });
    await desk.ok('auth.logout', null);
    const oldCode = await desk.fails('auth.recover', {
      recoveryCode,
      username: 'admin',
      newPassword: 'another-pass-1',
    });
    expect(oldCode.code).toBe('BAD_RECOVERY_CODE');
    // Other users' slots are untouched.
    expect((await desk.login('li.ming', 'temporary-pass-1')).ok).toBe(true);
  });

  it('after a restart an unconfirmed code must be regenerated, and the new one works', async () => {
    const { desk, recoveryCode } = await setUp();
    await desk.close();
    const restarted = await Desk.open(desk.dir, desk.clock);
    cleanups.push(() => restarted.close());
    await restarted.ok('auth.login', { username: 'admin', password: ADMIN.password });
    expect((await restarted.ok('app.status', null)).recoveryPending).toBe(true);
    expect((await restarted.fails('auth.confirmRecovery', { answer: groupOf(recoveryCode, 1) })).code).toBe(
      'RECOVERY_NOT_PENDING',
    );

    const fresh = await restarted.ok('auth.regenerateRecovery', null);
    await restarted.ok('auth.confirmRecovery', { answer: groupOf(fresh.recoveryCode, fresh.confirmGroup) });
    expect((await restarted.ok('app.status', null)).recoveryPending).toBe(false);

    await restarted.ok('auth.logout', null);
    const old = await restarted.fails('auth.recover', {
      recoveryCode,
      username: 'admin',
      newPassword: 'new-pass-123',
    });
    expect(old.code).toBe('BAD_RECOVERY_CODE');
    await restarted.ok('auth.recover', {
      recoveryCode: fresh.recoveryCode.toLowerCase().replace(/-/g, ' '),
      username: 'admin',
      newPassword: 'new-pass-123',
    });
  });
});
