import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DASHBOARD_FIRST_ROWS, type Dashboard } from '../../src/shared/dashboard';
import { DashboardSchema } from '../../src/shared/dashboard/schemas';
import { minimalIntake, signInAs, type Staff } from '../support/case-fixture';
import type { Desk } from '../support/desk-fixture';
import { signResult } from '../support/aftercare-fixture';
import { codeOf, deskWithCase, travel } from '../support/protection-fixture';

let desk: Desk;
let staff: Staff;
let caseId: string;
let caseNumber: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ desk, staff, caseId, caseNumber, cleanup } = await deskWithCase());
});
afterEach(() => cleanup());

describe('dashboard (工作台)', () => {
  it('lists statutory deadlines within N days, per visibility, soonest first (fake clock)', async () => {
    // Case 1 (A in charge, B accompanying): received 2026-03-02. Case 2 (B only): received 2026-02-27.
    const c1 = await desk.ok('cases.get', { caseId });
    expect(c1.registration?.timeline.withdrawalDeadline).toBe('2026-04-01');
    await signInAs(desk, 'counsellorB');
    const c2 = await desk.ok('cases.create', {
      parties: [
        { name: '王五', sex: 'male' },
        { name: '赵六', sex: 'female' },
      ],
      filing: { receivedDate: '2026-02-27', receiptNumber: 'SL-2026-0002' },
    });
    expect(c2.registration?.timeline.withdrawalDeadline).toBe('2026-03-29');

    await travel(desk, '2026-03-26T02:00:00.000Z', 'counsellorA');
    const a = await desk.ok('dashboard.get', {});
    expect(a.today).toBe('2026-03-26');
    expect(a.withinDays).toBe(7);
    expect(a.deadlinesSoon).toEqual([
      {
        caseId,
        caseNumber,
        kind: 'withdrawal_deadline',
        date: '2026-04-01',
        daysLeft: 6,
        counsellor: { id: staff.counsellorA, displayName: '用户counsellor.a' },
      },
    ]);
    expect((await desk.ok('dashboard.get', { withinDays: 5 })).deadlinesSoon).toEqual([]);

    await signInAs(desk, 'counsellorB');
    const b = await desk.ok('dashboard.get', {});
    expect(b.deadlinesSoon.map((d) => [d.caseNumber, d.date, d.daysLeft])).toEqual([
      [c2.caseNumber, '2026-03-29', 3],
      [caseNumber, '2026-04-01', 6],
    ]);
    expect((await desk.ok('dashboard.get', { withinDays: 3 })).deadlinesSoon.map((d) => d.caseId)).toEqual([
      c2.id,
    ]);

    // After the withdrawal deadline has closed, the sweep (run by the dashboard) moves case 2 on; its
    // certificate window end is what counts now.
    await travel(desk, '2026-03-30T02:00:00.000Z', 'director');
    const d = await desk.ok('dashboard.get', { withinDays: 40 });
    const certEnd = (await desk.ok('cases.get', { caseId: c2.id })).registration;
    expect(certEnd?.status).toBe('awaiting_certificate');
    expect(d.deadlinesSoon.map((x) => [x.caseId, x.kind, x.date])).toEqual([
      [caseId, 'withdrawal_deadline', '2026-04-01'],
      [c2.id, 'certificate_window_end', certEnd?.timeline.certificateWindowEnd],
    ]);

    await signInAs(desk, 'volunteer');
    expect(await codeOf(desk, 'dashboard.get', {})).toBe('FORBIDDEN');
  });

  it("shows today's sessions of visible cases only, by half day", async () => {
    const pm = await desk.ok('records.saveDraft', {
      caseId,
      sessionDate: '2026-03-02',
      halfDay: 'pm',
      channel: 'face_to_face',
    });
    const am = await desk.ok('records.saveDraft', {
      caseId,
      sessionDate: '2026-03-02',
      halfDay: 'am',
      channel: 'voice',
    });
    await desk.ok('records.saveDraft', { caseId, sessionDate: '2026-03-01', halfDay: 'am' });
    await desk.ok('records.saveDraft', { caseId });

    await signInAs(desk, 'director');
    const other = await desk.ok('cases.create', {
      parties: [
        { name: '王五', sex: 'male' },
        { name: '赵六', sex: 'female' },
      ],
      type: 'marital',
    });
    const theirs = await desk.ok('records.saveDraft', {
      caseId: other.id,
      sessionDate: '2026-03-02',
      halfDay: 'am',
    });
    expect((await desk.ok('dashboard.get', {})).todaySessions.map((s) => s.recordId).sort()).toEqual(
      [am.id, pm.id, theirs.id].sort(),
    );

    await signInAs(desk, 'counsellorA');
    const dash = await desk.ok('dashboard.get', {});
    expect(dash.todaySessions).toEqual([
      { caseId, caseNumber, recordId: am.id, halfDay: 'am', channel: 'voice', status: 'draft' },
      { caseId, caseNumber, recordId: pm.id, halfDay: 'pm', channel: 'face_to_face', status: 'draft' },
    ]);
    // The companion sees the case's sessions too; nothing else is due on day one.
    await signInAs(desk, 'counsellorB');
    const b = await desk.ok('dashboard.get', {});
    expect(b.todaySessions.map((s) => s.recordId)).toEqual([am.id, pm.id]);
    expect(b.overdueReferrals).toEqual([]);
    expect(b.openSupervision).toEqual([]);

    // The next day (China time) they are no longer today's.
    await travel(desk, '2026-03-02T16:00:00.000Z', 'counsellorA');
    expect((await desk.ok('dashboard.get', {})).todaySessions).toEqual([]);
  });

  it('a desk with more rows than the first few shows the true counts, and the case list finds the same', async () => {
    // Eleven more filings over four days (twelve with the fixture's), and ten sessions dated today.
    const extra = DASHBOARD_FIRST_ROWS + 3;
    for (let i = 0; i < extra; i++) {
      await desk.ok(
        'cases.create',
        minimalIntake({
          filing: {
            receivedDate: `2026-02-${String(27 + (i % 2)).padStart(2, '0')}`,
            receiptNumber: `SL-X-${i}`,
          },
        }),
      );
    }
    for (let i = 0; i < DASHBOARD_FIRST_ROWS + 2; i++) {
      await desk.ok('records.saveDraft', { caseId, sessionDate: '2026-03-02', halfDay: i % 2 ? 'pm' : 'am' });
    }

    const now = await desk.ok('dashboard.get', {});
    expect(now.totals.todaySessions).toBe(DASHBOARD_FIRST_ROWS + 2);
    expect(now.todaySessions).toHaveLength(DASHBOARD_FIRST_ROWS);
    // Morning first, then afternoon, even when only the first few come back.
    expect(now.todaySessions.map((s) => s.halfDay)).toEqual([
      ...Array<string>((DASHBOARD_FIRST_ROWS + 2) / 2).fill('am'),
      ...Array<string>(DASHBOARD_FIRST_ROWS - (DASHBOARD_FIRST_ROWS + 2) / 2).fill('pm'),
    ]);

    await travel(desk, '2026-03-26T02:00:00.000Z', 'counsellorA');
    const board: Dashboard = await desk.ok('dashboard.get', { withinDays: 14 });
    expect(board.totals.deadlinesSoon).toBe(extra + 1);
    expect(board.deadlinesSoon).toHaveLength(DASHBOARD_FIRST_ROWS);
    const dates = board.deadlinesSoon.map((d) => d.date);
    expect(dates).toEqual([...dates].sort());
    expect(dates[0]).toBe('2026-03-29');
    expect(board.totals.overdueReferrals).toBe(board.overdueReferrals.length);
    expect(() => DashboardSchema.parse(board)).not.toThrow();

    // The section's link: the case list filtered to the same window finds the same cases.
    const list = await desk.ok('cases.list', {
      deadlineFrom: board.today,
      deadlineTo: '2026-04-09',
      sort: 'deadline_asc',
    });
    expect(list.total).toBe(board.totals.deadlinesSoon);
    expect(list.rows.slice(0, DASHBOARD_FIRST_ROWS).map((r) => r.id)).toEqual(
      board.deadlinesSoon.map((d) => d.caseId),
    );
    // A narrower window counts fewer, alike on both sides.
    const soon = await desk.ok('dashboard.get', { withinDays: 3 });
    const soonList = await desk.ok('cases.list', { deadlineFrom: board.today, deadlineTo: '2026-03-29' });
    expect(soon.totals.deadlinesSoon).toBe(soonList.total);
    expect(soon.totals.deadlinesSoon).toBeLessThan(board.totals.deadlinesSoon);
  });
});

describe('dashboard follow-up sections at more than the first rows', () => {
  it('counts every overdue visit, as the follow-up queue’s overdue bucket does (its 查看全部)', async () => {
    const families = DASHBOARD_FIRST_ROWS + 1;
    for (let i = 0; i < families; i++) {
      const c =
        i === 0
          ? { id: caseId }
          : await desk.ok(
              'cases.create',
              minimalIntake({ filing: { receivedDate: '2026-03-02', receiptNumber: `SL-F-${i}` } }),
            );
      await signResult(desk, c.id, staff.counsellorA, 'reconcile', '2026-03-02');
      await desk.ok('families.openFromCase', { caseId: c.id });
    }
    // The first visits (one month after the result) are overdue a week later.
    await travel(desk, '2026-04-10T02:00:00.000Z', 'counsellorA');
    const mine = await desk.ok('dashboard.get', {});
    expect(mine.totals.overdueVisits).toBe(families);
    expect(mine.overdueVisits).toHaveLength(DASHBOARD_FIRST_ROWS);
    expect((await desk.ok('followups.queue', { bucket: 'overdue' })).counts.overdue).toBe(families);

    await signInAs(desk, 'director');
    const all = await desk.ok('dashboard.get', {});
    expect(all.totals.overdueVisits).toBe(families);
    expect((await desk.ok('followups.queue', { bucket: 'overdue', scope: 'all' })).total).toBe(families);
    await signInAs(desk, 'counsellorB');
    expect((await desk.ok('dashboard.get', {})).totals.overdueVisits).toBe(0);
  });
});

describe('the Dashboard schema', () => {
  const empty = {
    today: '2026-03-02',
    withinDays: 7,
    todaySessions: [],
    deadlinesSoon: [],
    overdueReferrals: [],
    openSupervision: [],
    overdueVisits: [],
    safetyConcerns: [],
    totals: {
      todaySessions: 0,
      deadlinesSoon: 100_000,
      overdueReferrals: 0,
      openSupervision: 0,
      overdueVisits: 0,
      safetyConcerns: 0,
    },
  };
  const session = {
    caseId: 'c',
    caseNumber: '2026-LH-00001',
    recordId: 'r',
    halfDay: 'am',
    channel: 'voice',
    status: 'draft',
  } as const;

  it('is strict: totals are required, unknown keys and more than the first rows are refused', () => {
    expect(DashboardSchema.parse(empty)).toEqual(empty);
    const { totals: _totals, ...withoutTotals } = empty;
    expect(DashboardSchema.safeParse(withoutTotals).success).toBe(false);
    expect(DashboardSchema.safeParse({ ...empty, extra: 1 }).success).toBe(false);
    expect(DashboardSchema.safeParse({ ...empty, totals: { ...empty.totals, more: 1 } }).success).toBe(false);
    expect(
      DashboardSchema.safeParse({ ...empty, totals: { ...empty.totals, todaySessions: -1 } }).success,
    ).toBe(false);
    expect(
      DashboardSchema.safeParse({ ...empty, todaySessions: [{ ...session, name: '张三' }] }).success,
    ).toBe(false);
    const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ ...session, recordId: `r${i}` }));
    expect(DashboardSchema.safeParse({ ...empty, todaySessions: rows(DASHBOARD_FIRST_ROWS) }).success).toBe(
      true,
    );
    expect(
      DashboardSchema.safeParse({ ...empty, todaySessions: rows(DASHBOARD_FIRST_ROWS + 1) }).success,
    ).toBe(false);
  });
});
