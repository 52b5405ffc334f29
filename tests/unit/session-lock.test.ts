// DeskSession.lock() with a before-lock hook that fails: the desk locks all the same (the store closes, the
// key is zero-filled) and the failure is logged once, by class and code only — never its message.
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { DeskSession } from '../../src/main/desk/session';
import type { Store } from '../../src/main/desk/store';
import type { DeskSettings } from '../../src/main/desk';
import type { SessionUser } from '../../src/shared/users';
import { tempDir } from '../support/tmp';

const tmp = tempDir('counseldesk-session-lock-');
afterAll(() => tmp.cleanup());
afterEach(() => {
  vi.restoreAllMocks();
});

const USER = { id: 'u1', username: 'admin', displayName: '管理员' } as unknown as SessionUser;
const DESK = { settings: {}, deviceId: 'd1', recoveryPending: false } as unknown as DeskSettings;

function openSession(): { session: DeskSession; closed: () => boolean; key: Buffer } {
  let closed = false;
  const store = { close: () => Promise.resolve(void (closed = true)) } as unknown as Store;
  const session = new DeskSession(tmp.dir, { now: () => new Date('2026-03-02T01:30:00.000Z') });
  const key = Buffer.alloc(32, 7);
  session.begin(store, key, USER, DESK);
  return { session, closed: () => closed, key };
}

describe('locking with a failing before-lock hook', () => {
  it('a hook that rejects: the desk still locks, and the log names only the class', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { session, closed, key } = openSession();
    session.beforeLock(() => Promise.reject(new RangeError('张三 110101199003074514 was in the run')));

    await session.lock();

    expect(session.current).toBeNull();
    expect(session.lockedUser?.userId).toBe('u1');
    expect(closed()).toBe(true);
    expect(key.every((b) => b === 0)).toBe(true);
    expect(log.mock.calls).toEqual([['[session] lock hook failed: RangeError']]);
  });

  it('a hook that throws before it returns a promise: the desk still locks, and it is logged', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { session, closed } = openSession();
    session.beforeLock(() => {
      throw Object.assign(new Error('/home/张三/desk.db'), { code: 'EBUSY' });
    });
    let ran = false;
    session.beforeLock(() => Promise.resolve(void (ran = true)));

    await session.lock();

    expect(session.current).toBeNull();
    expect(closed()).toBe(true);
    expect(ran).toBe(true);
    expect(log.mock.calls).toEqual([['[session] lock hook failed: Error (EBUSY)']]);
  });
});
