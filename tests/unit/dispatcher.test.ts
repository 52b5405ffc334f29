import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createDispatcher } from '../../src/main/dispatcher/dispatcher';
import type { Handlers } from '../../src/main/dispatcher/handler';
import { assertCoversContract, combineHandlers } from '../../src/main/dispatcher/registry';
import { deskHandlers } from '../../src/main/app/registry';
import { createDeskContext } from '../../src/main/desk/context';
import { createDeskSync } from '../../src/main/sync/desk-sync';
import { lockDesk } from '../../src/main/auth/auth';
import type { AppStatus } from '../../src/shared/app';
import { BackupService } from '../../src/main/backup';
import { FakeClock } from '../support/desk-fixture';
import { tempDir } from '../support/tmp';

/*
 * The dispatcher with the real registry and a real (not yet set up) data directory; single handlers are
 * swapped for ones that misbehave in ways the real ones must not, to show what the boundary does then.
 */

const cleanups: (() => void)[] = [];
// The real handler maps; the sync service is built but never started (nothing here syncs).
const syncDir = tempDir('counseldesk-dispatch-sync-');
afterAll(() => syncDir.cleanup());
const services = createDeskContext(syncDir.dir, new FakeClock());
const handlers = deskHandlers({ sync: createDeskSync(services), backup: new BackupService(services) });
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function dispatcherWith(overrides: Partial<Handlers>) {
  const tmp = tempDir('counseldesk-dispatch-');
  cleanups.push(() => tmp.cleanup());
  return createDispatcher(
    createDeskContext(tmp.dir, new FakeClock()),
    { ...handlers, ...overrides },
    lockDesk,
  );
}

function silenceConsoleError() {
  const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  cleanups.push(() => log.mockRestore());
  return log;
}

describe('dispatcher', () => {
  it('hides an unexpected exception: INTERNAL on the wire, only channel and class in the log', async () => {
    const log = silenceConsoleError();
    const d = dispatcherWith({
      'app.status': async () => {
        throw new TypeError('张三 110101199003074514 cannot be read');
      },
    });
    const r = await d.dispatch('app.status', null);
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'INTERNAL',
        message: '程序出现意外错误，操作没有完成，数据未改变。请重试；如果反复出现，请联系技术支持。',
      },
    });
    expect(JSON.stringify(r)).not.toContain('张三');
    expect(log.mock.calls).toEqual([['[ipc] app.status failed: TypeError']]);
  });

  it('treats output that breaks the contract as a bug (INTERNAL) and strips unknown output fields', async () => {
    const log = silenceConsoleError();
    const broken = dispatcherWith({ 'app.status': async () => ({ phase: 'open' }) as unknown as AppStatus });
    expect(await broken.dispatch('app.status', null)).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
    expect(log.mock.calls).toEqual([['[ipc] app.status failed: OutputMismatch']]);

    const status: AppStatus = {
      phase: 'setup',
      language: 'zh-CN',
      user: null,
      lockedUser: null,
      office: null,
      idleLockMinutes: 10,
      recoveryPending: false,
    };
    const leaky = dispatcherWith({ 'app.status': async () => ({ ...status, dbKey: 'secret' }) as AppStatus });
    expect(await leaky.dispatch('app.status', null)).toEqual({ ok: true, value: status });
  });

  it('runs calls one at a time, in order', async () => {
    const events: string[] = [];
    const d = dispatcherWith({
      'app.setLanguage': async (input) => {
        events.push(`start ${input.language}`);
        await new Promise((r) => setTimeout(r, input.language === 'en' ? 20 : 1));
        events.push(`end ${input.language}`);
        return null;
      },
    });
    await Promise.all([
      d.dispatch('app.setLanguage', { language: 'en' }),
      d.dispatch('app.setLanguage', { language: 'zh-CN' }),
    ]);
    expect(events).toEqual(['start en', 'end en', 'start zh-CN', 'end zh-CN']);
  });

  it("runs a call's follow-ups after its answer and before the calls queued behind it", async () => {
    const events: string[] = [];
    const tmp = tempDir('counseldesk-dispatch-');
    cleanups.push(() => tmp.cleanup());
    const ctx = createDeskContext(tmp.dir, new FakeClock());
    let releaseFollowUp: () => void = () => undefined;
    const d = createDispatcher(
      ctx,
      {
        ...handlers,
        'app.setLanguage': async (input) => {
          events.push(`call ${input.language}`);
          if (input.language === 'en') {
            ctx.followUps.add(async () => {
              events.push('follow-up starts');
              await new Promise<void>((r) => (releaseFollowUp = r));
              events.push('follow-up ends');
            });
            ctx.followUps.add(async () => {
              throw new Error('a failing follow-up stops nothing');
            });
          }
          return null;
        },
      },
      lockDesk,
    );
    const first = d.dispatch('app.setLanguage', { language: 'en' });
    const second = d.dispatch('app.setLanguage', { language: 'zh-CN' });
    // The first call answers while its follow-up still runs; the second waits for the follow-up.
    expect(await first).toEqual({ ok: true, value: null });
    await new Promise((r) => setTimeout(r, 5));
    expect(events).toEqual(['call en', 'follow-up starts']);
    releaseFollowUp();
    expect(await second).toEqual({ ok: true, value: null });
    expect(events).toEqual(['call en', 'follow-up starts', 'follow-up ends', 'call zh-CN']);
    expect(ctx.followUps.take()).toEqual([]);
  });

  it('tells background work when no call is waiting or running (FollowUps.idle)', async () => {
    const events: string[] = [];
    const tmp = tempDir('counseldesk-dispatch-');
    cleanups.push(() => tmp.cleanup());
    const ctx = createDeskContext(tmp.dir, new FakeClock());
    let release: () => void = () => undefined;
    const d = createDispatcher(
      ctx,
      {
        ...handlers,
        'app.setLanguage': async (input) => {
          events.push(`call ${input.language}`);
          if (input.language === 'en') await new Promise<void>((r) => (release = r));
          return null;
        },
      },
      lockDesk,
    );
    await ctx.followUps.idle(); // nothing queued: at once
    const calls = [
      d.dispatch('app.setLanguage', { language: 'en' }),
      d.dispatch('app.setLanguage', { language: 'zh-CN' }),
    ];
    const idle = ctx.followUps.idle().then(() => events.push('idle'));
    await new Promise((r) => setTimeout(r, 5));
    expect(events).toEqual(['call en']);
    release();
    await Promise.all([...calls, idle]);
    expect(events).toEqual(['call en', 'call zh-CN', 'idle']);
  });

  it('refuses calls after close', async () => {
    const d = dispatcherWith({});
    await d.close();
    expect(await d.dispatch('app.status', null)).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
  });
});

describe('registry', () => {
  it('has a handler for every contract channel', () => {
    expect(() => assertCoversContract(handlers)).not.toThrow();
    const { 'audit.verify': _dropped, ...incomplete } = handlers;
    expect(() => assertCoversContract(incomplete)).toThrow(/missing: audit\.verify/);
  });

  it('throws on a channel defined twice', () => {
    expect(() =>
      combineHandlers({ 'app.status': handlers['app.status'] }, { 'app.status': handlers['app.status'] }),
    ).toThrow('duplicate IPC handler: app.status');
  });
  it('runs long sync channels outside the queue: a slow call does not hold them, but holds queued ones', async () => {
    const other = tempDir('counseldesk-dispatch-');
    cleanups.push(() => other.cleanup());
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const d = dispatcherWith({
      'app.status': async () => {
        await held;
        return handlers['app.status'](null, { ctx: createDeskContext(other.dir, new FakeClock()) });
      },
    });
    const order: string[] = [];
    const slow = d.dispatch('app.status', null).then(() => order.push('app.status'));
    const queued = d.dispatch('app.setLanguage', { language: 'zh-CN' }).then(() => order.push('setLanguage'));
    // Not set up: sync.now answers SETUP_REQUIRED at once instead of waiting behind app.status.
    expect(await d.dispatch('sync.now', null)).toMatchObject({
      ok: false,
      error: { code: 'SETUP_REQUIRED' },
    });
    expect(order).toEqual([]);
    release();
    await Promise.all([slow, queued]);
    expect(order).toEqual(['app.status', 'setLanguage']);
  });
});
