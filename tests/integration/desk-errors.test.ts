import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PREFERENCES_FILE } from '../../src/main/desk/preferences';
import { ADMIN, Desk, SETUP_INPUT, setUpDesk } from '../support/desk-fixture';
import { tempDir } from '../support/tmp';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function freshDesk(): Promise<Desk> {
  const tmp = tempDir('counseldesk-errors-');
  const desk = await Desk.open(tmp.dir);
  cleanups.push(
    () => tmp.cleanup(),
    () => desk.close(),
  );
  return desk;
}

const BAD_SETUP = {
  office: { county: '  ', registryOffice: '章丘区婚姻登记处', centreName: '中心', level: 'village' },
  admin: { username: 'A!', displayName: '王', password: 'short' },
  language: 'zh-CN',
};

describe('errors at the IPC boundary', () => {
  it('answers an unknown channel with UNKNOWN_CHANNEL', async () => {
    const desk = await freshDesk();
    const r = await desk.app.dispatch('users.dropAll', null);
    expect(r).toEqual({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: '不支持的操作。' } });
    expect((await desk.app.dispatch('toString', null)).ok).toBe(false);
  });

  it('returns VALIDATION with a localized message per field, in the chosen language', async () => {
    const desk = await freshDesk();
    const zh = await desk.app.dispatch('setup.create', BAD_SETUP);
    expect(zh).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: '填写的内容有误，请检查标红的项目。',
        fields: {
          'office.county': '此项为必填项。',
          'office.level': '请从可选项中选择。',
          'admin.username': '格式不正确。',
          'admin.password': '至少需要 8 个字符。',
        },
      },
    });
    const missing = await desk.app.dispatch('auth.login', { username: 'admin' });
    expect(missing.ok ? null : missing.error.fields).toEqual({ password: '此项为必填项。' });
    const notObject = await desk.app.dispatch('auth.login', 'admin:password');
    expect(notObject.ok ? null : notObject.error.fields).toEqual({ '': '填写的内容类型不正确。' });

    await desk.ok('app.setLanguage', { language: 'en' });
    const en = await desk.app.dispatch('setup.create', BAD_SETUP);
    expect(en.ok ? null : en.error).toMatchObject({
      code: 'VALIDATION',
      message: 'Some fields are not valid; please check the highlighted items.',
      fields: { 'office.county': 'This field is required.', 'admin.password': 'At least 8 characters.' },
    });
  });

  it('switching the language to English changes error messages, locked or not, and survives a restart', async () => {
    const { desk, cleanup } = await setUpDesk();
    cleanups.push(cleanup);
    await desk.ok('app.setLanguage', { language: 'en' });
    expect((await desk.ok('settings.get', null)).language).toBe('en');
    await desk.ok('auth.logout', null);
    expect(await desk.fails('auth.login', { username: 'admin', password: 'wrong-password' })).toEqual({
      code: 'BAD_CREDENTIALS',
      message: 'Wrong user name or password.',
    });
    expect((await desk.fails('users.list', null)).message).toBe('The desk is locked; please sign in.');
    // A locked caller learns nothing about a channel's input schema.
    expect(await desk.app.dispatch('users.create', { username: 1 })).toMatchObject({
      error: { code: 'LOCKED' },
    });
    expect(JSON.parse(readFileSync(join(desk.dir, PREFERENCES_FILE), 'utf8'))).toEqual({ language: 'en' });

    // Chosen on the lock screen: the next sign-in carries it into the settings.
    await desk.ok('app.setLanguage', { language: 'zh-CN' });
    await desk.ok('auth.login', { username: 'admin', password: ADMIN.password });
    expect((await desk.ok('settings.get', null)).language).toBe('zh-CN');
    await desk.ok('settings.update', { language: 'en' });
    await desk.close();

    const restarted = await Desk.open(desk.dir);
    cleanups.push(() => restarted.close());
    expect((await restarted.ok('app.status', null)).language).toBe('en');
    expect((await restarted.fails('settings.get', null)).message).toBe('The desk is locked; please sign in.');
  });

  it('turns an unexpected exception into INTERNAL with no stack or message, logging only channel and class', async () => {
    const desk = await freshDesk();
    await desk.ok('setup.create', SETUP_INPUT);
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    cleanups.push(() => log.mockRestore());
    // A directory where preferences.json belongs makes its atomic replace fail with EISDIR.
    rmSync(join(desk.dir, PREFERENCES_FILE));
    mkdirSync(join(desk.dir, PREFERENCES_FILE, 'blocker'), { recursive: true });

    const r = await desk.app.dispatch('app.setLanguage', { language: 'en' });
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'INTERNAL',
        message: '程序出现意外错误，操作没有完成，数据未改变。请重试；如果反复出现，请联系技术支持。',
      },
    });
    const wire = JSON.stringify(r);
    for (const leak of ['EISDIR', 'preferences', '/tmp', ' at ', 'Error:']) expect(wire).not.toContain(leak);
    expect(log.mock.calls).toEqual([['[ipc] app.setLanguage failed: Error (EISDIR)']]);
    // Nothing changed: the desk still speaks Chinese.
    expect((await desk.ok('settings.get', null)).language).toBe('zh-CN');
  });
});
