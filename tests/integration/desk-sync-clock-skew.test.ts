// A desk whose clock is days off still syncs (docs/sync-format.md "Clock skew"): a real desk, a real county
// over real HTTPS. The desk's clock is moved 3 days ahead or behind after enrolment. The TLS check of the
// desk runs on the machine's real clock, so the county's certificate is made to look to it exactly as it
// would to a desk that far off: not valid yet (desk behind a freshly made certificate) or expired (desk
// ahead of a certificate near its end). Either way the run completes, the county's receipts (signed on
// the county's clock) are verified and applied, and the status carries a clock warning instead of an error.
import { afterEach, describe, expect, it } from 'vitest';
import { parseSignedReceipt } from '../../src/shared/sync';
import { startTestCounty, type TestCounty } from '../support/county-server';
import { ADMIN } from '../support/desk-fixture';
import {
  countyEnvelopes,
  enrolDesk,
  makeChanges,
  openSyncDesk,
  type SyncTestDesk,
} from '../support/desk-sync-fixture';

const DAY_MINUTES = 24 * 60;

/** A county certificate made `days` from now (its validity: one day back to ten years on). */
function certificateTime(days: number): Date {
  return new Date(Date.now() + days * DAY_MINUTES * 60_000);
}

describe('a desk clock days off', () => {
  let county: TestCounty;
  let d: SyncTestDesk;

  afterEach(async () => {
    await d.cleanup();
    await county.stop();
  });

  async function syncWithShiftedClock(days: number) {
    d = await openSyncDesk();
    const device = (await enrolDesk(d.desk, county)).enrolment?.deviceId ?? '';
    await makeChanges(d.desk, 3);
    d.desk.clock.advanceMinutes(days * DAY_MINUTES);
    // Moving the clock ahead trips the idle lock, as it would on a real desk: log in again.
    if (!(await d.desk.call('sync.status', null)).ok) {
      await d.desk.ok('auth.login', { username: ADMIN.username, password: ADMIN.password });
    }
    const status = await d.desk.ok('sync.now', null);
    return { device, status };
  }

  it('3 days behind (the county certificate is not valid yet at the desk clock): delivered, warned', async () => {
    county = await startTestCounty({ tlsNow: certificateTime(3) });
    const { device, status } = await syncWithShiftedClock(-3);

    expect(status).toMatchObject({ lastError: null, pendingChanges: 0, sealedBatches: 0 });
    expect(status.lastSuccessAt).toBe(status.lastAttemptAt);
    expect(status.clockSkewMinutes).toBeGreaterThanOrEqual(-3 * DAY_MINUTES - 1);
    expect(status.clockSkewMinutes).toBeLessThanOrEqual(-3 * DAY_MINUTES + 1);
    expect(status.history.length).toBeGreaterThan(0);
    expect(status.history.every((b) => b.status === 'delivered')).toBe(true);
    expect(await countyEnvelopes(county, device)).toHaveLength(status.history.length);
    // The receipts the desk verified and applied were stamped on the county's clock, 3 days after the desk's.
    const receipts = await county.store.db
      .selectFrom('receipts')
      .select('signed')
      .where('device', '=', device)
      .execute();
    expect(receipts).toHaveLength(status.history.length);
    for (const { signed } of receipts) {
      const at = Date.parse(parseSignedReceipt(signed).receipt.receivedAt);
      expect(at - d.desk.clock.now().getTime()).toBeGreaterThan(3 * DAY_MINUTES * 60_000 - 120_000);
    }
  });

  it('3 days ahead (the county certificate has expired at the desk clock): delivered, warned', async () => {
    // Made ten years and a day ago: at the machine's clock it expired yesterday.
    const made = certificateTime(-1);
    made.setUTCFullYear(made.getUTCFullYear() - 10);
    county = await startTestCounty({ tlsNow: made });
    const { device, status } = await syncWithShiftedClock(3);

    expect(status).toMatchObject({ lastError: null, pendingChanges: 0, sealedBatches: 0 });
    expect(status.clockSkewMinutes).toBeGreaterThanOrEqual(3 * DAY_MINUTES - 1);
    expect(status.clockSkewMinutes).toBeLessThanOrEqual(3 * DAY_MINUTES + 1);
    expect(status.history.every((b) => b.status === 'delivered')).toBe(true);
    expect(await countyEnvelopes(county, device)).toHaveLength(status.history.length);

    // Back in step: the warning goes at the next run.
    d.desk.clock.advanceMinutes(-3 * DAY_MINUTES);
    await makeChanges(d.desk, 1);
    expect(await d.desk.ok('sync.now', null)).toMatchObject({ lastError: null, clockSkewMinutes: null });
  });
});
