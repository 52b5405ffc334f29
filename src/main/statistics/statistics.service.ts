import { sql } from 'kysely';
import { localDateAt, type LocalDate } from '../../shared/calendar';
import { COUNSELLING_TYPES, REASON_CATEGORIES, type ReasonCategory } from '../../shared/cases';
import { REFERRAL_STATUSES, REFERRAL_TARGETS } from '../../shared/referrals';
import {
  averageOfTotal,
  monthsOf,
  monthWithin,
  rate,
  REASON_VALUES,
  SATISFACTION_VALUES,
  SESSION_CHANNELS,
  type Figures,
  type Period,
  type StatisticsInput,
  type TrendMonth,
} from '../../shared/statistics';
import type { SessionUser } from '../../shared/users';
import type { Db } from '../db';
import {
  counselledGroupsQuery,
  eventCountsQuery,
  evaluationCountsQuery,
  filingsByMonthQuery,
  outcomeCountsQuery,
  referralCountsQuery,
  sessionCountsQuery,
  visitCountsQuery,
  visitsDoneQuery,
  volunteerEventMinutesQuery,
  volunteerRecordMinutesQuery,
  volunteerVisitMinutesQuery,
  disclosuresQuery,
  type Scope,
} from './statistics.repository';

/*
 * The 统计 page's figures (docs/indicators.md), aggregated in SQLite: each query returns a handful of
 * grouped counts, folded here into the shape the shared pure functions (src/shared/statistics) define.
 * The tests check these figures against those functions over the same rows.
 */

const zero = <E extends string>(values: readonly E[]): Record<E, number> =>
  Object.fromEntries(values.map((v) => [v, 0])) as Record<E, number>;

const num = (n: number | bigint | null | undefined): number => Number(n ?? 0);

function parseReasons(json: string | null): ReasonCategory[] {
  if (json === null) return [];
  try {
    const parsed: unknown = JSON.parse(json);
    if (!Array.isArray(parsed)) return [];
    return [...new Set(parsed)].filter((r): r is ReasonCategory =>
      (REASON_CATEGORIES as readonly unknown[]).includes(r),
    );
  } catch {
    return [];
  }
}

/** Service minutes per living volunteer in the period (the three derived sources, summed). */
export async function volunteerMinutes(
  db: Db,
  scope: Scope,
  period: Period,
  today: LocalDate,
): Promise<Map<string, number>> {
  const minutes = new Map<string, number>();
  const groups = [
    ...(await volunteerRecordMinutesQuery(db, scope, period).execute()),
    ...(await volunteerVisitMinutesQuery(db, scope, period).execute()),
    ...(await volunteerEventMinutesQuery(db, period, today).execute()),
  ];
  for (const g of groups) minutes.set(g.id, (minutes.get(g.id) ?? 0) + num(g.minutes));
  return minutes;
}

/** Every figure of the page for one period, as the user may see it. */
export async function computeFigures(
  db: Db,
  user: SessionUser,
  input: StatisticsInput,
  today: LocalDate,
): Promise<Figures> {
  const period: Period = { from: input.from, to: input.to };
  const scope: Scope = { user, counsellorId: input.counsellorId };
  const months = monthsOf(period);
  const trend = new Map<string, TrendMonth>(
    months.map((month) => {
      const within = monthWithin(month, period);
      return [
        month,
        {
          month,
          from: within.from,
          to: within.to,
          filings: 0,
          counselled: 0,
          resultReconcile: 0,
          resultPostpone: 0,
          resultDivorce: 0,
        },
      ];
    }),
  );

  let filings = 0;
  let filingsCounselled = 0;
  for (const g of await filingsByMonthQuery(db, scope, period).execute()) {
    filings += num(g.n);
    filingsCounselled += num(g.counselled);
    const t = trend.get(g.month);
    if (t) t.filings += num(g.n);
  }

  const byType = zero(COUNSELLING_TYPES);
  const reasons = zero(REASON_VALUES);
  let counselled = 0;
  let reconcile = 0;
  let postpone = 0;
  let divorce = 0;
  let broad = 0;
  for (const g of await counselledGroupsQuery(db, scope, period).execute()) {
    const n = num(g.n);
    byType[g.type] += n;
    if (g.type !== 'divorce_adjustment') continue;
    counselled += n;
    const t = trend.get(g.month);
    if (t) t.counselled += n;
    if (g.result === 'reconcile') {
      reconcile += n;
      if (t) t.resultReconcile += n;
    } else if (g.result === 'postpone') {
      postpone += n;
      if (t) t.resultPostpone += n;
    } else if (g.result === 'divorce') {
      divorce += n;
      if (t) t.resultDivorce += n;
    }
    if (g.result === 'reconcile' || g.result === 'postpone' || num(g.withdrawn) === 1) broad += n;
    const categories = parseReasons(g.reasons);
    if (categories.length === 0) reasons.none += n;
    for (const c of categories) reasons[c] += n;
  }

  const outcomes = { withdrawn: 0, deemed_withdrawn: 0, registered: 0, refused: 0 } as Record<string, number>;
  for (const g of await outcomeCountsQuery(db, scope, period).execute()) {
    if (g.registration_status !== null) outcomes[g.registration_status] = num(g.n);
  }

  const channels = zero(SESSION_CHANNELS);
  const satisfaction = zero(SATISFACTION_VALUES);
  let sessions = 0;
  for (const g of await sessionCountsQuery(db, scope, period).execute()) {
    const n = num(g.n);
    sessions += n;
    channels[g.channel ?? 'none'] += n;
    satisfaction[g.satisfaction ?? 'none'] += n;
  }

  const dv = await disclosuresQuery(db, scope, period)
    .select(sql<number>`COUNT(*)`.as('n'))
    .executeTakeFirstOrThrow();

  const targets = zero(REFERRAL_TARGETS);
  const statuses = zero(REFERRAL_STATUSES);
  let referrals = 0;
  for (const g of await referralCountsQuery(db, scope, period).execute()) {
    const n = num(g.n);
    referrals += n;
    targets[g.target] += n;
    statuses[g.status] += n;
  }

  const visits = await visitCountsQuery(db, scope, period, today).executeTakeFirstOrThrow();
  const done = await visitsDoneQuery(db, scope, period)
    .select(sql<number>`COUNT(*)`.as('n'))
    .executeTakeFirstOrThrow();
  const events = await eventCountsQuery(db, period, today).executeTakeFirstOrThrow();
  const minutes = [...(await volunteerMinutes(db, scope, period, today)).values()].reduce((a, b) => a + b, 0);
  const evaluations = await evaluationCountsQuery(db, period).executeTakeFirstOrThrow();
  const evaluationCount = num(evaluations.n);

  return {
    period,
    today,
    counsellorId: input.counsellorId,
    divorce: {
      filings,
      filingsCounselled,
      counsellingRate: rate(filingsCounselled, filings),
      counselled,
      resultReconcile: reconcile,
      resultPostpone: postpone,
      resultDivorce: divorce,
      reconciledBroad: broad,
      reconciliationRateBroad: rate(broad, counselled),
      reconciliationRateStrict: rate(reconcile, counselled),
      withdrawals: outcomes.withdrawn ?? 0,
      deemedWithdrawals: outcomes.deemed_withdrawn ?? 0,
      registrations: outcomes.registered ?? 0,
      refusals: outcomes.refused ?? 0,
    },
    counselledByType: byType,
    sessions,
    sessionsByChannel: channels,
    satisfaction,
    reasons,
    dvDisclosures: num(dv.n),
    referrals,
    referralsByTarget: targets,
    referralsByStatus: statuses,
    visitsDue: num(visits.due),
    visitsDone: num(done.n),
    visitsOverdue: num(visits.overdue),
    eventsHeld: num(events.n),
    eventAttendees: num(events.attendees),
    volunteerMinutes: minutes,
    volunteerEvaluations: {
      count: evaluationCount,
      averageScore: averageOfTotal(num(evaluations.total), evaluationCount),
    },
    trend: [...trend.values()],
  };
}

export function getFigures(db: Db, user: SessionUser, input: StatisticsInput, now: Date): Promise<Figures> {
  return computeFigures(db, user, input, localDateAt(now));
}
