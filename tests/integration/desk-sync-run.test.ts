// Sync runs of a real desk against a real county server over real HTTPS: delivery, an unreachable county,
// clock skew, backoff and the loop running by itself.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeEnrolmentCode, encodeEnrolmentCode } from '../../src/shared/sync/enrolment';
import { startTestCounty, type TestCounty } from '../support/county-server';
import { ADMIN } from '../support/desk-fixture';
import { startFaultProxy, type Fault } from '../support/fault-proxy';
import { tempDir } from '../support/tmp';
import {
  countyEnvelopes,
  countyRowIds,
  deskUserIds,
  enrolDesk,
  makeChanges,
  openSyncDesk,
  SYNC_TEST_OPTIONS,
  type SyncTestDesk,
} from '../support/desk-sync-fixture';

const msUntil = (d: SyncTestDesk, iso: string | null) =>
  iso === null ? null : Date.parse(iso) - d.desk.clock.now().getTime();

describe('desk sync runs', () => {
  let county: TestCounty;
  let d: SyncTestDesk;
  // The county's own directory, so that stop() keeps its database and restart() brings it back.
  let countyDir: ReturnType<typeof tempDir>;

  beforeEach(async () => {
    countyDir = tempDir('counseldesk-county-');
    county = await startTestCounty({ dir: countyDir.dir });
  });
  afterEach(async () => {
    await d.cleanup();
    await county.stop();
    countyDir.cleanup();
  });

  it('sync now delivers every change: outbox empty, county envelopes and rows match', async () => {
    d = await openSyncDesk();
    const enrolled = await enrolDesk(d.desk, county);
    const device = enrolled.enrolment?.deviceId ?? '';
    await makeChanges(d.desk, 4);
    const pending = (await d.desk.ok('sync.status', null)).pendingChanges;
    expect(pending).toBeGreaterThanOrEqual(5);

    const status = await d.desk.ok('sync.now', null);
    expect(status).toMatchObject({ pendingChanges: 0, sealedBatches: 0, lastError: null, running: false });
    expect(status.lastSuccessAt).toBe(status.lastAttemptAt);
    const batches = Math.ceil(pending / 2);
    expect(status.history).toHaveLength(batches);
    expect(status.history.every((b) => b.status === 'delivered' && b.deliveredAt !== null)).toBe(true);
    expect(status.history.map((b) => b.seq)).toEqual(Array.from({ length: batches }, (_, i) => batches - i));
    expect(await countyEnvelopes(county, device)).toHaveLength(batches);
    expect(await countyRowIds(county, device, 'users')).toEqual(await deskUserIds(d.desk));
    // Nothing more to send: a second run seals nothing.
    expect((await d.desk.ok('sync.now', null)).history).toHaveLength(batches);
  });

  it('a stopped county: SYNC_UNREACHABLE, nothing lost, backoff grows; after a restart all arrives', async () => {
    d = await openSyncDesk();
    const device = (await enrolDesk(d.desk, county)).enrolment?.deviceId ?? '';
    await d.desk.ok('sync.now', null);
    await makeChanges(d.desk, 3);
    const pending = (await d.desk.ok('sync.status', null)).pendingChanges;
    await county.stop();
    d.desk.clock.advanceSeconds(1);

    const failed = await d.desk.ok('sync.now', null);
    expect(failed.lastError).toMatchObject({ code: 'SYNC_UNREACHABLE', meta: { cause: 'ECONNREFUSED' } });
    expect(failed.lastSuccessAt).not.toBe(failed.lastAttemptAt);
    expect(failed.pendingChanges).toBe(pending);
    expect(failed.sealedBatches).toBe(1); // sealed once, kept for the next attempt
    // random 0.5 → factor 0.75: 30 s · 2^(n−1) · 0.75 after the n-th failure in a row.
    expect(msUntil(d, failed.nextAttemptAt)).toBe(22_500);
    d.desk.clock.advanceSeconds(1);
    expect(msUntil(d, (await d.desk.ok('sync.now', null)).nextAttemptAt)).toBe(45_000);
    const third = await d.desk.ok('sync.now', null);
    expect(msUntil(d, third.nextAttemptAt)).toBe(90_000);
    expect(third.sealedBatches).toBe(1); // a failed run seals at most what it could not send

    await county.restart();
    const ok = await d.desk.ok('sync.now', null);
    expect(ok).toMatchObject({ lastError: null, pendingChanges: 0, sealedBatches: 0 });
    expect(msUntil(d, ok.nextAttemptAt)).toBe(15 * 60_000);
    expect(await countyRowIds(county, device, 'users')).toEqual(await deskUserIds(d.desk));
    const envelopes = await countyEnvelopes(county, device);
    expect(envelopes.map((e) => e.seq)).toEqual(envelopes.map((_, i) => i + 1));
  });

  it('a desk clock off by more than five minutes is a warning with the minutes; the run still delivers', async () => {
    d = await openSyncDesk();
    await enrolDesk(d.desk, county);
    expect((await d.desk.ok('sync.status', null)).clockSkewMinutes).toBeNull();
    // Behind, not ahead: moving the desk's clock 12 minutes ahead would also trip its idle lock.
    d.desk.clock.advanceMinutes(-12);
    const status = await d.desk.ok('sync.now', null);
    expect(status).toMatchObject({ lastError: null, clockSkewMinutes: -12, pendingChanges: 0 });
  });

  it('the loop syncs by itself while unlocked, and not while locked', async () => {
    d = await openSyncDesk({ app: { sync: { ...SYNC_TEST_OPTIONS.sync, firstRunDelayMs: 50 } } });
    // Each change is made before the event that schedules a run (the enrolment, the unlock): a change made
    // just after it could miss that run on a busy machine and wait for the next one, 15 minutes later.
    await makeChanges(d.desk, 1);
    await enrolDesk(d.desk, county);
    const synced = await waitFor(d, (s) => s.lastSuccessAt !== null && s.pendingChanges === 0);
    expect(msUntil(d, synced.nextAttemptAt)).toBe(15 * 60_000);

    // A change while unlocked waits for the next run; locked, nothing runs.
    await makeChanges(d.desk, 1);
    expect((await statusOf(d)).pendingChanges).toBe(1);
    await d.desk.ok('auth.lock', null);
    expect((await d.desk.fails('sync.status', null)).code).toBe('LOCKED');
    await d.desk.ok('auth.login', { username: ADMIN.username, password: ADMIN.password });
    // Unlocking schedules the first run again; it delivers the change by itself.
    await waitFor(d, (s) => s.pendingChanges === 0 && s.history.length > synced.history.length);
  });

  it('locking aborts the run in flight at once; nothing is recorded or lost, and the next unlock goes on', async () => {
    let fault: Fault = 'pass';
    const proxy = await startFaultProxy({
      certPem: county.tlsCertPem,
      keyPem: county.tls.keyPem,
      upstreamPort: county.port,
      plan: () => fault,
      // Long enough to lock in the middle (its close() waits for the delayed request, so not longer).
      delayMs: 6_000,
    });
    try {
      d = await openSyncDesk({ app: { sync: { ...SYNC_TEST_OPTIONS.sync, firstRunDelayMs: 50 } } });
      const code = decodeEnrolmentCode(await county.enrol('城关镇'));
      if (!code) throw new Error('unreadable code');
      await makeChanges(d.desk, 1);
      fault = 'delay'; // every request after the enrolment hangs for 6 s
      await d.desk.ok('sync.enrol', { code: encodeEnrolmentCode({ ...code, url: proxy.url }) });
      const pending = (await waitFor(d, (s) => s.running)).pendingChanges;

      const started = Date.now();
      await d.desk.ok('auth.lock', null);
      expect(Date.now() - started).toBeLessThan(3_000);

      fault = 'pass';
      await d.desk.ok('auth.login', { username: ADMIN.username, password: ADMIN.password });
      const after = await d.desk.ok('sync.status', null);
      expect(after).toMatchObject({ lastAttemptAt: null, lastError: null });
      expect(after.pendingChanges).toBeGreaterThanOrEqual(pending); // + the sign-in's own change
      await waitFor(d, (s) => s.pendingChanges === 0 && s.lastError === null);
    } finally {
      await proxy.close();
    }
  });

  it('auto sync off: no next attempt; the setting persists and is audited', async () => {
    d = await openSyncDesk();
    await enrolDesk(d.desk, county);
    const off = await d.desk.ok('sync.updateSettings', { autoSync: false, intervalMinutes: 30 });
    expect(off).toMatchObject({ settings: { autoSync: false, intervalMinutes: 30 }, nextAttemptAt: null });
    expect((await d.desk.ok('sync.now', null)).nextAttemptAt).toBeNull();
    const audit = await d.desk.ok('audit.list', { action: 'sync.settings_updated' });
    expect(audit.rows[0]?.detail).toEqual({ autoSync: false, intervalMinutes: 30 });
  });
});

async function waitFor(
  d: SyncTestDesk,
  done: (s: Awaited<ReturnType<typeof statusOf>>) => boolean,
): Promise<Awaited<ReturnType<typeof statusOf>>> {
  // Generous: the machine is shared, and each poll is a real IPC call.
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    const status = await statusOf(d);
    if (done(status)) return status;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the loop did not sync in time');
}

function statusOf(d: SyncTestDesk) {
  return d.desk.ok('sync.status', null);
}
