import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DATABASE_FILE, KEYRING_FILE } from '../../src/main/desk/keyring';
import { PREFERENCES_FILE } from '../../src/main/desk/preferences';
import { ADMIN, Desk, SETUP_INPUT, setUpDesk } from '../support/desk-fixture';
import { tempDir } from '../support/tmp';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function freshDesk(): Promise<Desk> {
  const tmp = tempDir('counseldesk-setup-');
  const desk = await Desk.open(tmp.dir);
  cleanups.push(
    () => tmp.cleanup(),
    () => desk.close(),
  );
  return desk;
}

describe('first-run setup', () => {
  it('starts in the setup phase and refuses session calls until set up', async () => {
    const desk = await freshDesk();
    expect(await desk.ok('app.status', null)).toEqual({
      phase: 'setup',
      language: 'zh-CN',
      user: null,
      lockedUser: null,
      office: null,
      idleLockMinutes: 10,
      recoveryPending: false,
    });
    expect((await desk.fails('settings.get', null)).code).toBe('SETUP_REQUIRED');
    expect((await desk.login('admin', 'whatever-pass')).ok).toBe(false);
    expect((await desk.fails('auth.login', { username: 'admin', password: 'x' })).code).toBe(
      'SETUP_REQUIRED',
    );
  });

  it('creates the desk, signs the admin in and issues a recovery code to confirm', async () => {
    const desk = await freshDesk();
    const issued = await desk.ok('setup.create', SETUP_INPUT);
    expect(issued.recoveryCode).toMatch(/^([0-9A-Z]{5}-){7}[0-9A-Z]{5}$/);
    expect(issued.confirmGroup).toBeGreaterThanOrEqual(1);
    expect(issued.confirmGroup).toBeLessThanOrEqual(8);

    const status = await desk.ok('app.status', null);
    expect(status).toMatchObject({
      phase: 'unlocked',
      language: 'zh-CN',
      user: { username: 'admin', displayName: ADMIN.displayName, role: 'admin', mustChangePassword: false },
      office: { centreName: '婚姻家庭辅导中心', level: 'centre' },
      idleLockMinutes: 10,
      recoveryPending: true,
    });
    expect(await desk.ok('settings.get', null)).toEqual({
      office: SETUP_INPUT.office,
      idleLockMinutes: 10,
      language: 'zh-CN',
      closingTime: '17:00',
      weekendsExtend: false,
      followUpRules: [
        { result: 'reconcile', months: [1, 3, 6, 12], onlyWithMinorChildren: false, focus: 'marriage' },
        { result: 'postpone', months: [1, 3, 6, 12], onlyWithMinorChildren: false, focus: 'marriage' },
        { result: 'divorce', months: [1, 3, 6], onlyWithMinorChildren: true, focus: 'children_elderly' },
      ],
      backupKeepDaily: 7,
      backupKeepWeekly: 4,
    });
    const audit = await desk.ok('audit.list', {});
    expect(audit.rows.map((r) => r.action)).toEqual(['setup.completed']);

    // The clear files beside the database hold nothing personal.
    const keyring = readFileSync(join(desk.dir, KEYRING_FILE), 'utf8');
    const prefs = readFileSync(join(desk.dir, PREFERENCES_FILE), 'utf8');
    for (const secret of [ADMIN.username, ADMIN.displayName, ADMIN.password, '章丘', issued.recoveryCode]) {
      expect(keyring).not.toContain(secret);
      expect(prefs).not.toContain(secret);
    }
  });

  it('refuses a second setup with ALREADY_SET_UP, unlocked or locked', async () => {
    const desk = await freshDesk();
    await desk.ok('setup.create', SETUP_INPUT);
    expect((await desk.fails('setup.create', SETUP_INPUT)).code).toBe('ALREADY_SET_UP');
    await desk.ok('auth.logout', null);
    const again = await desk.fails('setup.create', SETUP_INPUT);
    expect(again.code).toBe('ALREADY_SET_UP');
    expect(again.message).toBe('工作台已经完成初始设置，不能重复设置。');
    expect((await desk.login(ADMIN.username, ADMIN.password)).ok).toBe(true);
  });

  it('leaves no half-set-up desk when a step fails, so setup can be retried', async () => {
    const desk = await freshDesk();
    // The last step writes preferences.json; a directory in its place makes that write fail.
    mkdirSync(join(desk.dir, PREFERENCES_FILE, 'blocker'), { recursive: true });
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    cleanups.push(() => log.mockRestore());
    const failed = await desk.fails('setup.create', { ...SETUP_INPUT, language: 'en' });
    expect(failed.code).toBe('INTERNAL');
    expect(log.mock.calls).toEqual([['[ipc] setup.create failed: Error (EISDIR)']]);
    expect(existsSync(join(desk.dir, KEYRING_FILE))).toBe(false);
    expect(existsSync(join(desk.dir, DATABASE_FILE))).toBe(false);
    expect((await desk.ok('app.status', null)).phase).toBe('setup');

    rmSync(join(desk.dir, PREFERENCES_FILE), { recursive: true });
    await desk.ok('setup.create', { ...SETUP_INPUT, language: 'en' });
    expect(await desk.ok('app.status', null)).toMatchObject({ phase: 'unlocked', language: 'en' });
  });

  it('sets aside a database left without its keyring instead of overwriting it', async () => {
    const desk = await freshDesk();
    writeFileSync(join(desk.dir, DATABASE_FILE), Buffer.alloc(4096, 7));
    await desk.ok('setup.create', SETUP_INPUT);
    expect(readdirSync(desk.dir).some((f) => f.startsWith(`${DATABASE_FILE}.orphaned-`))).toBe(true);
  });

  it('after a restart the desk is locked, knows no user, and opens with the same password', async () => {
    const { desk, cleanup } = await setUpDesk();
    cleanups.push(cleanup);
    await desk.ok('users.create', {
      username: 'li.na',
      displayName: '李娜',
      role: 'counsellor',
      temporaryPassword: 'temporary-pass-1',
    });
    await desk.close();

    const restarted = await Desk.open(desk.dir);
    cleanups.push(() => restarted.close());
    expect(await restarted.ok('app.status', null)).toMatchObject({
      phase: 'locked',
      user: null,
      lockedUser: null,
      office: null,
      recoveryPending: false,
    });
    expect((await restarted.fails('users.list', null)).code).toBe('LOCKED');
    const user = await restarted.ok('auth.login', { username: 'ADMIN', password: ADMIN.password });
    expect(user.username).toBe('admin');
    const users = await restarted.ok('users.list', null);
    expect(users.map((u) => u.username)).toEqual(['admin', 'li.na']);
    expect(await restarted.ok('app.status', null)).toMatchObject({
      phase: 'unlocked',
      recoveryPending: true,
    });
  });
});
