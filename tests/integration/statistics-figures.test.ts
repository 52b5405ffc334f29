import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/main/db/schema';
import { computeFigures, listIndicator } from '../../src/main/statistics';
import {
  BREAKDOWN_VALUES,
  figuresFrom,
  INDICATOR_KEYS,
  isBreakdown,
  membersOf,
  monthPeriod,
  quarterPeriod,
  StatisticsInputSchema,
  StatisticsListInputSchema,
  yearPeriod,
  type Figures,
  type IndicatorKey,
  type Period,
} from '../../src/shared/statistics';
import type { SessionUser } from '../../src/shared/users';
import { openPlanStore, type PlanStore } from '../support/query-plans';
import {
  insertCase,
  insertDisclosure,
  insertEvaluation,
  insertEvent,
  insertFamily,
  insertRecord,
  insertReferral,
  insertStaff,
  insertVisit,
  insertVolunteer,
  rowsFor,
  seedGenerated,
  type StatStaff,
} from '../support/statistics-dataset';

/*
 * Every indicator of docs/indicators.md computed by the desk's SQL (src/main/statistics) on a real
 * encrypted store: a hand-built caseload whose figures are written out below, and a generated one whose
 * figures must equal the shared pure functions over the same rows; every number's list has exactly its
 * rows.
 */

const NOW = new Date('2026-03-02T01:30:00.000Z');
const TODAY = '2026-03-02';

const figures = (
  db: Kysely<DB>,
  user: SessionUser,
  period: Period,
  counsellorId: string | null = null,
  today = TODAY,
) => computeFigures(db, user, StatisticsInputSchema.parse({ ...period, counsellorId }), today);

/** Every row of an indicator's list, page by page. */
async function listAll(
  db: Kysely<DB>,
  user: SessionUser,
  period: Period,
  indicator: IndicatorKey,
  value: string | null,
  counsellorId: string | null,
  now = NOW,
) {
  const rows = [];
  let total = -1;
  for (let page = 1; ; page++) {
    const list = await listIndicator(
      db,
      user,
      StatisticsListInputSchema.parse({ ...period, counsellorId, indicator, value, page, pageSize: 50 }),
      now,
    );
    if (total === -1) total = list.total;
    expect(list.total).toBe(total);
    rows.push(...list.rows);
    if (list.rows.length < 50) break;
  }
  return { total, rows };
}

/** The number an indicator (and breakdown value) shows on the page. */
function numberOf(f: Figures, key: IndicatorKey, value: string | null): number {
  switch (key) {
    case 'counselledByType':
    case 'sessionsByChannel':
    case 'satisfaction':
    case 'reasons':
    case 'referralsByTarget':
    case 'referralsByStatus':
      return (f[key] as Record<string, number>)[value ?? ''] as number;
    case 'sessions':
    case 'dvDisclosures':
    case 'referrals':
    case 'visitsDue':
    case 'visitsDone':
    case 'visitsOverdue':
    case 'eventsHeld':
      return f[key];
    case 'eventAttendees':
      return f.eventsHeld;
    case 'volunteerHours':
      return -1; // a sum of minutes: checked by its amounts
    case 'volunteerEvaluations':
      return f.volunteerEvaluations.count;
    default:
      return f.divorce[key];
  }
}

// ── a hand-built caseload ───────────────────────────────────────────────────────────────────────────

describe('statistics: a hand-built caseload (figures written out)', () => {
  let store: PlanStore;
  let db: Kysely<DB>;
  let staff: StatStaff;
  let c1: SessionUser;
  let c2: SessionUser;
  const id: Record<string, string> = {};

  beforeAll(async () => {
    store = await openPlanStore();
    db = store.db;
    staff = await insertStaff(db, 2);
    [c1, c2] = staff.counsellors as [SessionUser, SessionUser];
    const rec = (
      caseId: string,
      counsellorId: string,
      date: string,
      result: 'reconcile' | 'postpone' | 'divorce',
      more = {},
    ) => insertRecord(db, { caseId, counsellorId, date, result, ...more });
    // A: filed and first counselled in March (暂缓), its result recorded in April (和好): counts in March
    // with April's result.
    id.A = await insertCase(db, {
      counsellorId: c1.id,
      filing: '2026-03-05',
      reasons: ['infidelity', 'financial'],
      result: 'reconcile',
    });
    await rec(id.A, c1.id, '2026-03-10', 'postpone', {
      channel: 'voice',
      satisfaction: 'basic',
      volunteers: ['志愿者甲'],
    });
    await rec(id.A, c1.id, '2026-04-02', 'reconcile');
    // B: filed in February, counselled 1 March (选择离婚), registered 25 March.
    id.B = await insertCase(db, {
      counsellorId: c1.id,
      filing: '2026-02-20',
      status: 'registered',
      outcomeDate: '2026-03-25',
      result: 'divorce',
    });
    await rec(id.B, c1.id, '2026-03-01', 'divorce', { channel: null, satisfaction: null });
    // C: filed in March, never counselled, withdrawn 20 March.
    id.C = await insertCase(db, {
      counsellorId: c1.id,
      filing: '2026-03-15',
      status: 'withdrawn',
      outcomeDate: '2026-03-20',
    });
    // D (c2 in charge, c1 accompanying): filed and counselled in January (暂缓), withdrawn in February.
    id.D = await insertCase(db, {
      counsellorId: c2.id,
      companionId: c1.id,
      filing: '2026-01-10',
      status: 'withdrawn',
      outcomeDate: '2026-02-05',
      result: 'postpone',
    });
    await rec(id.D, c2.id, '2026-01-15', 'postpone');
    // E: filed 2 March, counselled (选择离婚), then withdrawn 10 March: 劝和 in the broad sense.
    id.E = await insertCase(db, {
      counsellorId: c1.id,
      filing: '2026-03-02',
      status: 'withdrawn',
      outcomeDate: '2026-03-10',
      reasons: ['infidelity'],
      result: 'divorce',
    });
    await rec(id.E, c1.id, '2026-03-03', 'divorce', { channel: 'text' });
    // F (c2): deemed withdrawn, its certificate window ended 6 March.
    id.F = await insertCase(db, {
      counsellorId: c2.id,
      filing: '2026-01-05',
      status: 'deemed_withdrawn',
      outcomeDate: '2026-03-06',
    });
    // G: deleted, with a signed record: counts nowhere.
    id.G = await insertCase(db, {
      counsellorId: c1.id,
      filing: '2026-03-05',
      result: 'reconcile',
      deleted: true,
    });
    await rec(id.G, c1.id, '2026-03-06', 'reconcile');
    // H: filed in March, a draft record only.
    id.H = await insertCase(db, { counsellorId: c1.id, filing: '2026-03-08' });
    await insertRecord(db, { caseId: id.H, counsellorId: c1.id, date: '2026-03-09', signed: false });
    // I: marital counselling in March (no filing).
    id.I = await insertCase(db, { type: 'marital', counsellorId: c1.id, result: 'reconcile' });
    await rec(id.I, c1.id, '2026-03-12', 'reconcile');
    // J (c2): filed in March, its only signed record deleted.
    id.J = await insertCase(db, { counsellorId: c2.id, filing: '2026-03-09' });
    await rec(id.J, c2.id, '2026-03-11', 'divorce', { deleted: true });
    // DV: D's disclosure at 23:59 CST on 1 March (15:59 UTC), A's at 00:30 CST on 1 April; a deleted one.
    const dvD = await insertDisclosure(db, id.D, '2026-03-01T15:59:00.000Z', c2.id);
    await insertDisclosure(db, id.A, '2026-03-31T16:30:00.000Z', c1.id);
    await insertDisclosure(db, id.A, '2026-03-10T02:00:00.000Z', c1.id, true);
    // Referrals in March: one DV-linked on D (hidden from c1, who only accompanies D), one on A, one deleted.
    await insertReferral(db, {
      caseId: id.D,
      createdAt: '2026-03-03T02:00:00.000Z',
      by: c2.id,
      target: 'police',
      status: 'accepted',
      disclosureId: dvD,
    });
    await insertReferral(db, {
      caseId: id.A,
      createdAt: '2026-02-28T16:00:00.000Z',
      by: c1.id,
      target: 'legal_aid',
      status: 'sent',
    });
    await insertReferral(db, {
      caseId: id.A,
      createdAt: '2026-03-05T02:00:00.000Z',
      by: c1.id,
      deleted: true,
    });
    // Follow-ups: c1's archive and c2's, a deleted archive.
    const v1 = await insertVolunteer(db, '志愿者甲', staff.director.id);
    const vGone = await insertVolunteer(db, '志愿者乙', staff.director.id, true);
    const f1 = await insertFamily(db, c1.id);
    const f2 = await insertFamily(db, c2.id);
    const fGone = await insertFamily(db, c1.id, true);
    await insertVisit(db, { familyId: f1, counsellorId: c1.id, due: '2026-03-01', status: 'scheduled' }); // overdue
    await insertVisit(db, { familyId: f1, counsellorId: c1.id, due: '2026-03-20', status: 'scheduled' }); // due, not yet
    await insertVisit(db, {
      familyId: f1,
      counsellorId: c1.id,
      due: '2026-02-25',
      status: 'done',
      visitDate: '2026-03-01',
      minutes: 45,
      volunteerId: v1,
    });
    await insertVisit(db, { familyId: f2, counsellorId: c2.id, due: '2026-03-10', status: 'cancelled' });
    await insertVisit(db, { familyId: f2, counsellorId: c2.id, due: '2026-03-01', status: 'on_hold' });
    await insertVisit(db, { familyId: fGone, counsellorId: c1.id, due: '2026-03-01', status: 'scheduled' });
    await insertVisit(db, {
      familyId: f2,
      counsellorId: c2.id,
      due: '2026-03-02',
      status: 'scheduled',
      planDeleted: true,
    });
    // Events: held 1 March (v1 speaks, 1.5 h), one ahead of today, one deleted.
    await insertEvent(db, {
      date: '2026-03-01',
      attendees: 40,
      hours: 1.5,
      by: staff.director.id,
      speakers: [{ volunteerId: v1 }, { volunteerId: null }],
    });
    await insertEvent(db, {
      date: '2026-03-20',
      attendees: 0,
      hours: 2,
      by: staff.director.id,
      speakers: [{ volunteerId: v1 }],
    });
    await insertEvent(db, {
      date: '2026-03-02',
      attendees: 99,
      hours: 2,
      by: staff.director.id,
      deleted: true,
    });
    await insertEvaluation(db, { volunteerId: v1, date: '2026-03-01', score: 90 });
    await insertEvaluation(db, { volunteerId: v1, date: '2026-03-02', score: 85 });
    await insertEvaluation(db, { volunteerId: v1, date: '2026-03-02', score: 10, deleted: true });
    await insertEvaluation(db, { volunteerId: vGone, date: '2026-03-02', score: 10 });
  });
  afterAll(() => store.close());

  it('March 2026 as the director sees it', async () => {
    const f = await figures(db, staff.director, monthPeriod(2026, 3));
    expect(f.divorce).toEqual({
      filings: 5, // A C E H J
      filingsCounselled: 2, // A E
      counsellingRate: { numerator: 2, denominator: 5, percent: 40 },
      counselled: 3, // A B E
      resultReconcile: 1, // A, with April's result
      resultPostpone: 0,
      resultDivorce: 2, // B E
      reconciledBroad: 2, // A, E (withdrawn)
      reconciliationRateBroad: { numerator: 2, denominator: 3, percent: 66.7 },
      reconciliationRateStrict: { numerator: 1, denominator: 3, percent: 33.3 },
      withdrawals: 2, // C E
      deemedWithdrawals: 1, // F
      registrations: 1, // B
      refusals: 0,
    });
    expect(f.counselledByType).toEqual({ divorce_adjustment: 3, premarital: 0, marital: 1, family: 0 });
    expect(f.sessions).toBe(4); // A B E I
    expect(f.sessionsByChannel).toEqual({ face_to_face: 1, voice: 1, text: 1, none: 1 });
    expect(f.satisfaction).toEqual({ satisfied: 2, basic: 1, dissatisfied: 0, none: 1 });
    expect(f.reasons).toMatchObject({ infidelity: 2, financial: 1, none: 1 });
    expect(f.dvDisclosures).toBe(1); // D's, 23:59 CST on 1 March
    expect(f.referrals).toBe(2);
    expect(f.referralsByTarget).toMatchObject({ police: 1, legal_aid: 1, court: 0 });
    expect(f.referralsByStatus).toMatchObject({ accepted: 1, sent: 1, created: 0 });
    expect([f.visitsDue, f.visitsDone, f.visitsOverdue]).toEqual([3, 1, 1]); // c1: 1 Mar, 20 Mar; c2: on hold
    expect([f.eventsHeld, f.eventAttendees]).toEqual([1, 40]);
    // 甲: 1 record (60) + a 45-minute visit + 1.5 h event (90).
    expect(f.volunteerMinutes).toBe(195);
    expect(f.volunteerEvaluations).toEqual({ count: 2, averageScore: 87.5 });
    expect(f.trend).toEqual([
      {
        month: '2026-03',
        from: '2026-03-01',
        to: '2026-03-31',
        filings: 5,
        counselled: 3,
        resultReconcile: 1,
        resultPostpone: 0,
        resultDivorce: 2,
      },
    ]);
  });

  it('April counts A only as a session; the first quarter adds up its months', async () => {
    const april = await figures(db, staff.director, monthPeriod(2026, 4), null, '2026-04-30');
    expect([april.divorce.filings, april.divorce.counselled, april.sessions]).toEqual([0, 0, 1]);
    expect(april.dvDisclosures).toBe(1); // A's, 00:30 CST on 1 April
    expect(april.divorce.counsellingRate.percent).toBeNull();
    const q1 = await figures(db, staff.director, quarterPeriod(2026, 1));
    expect(q1.divorce).toMatchObject({ filings: 8, counselled: 4, withdrawals: 3, resultPostpone: 1 });
    expect(q1.trend.map((t) => [t.month, t.filings, t.counselled, t.resultPostpone])).toEqual([
      ['2026-01', 2, 1, 1],
      ['2026-02', 1, 0, 0],
      ['2026-03', 5, 3, 0],
    ]);
  });

  it('an empty period is all zeros and rates without a value', async () => {
    const f = await figures(db, staff.director, monthPeriod(2025, 6));
    expect(
      f.divorce.filings + f.divorce.counselled + f.sessions + f.referrals + f.visitsDue + f.eventsHeld,
    ).toBe(0);
    expect(f.divorce.reconciliationRateBroad).toEqual({ numerator: 0, denominator: 0, percent: null });
    expect(f.volunteerEvaluations).toEqual({ count: 0, averageScore: null });
  });

  it('a counsellor sees their cases only, DV only where in charge; "by counsellor" narrows', async () => {
    const mine = await figures(db, c1, monthPeriod(2026, 3));
    // c1 sees A B C E H I (in charge) and D (accompanying): not F or J.
    expect(mine.divorce).toMatchObject({ filings: 4, counselled: 3, deemedWithdrawals: 0 });
    expect(mine.dvDisclosures).toBe(0); // D's disclosure: c1 only accompanies D
    expect(mine.referrals).toBe(1); // the DV-linked one on D is hidden
    expect([mine.visitsDue, mine.visitsOverdue]).toEqual([2, 1]);
    const theirs = await figures(db, c2, monthPeriod(2026, 3));
    expect(theirs.divorce).toMatchObject({ filings: 1, counselled: 0, deemedWithdrawals: 1 });
    expect([theirs.dvDisclosures, theirs.referrals]).toEqual([1, 1]);
    const narrowed = await figures(db, staff.director, monthPeriod(2026, 3), c2.id);
    expect(narrowed.divorce).toMatchObject({ filings: 1, counselled: 0, deemedWithdrawals: 1 });
    expect([narrowed.visitsDue, narrowed.eventsHeld, narrowed.volunteerMinutes]).toEqual([1, 1, 195]);
  });

  it('the lists behind the numbers show case numbers, never names or DV facts', async () => {
    const list = await listAll(db, staff.director, monthPeriod(2026, 3), 'resultDivorce', null, null);
    expect(list.total).toBe(2);
    expect(list.rows.map((r) => [r.caseId, r.date, r.result])).toEqual([
      [id.B, '2026-03-01', 'divorce'],
      [id.E, '2026-03-03', 'divorce'],
    ]);
    expect(list.rows[0]?.label).toMatch(/^2026-LH-\d{5}$/);
    const dv = await listAll(db, staff.director, monthPeriod(2026, 3), 'dvDisclosures', null, null);
    expect(dv.rows.map((r) => [r.caseId, r.date])).toEqual([[id.D, '2026-03-01']]);
    expect(JSON.stringify(dv.rows)).not.toMatch(/推搡/);
  });
});

// ── a generated caseload: the SQL against the shared functions ───────────────────────────────────────

describe('statistics: a generated caseload (SQL = the shared pure functions; lists = numbers)', () => {
  let store: PlanStore;
  let db: Kysely<DB>;
  let staff: StatStaff;

  beforeAll(async () => {
    store = await openPlanStore();
    db = store.db;
    staff = await insertStaff(db, 3);
    await seedGenerated(db, staff, 500);
  });
  afterAll(() => store.close());

  const PERIODS: [string, Period][] = [
    ['a month', monthPeriod(2025, 3)],
    ['a quarter', quarterPeriod(2025, 2)],
    ['a year', yearPeriod(2025)],
    ['a custom range over the new year', { from: '2025-11-15', to: '2026-02-10' }],
    ['the month of today', monthPeriod(2026, 3)],
    ['an empty year', yearPeriod(2023)],
  ];

  for (const [name, period] of PERIODS) {
    it(`${name}: every figure equals the shared functions, for a director, a counsellor and by counsellor`, async () => {
      const c0 = staff.counsellors[0] as SessionUser;
      const c1 = staff.counsellors[1] as SessionUser;
      for (const [user, counsellorId] of [
        [staff.director, null],
        [c0, null],
        [staff.director, c1.id],
      ] as const) {
        const sqlFigures = await figures(db, user, period, counsellorId);
        const pure = figuresFrom(await rowsFor(db, user), period, TODAY, { counsellorId });
        expect(sqlFigures).toEqual(pure);
        if (period.from.startsWith('2025-01') && user === staff.director && counsellorId === null) {
          // The generated year is not trivial.
          expect(sqlFigures.divorce.counselled).toBeGreaterThan(50);
          expect(sqlFigures.divorce.withdrawals).toBeGreaterThan(5);
        }
      }
    });
  }

  it('every number opens a list with exactly its rows (each breakdown value too)', async () => {
    const c0 = staff.counsellors[0] as SessionUser;
    for (const [user, counsellorId] of [
      [staff.director, null],
      [c0, null],
    ] as const) {
      for (const period of [yearPeriod(2025), monthPeriod(2026, 3)]) {
        const f = await figures(db, user, period, counsellorId);
        const members = membersOf(await rowsFor(db, user), period, TODAY, { counsellorId });
        for (const key of INDICATOR_KEYS) {
          const values: readonly (string | null)[] = isBreakdown(key) ? BREAKDOWN_VALUES[key] : [null];
          for (const value of values) {
            const list = await listAll(db, user, period, key, value, counsellorId);
            const ids = list.rows.map((r) => r.id);
            expect(new Set(ids).size, `${key} ${value}`).toBe(ids.length);
            expect(list.total, `${key} ${value}`).toBe(ids.length);
            expect([...ids].sort(), `${key} ${value}`).toEqual([...members(key, value)].sort());
            if (key === 'volunteerHours') {
              expect(list.rows.reduce((s, r) => s + (r.amount ?? 0), 0)).toBe(f.volunteerMinutes);
            } else if (key === 'eventAttendees') {
              expect(list.rows.reduce((s, r) => s + (r.amount ?? 0), 0)).toBe(f.eventAttendees);
            } else {
              expect(list.total, `${key} ${value}`).toBe(numberOf(f, key, value));
            }
          }
        }
      }
    }
  });
});
