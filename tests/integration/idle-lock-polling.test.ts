// The idle lock holds while the window polls: the sidebar badge reads 'sync.status' every 30 s by itself,
// and only calls the user asked for postpone the lock (ChannelSpec.activity, docs/architecture.md).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract, POLL_CHANNELS } from '../../src/shared/contract';
import { type Desk, setUpDesk } from '../support/desk-fixture';

let desk: Desk;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ desk, cleanup } = await setUpDesk());
});
afterEach(() => cleanup());

/** The sidebar badge's interval (src/renderer/src/sync/hooks.ts SYNC_POLL_MS.sidebar). */
const SIDEBAR_POLL_SECONDS = 30;

/** Polls like the sidebar for `minutes`; returns the answers' codes ('ok' for a success). */
async function pollFor(minutes: number): Promise<string[]> {
  const codes: string[] = [];
  for (let s = 0; s < minutes * 60; s += SIDEBAR_POLL_SECONDS) {
    desk.clock.advanceSeconds(SIDEBAR_POLL_SECONDS);
    const r = await desk.call('sync.status', null);
    codes.push(r.ok ? 'ok' : r.error.code);
  }
  return codes;
}

describe('idle lock while the renderer polls', () => {
  it('the timer-called channels are marked as polls in the contract', () => {
    // The sync badge, and the progress bars of case archives, backups, a sign-in that upgrades the store and
    // a first search that builds the index (read only while a job or that call runs).
    expect([...POLL_CHANNELS].sort()).toEqual(
      [
        'archive.progress',
        'auth.upgradeProgress',
        'backup.progress',
        'backup.status',
        'search.indexProgress',
        'sync.status',
      ].sort(),
    );
    expect(contract['sync.status'].activity).toBe('poll');
  });

  it('polling sync status every 30 s does not keep the desk open: it locks at the idle time', async () => {
    // Default idleLockMinutes is 10: the 20th poll (10 minutes after sign-in) finds the desk idle.
    const codes = await pollFor(12);
    expect(codes.slice(0, 19)).toEqual(Array(19).fill('ok'));
    expect(codes[19]).toBe('LOCKED');
    expect(codes.slice(20).every((c) => c === 'LOCKED')).toBe(true);
    expect((await desk.ok('app.status', null)).phase).toBe('locked');
  });

  it('a user-initiated call still postpones the lock, polls in between or not', async () => {
    await pollFor(8);
    await desk.ok('users.list', null); // the user opens the user list
    const codes = await pollFor(9.5);
    expect(codes.every((c) => c === 'ok')).toBe(true);
    desk.clock.advanceSeconds(SIDEBAR_POLL_SECONDS);
    expect((await desk.fails('sync.status', null)).code).toBe('LOCKED');
  });
});
