import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelOutput } from '../../src/shared/contract';
import { openStore } from '../../src/main/desk/store';
import { unwrapWithPassword } from '../../src/main/desk/keyring';
import { addStaff, fullIntake, signInAs, type Staff } from '../support/case-fixture';
import { ADMIN, Desk, setUpDesk } from '../support/desk-fixture';

/*
 * Submitted reports (statistics.submit / snapshots / compareSnapshot) on a real desk through the services:
 * a submitted March report, then late data — a session of March recorded late, a case whose result
 * changes at a later session — and the comparison names exactly the numbers that changed and the cases
 * that changed them. The stored snapshot cannot be changed, and a changed one no longer verifies.
 */

const MARCH = { from: '2026-03-01', to: '2026-03-31', counsellorId: null } as const;
type Created = ChannelOutput<'cases.create'>;

describe('submitted statistics reports', () => {
  let desk: Desk;
  let cleanup: () => Promise<void>;
  let staff: Staff;
  let receipts = 0;
  const cases: Record<'reconcile' | 'postpone' | 'divorce' | 'late', Created | null> = {
    reconcile: null,
    postpone: null,
    divorce: null,
    late: null,
  };

  async function sign(caseId: string, sessionDate: string, result: 'reconcile' | 'postpone' | 'divorce') {
    const draft = await desk.ok('records.saveDraft', {
      caseId,
      sessionDate,
      halfDay: 'pm',
      channel: 'face_to_face',
      counsellorIds: [staff.counsellorA],
      volunteerNames: [],
      attendees: { parties: ['party_a', 'party_b'], others: [] },
      result,
    });
    await desk.ok('records.sign', { recordId: draft.id });
  }

  async function counselled(
    result: 'reconcile' | 'postpone' | 'divorce',
    sessionDate: string,
  ): Promise<Created> {
    const created = await desk.ok(
      'cases.create',
      fullIntake({ filing: { receivedDate: '2026-03-01', receiptNumber: `SL-2026-${++receipts}` } }),
    );
    await sign(created.id, sessionDate, result);
    return created;
  }

  beforeAll(async () => {
    ({ desk, cleanup } = await setUpDesk());
    staff = await addStaff(desk); // counsellor A is signed in
    cases.reconcile = await counselled('reconcile', '2026-03-02');
    cases.postpone = await counselled('postpone', '2026-03-02');
    cases.divorce = await counselled('divorce', '2026-03-02');
    await signInAs(desk, 'director');
  });
  afterAll(() => cleanup());

  let submitted: ChannelOutput<'statistics.submit'>;

  it('a director submits a period: frozen, listed, audited, and equal to the page until something changes', async () => {
    submitted = await desk.ok('statistics.submit', MARCH);
    expect(submitted).toMatchObject({ from: MARCH.from, to: MARCH.to, counsellor: null });
    expect(submitted.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await desk.ok('statistics.snapshots', { from: MARCH.from, to: MARCH.to })).toEqual([submitted]);
    expect(await desk.ok('statistics.snapshots', { from: '2026-04-01', to: null })).toEqual([]);

    const same = await desk.ok('statistics.compareSnapshot', { snapshotId: submitted.id });
    expect(same.intact).toBe(true);
    expect(same.changes).toEqual([]);
    expect(same.current).toEqual(same.submitted);
    expect(same.submitted.divorce).toMatchObject({ filings: 3, counselled: 3, resultPostpone: 1 });

    const { rows } = await desk.ok('audit.list', { pageSize: 20 });
    expect(rows.map((r) => r.action)).toContain('statistics.submitted');
  });

  it('shows which numbers late data changed, and which cases changed them', async () => {
    desk.clock.advanceMinutes(24 * 60); // 2026-03-03
    await signInAs(desk, 'counsellorA');
    // A session of 2 March recorded late; the postponed couple reconciles at a session on the 3rd.
    cases.late = await counselled('divorce', '2026-03-02');
    await sign(cases.postpone!.id, '2026-03-03', 'reconcile');
    await signInAs(desk, 'director');

    const compared = await desk.ok('statistics.compareSnapshot', { snapshotId: submitted.id });
    expect(compared.intact).toBe(true);
    expect(compared.submitted.divorce.counselled).toBe(3);
    expect(compared.current.divorce.counselled).toBe(4);
    const change = (indicator: string, value: string | null = null) =>
      compared.changes.find((c) => c.indicator === indicator && c.value === value);
    const labels = (list: readonly { label: string }[]) => list.map((m) => m.label).sort();

    expect(change('counselled')).toMatchObject({ before: 3, after: 4, removed: [] });
    expect(labels(change('counselled')!.added)).toEqual([cases.late.caseNumber]);
    expect(change('filings')).toMatchObject({ before: 3, after: 4 });
    expect(change('resultPostpone')).toMatchObject({ before: 1, after: 0, added: [] });
    expect(labels(change('resultPostpone')!.removed)).toEqual([cases.postpone!.caseNumber]);
    expect(labels(change('resultReconcile')!.added)).toEqual([cases.postpone!.caseNumber]);
    expect(labels(change('resultDivorce')!.added)).toEqual([cases.late.caseNumber]);
    // Still 劝和 (暂缓 → 和好): not a change of that number.
    expect(change('reconciledBroad')).toBeUndefined();
    // Two more sessions in March: the late one and the one on the 3rd.
    expect(change('sessions')).toMatchObject({ before: 3, after: 5 });
    expect(change('counselledByType', 'divorce_adjustment')).toMatchObject({ before: 3, after: 4 });
    // Names never appear: office numbers only.
    expect(JSON.stringify(compared.changes)).not.toContain('张三');
  });

  it('only directors submit; an unknown snapshot is not found', async () => {
    await signInAs(desk, 'counsellorA');
    const refused = await desk.call('statistics.submit', MARCH);
    expect(refused.ok ? null : refused.error.code).toBe('FORBIDDEN');
    await signInAs(desk, 'director');
    const missing = await desk.call('statistics.compareSnapshot', {
      snapshotId: '0190a7c2-1b2c-7d3e-8f40-000000000000',
    });
    expect(missing.ok ? null : missing.error.code).toBe('STATISTICS_SNAPSHOT_NOT_FOUND');
  });

  it('a stored snapshot cannot be changed, and one changed behind the desk no longer verifies', async () => {
    await desk.close();
    const unlocked = unwrapWithPassword(desk.dir, ADMIN.username, ADMIN.password);
    if (!unlocked) throw new Error('the admin slot does not open');
    const store = await openStore(desk.dir, unlocked.dbKey);
    try {
      await expect(sql`UPDATE report_snapshots SET figures = '{}'`.execute(store.db)).rejects.toThrow(
        /never changes/,
      );
      await expect(sql`DELETE FROM report_snapshots`.execute(store.db)).rejects.toThrow(/never removed/);
      // Someone with the key and the SQLite shell: the trigger dropped, a number rewritten.
      await sql`DROP TRIGGER report_snapshots_frozen`.execute(store.db);
      await sql`UPDATE report_snapshots SET figures = replace(figures, '"counselled":3', '"counselled":30')`.execute(
        store.db,
      );
    } finally {
      await store.close();
    }
    desk = await Desk.open(desk.dir, desk.clock);
    await signInAs(desk, 'director');
    const compared = await desk.ok('statistics.compareSnapshot', { snapshotId: submitted.id });
    expect(compared.intact).toBe(false);
    expect(compared.submitted.divorce.counselled).toBe(30);
  });
});
