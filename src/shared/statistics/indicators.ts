import {
  COUNSELLING_TYPES,
  type CounsellingType,
  type ReasonCategory,
  type RecordResult,
  type RegistrationStatus,
} from '../cases';
import { localDateAt, type LocalDate } from '../calendar';
import { isVisitOverdue } from '../followups';
import { REFERRAL_STATUSES, REFERRAL_TARGETS, type ReferralStatus, type ReferralTarget } from '../referrals';
import { inPeriod, monthsOf, monthWithin, type Period } from './period';
import {
  REASON_VALUES,
  SATISFACTION_VALUES,
  SESSION_CHANNELS,
  type Figures,
  type IndicatorKey,
  type Rate,
  type TrendMonth,
} from './schemas';

/*
 * The indicators (docs/indicators.md) as pure functions from raw rows to values: the definitions live
 * here once. The desk computes the same figures with SQL aggregates (src/main/statistics) and its tests
 * check them against these; the county computes them with these over every desk's ingested rows.
 *
 * The rows given are the rows that count for the reader: living (no soft-deleted row, no row of a deleted
 * case, archive or plan) and visible to them (the case rule; disclosures and DV-linked referrals only with
 * DV rights). Records, disclosures and referrals of a case missing from `cases` are ignored.
 */

export interface StatCase {
  id: string;
  type: CounsellingType;
  counsellorId: string;
  filingReceivedDate: LocalDate | null;
  registrationStatus: RegistrationStatus | null;
  withdrawalDate: LocalDate | null;
  certificateWindowEnd: LocalDate | null;
  registeredDate: LocalDate | null;
  refusalDate: LocalDate | null;
  reasonCategories: readonly ReasonCategory[];
}

export interface StatRecord {
  id: string;
  caseId: string;
  status: 'draft' | 'signed';
  sessionDate: LocalDate | null;
  halfDay: 'am' | 'pm' | null;
  /** ISO instant. */
  signedAt: string | null;
  channel: 'face_to_face' | 'voice' | 'text' | null;
  satisfaction: 'satisfied' | 'basic' | 'dissatisfied' | null;
  result: RecordResult | null;
  volunteerNames: readonly string[];
}

export interface StatDisclosure {
  id: string;
  caseId: string;
  /** ISO instant. */
  disclosedAt: string;
}

export interface StatReferral {
  id: string;
  caseId: string;
  /** ISO instant. */
  createdAt: string;
  target: ReferralTarget;
  status: ReferralStatus;
}

export interface StatVisit {
  id: string;
  familyId: string;
  counsellorId: string;
  dueDate: LocalDate;
  status: 'scheduled' | 'on_hold' | 'done' | 'cancelled';
  visitDate: LocalDate | null;
  durationMinutes: number | null;
  volunteerId: string | null;
}

export interface StatEvent {
  id: string;
  date: LocalDate;
  attendeeCount: number;
  durationHours: number;
  /** Roster volunteers among its speakers (each once). */
  speakerVolunteerIds: readonly string[];
}

export interface StatEvaluation {
  id: string;
  volunteerId: string;
  date: LocalDate;
  score: number;
}

export interface StatVolunteer {
  id: string;
  name: string;
}

export interface StatisticsRows {
  cases: readonly StatCase[];
  records: readonly StatRecord[];
  disclosures: readonly StatDisclosure[];
  referrals: readonly StatReferral[];
  visits: readonly StatVisit[];
  events: readonly StatEvent[];
  evaluations: readonly StatEvaluation[];
  volunteers: readonly StatVolunteer[];
}

export interface FiguresOptions {
  /** "By counsellor": the case figures of the cases in this counsellor's charge, their visits. */
  counsellorId?: string | null;
}

// ── rates and rounding ──────────────────────────────────────────────────────────────────────────────

/** n ÷ d in tenths, rounded half up, in integer arithmetic (d > 0, n ≥ 0). */
function tenthsHalfUp(n: number, d: number): number {
  const q = 2 * n * 10 + d;
  return (q - (q % (2 * d))) / (2 * d);
}

/** An exact fraction with its percentage to one decimal, rounded half up; null for a zero denominator. */
export function rate(numerator: number, denominator: number): Rate {
  if (!Number.isInteger(numerator) || !Number.isInteger(denominator) || numerator < 0 || denominator < 0) {
    throw new RangeError('a rate of non-negative integers');
  }
  return {
    numerator,
    denominator,
    percent: denominator === 0 ? null : tenthsHalfUp(numerator * 100, denominator) / 10,
  };
}

/** The average of whole scores to one decimal, rounded half up, from their sum and count; null for none. */
export function averageOfTotal(total: number, count: number): number | null {
  return count === 0 ? null : tenthsHalfUp(total, count) / 10;
}

/** The average of whole scores to one decimal, rounded half up; null without any. */
export function averageScore(scores: readonly number[]): number | null {
  return averageOfTotal(
    scores.reduce((s, x) => s + x, 0),
    scores.length,
  );
}

/** Service minutes as hours with one decimal (rounded half up): 95 → 1.6. */
export function minutesToHours(minutes: number): number {
  return tenthsHalfUp(minutes, 60) / 10;
}

// ── the case's facts ────────────────────────────────────────────────────────────────────────────────

const halfDayRank = (h: StatRecord['halfDay']): number => (h === null ? 0 : h === 'am' ? 1 : 2);

/** Whether record a comes after record b (session date, half day, signing time), as on the case's page. */
function isLater(a: StatRecord, b: StatRecord): boolean {
  const [da, db] = [a.sessionDate ?? '', b.sessionDate ?? ''];
  if (da !== db) return da > db;
  const [ha, hb] = [halfDayRank(a.halfDay), halfDayRank(b.halfDay)];
  if (ha !== hb) return ha > hb;
  return (a.signedAt ?? '') > (b.signedAt ?? '');
}

export interface CaseFacts {
  /** Session date of its earliest signed record (null: never counselled). */
  firstCounselled: LocalDate | null;
  /** The latest signed record's result. */
  result: RecordResult | null;
}

/** Per case: when it was first counselled and its result now, from its signed records. */
export function caseFacts(records: readonly StatRecord[]): Map<string, CaseFacts> {
  const latest = new Map<string, StatRecord>();
  const first = new Map<string, LocalDate>();
  for (const r of records) {
    if (r.status !== 'signed' || r.sessionDate === null) continue;
    const f = first.get(r.caseId);
    if (f === undefined || r.sessionDate < f) first.set(r.caseId, r.sessionDate);
    const l = latest.get(r.caseId);
    if (l === undefined || isLater(r, l)) latest.set(r.caseId, r);
  }
  const facts = new Map<string, CaseFacts>();
  for (const [caseId, date] of first) {
    facts.set(caseId, { firstCounselled: date, result: latest.get(caseId)?.result ?? null });
  }
  return facts;
}

/** The office-local date of an ISO instant. */
export function localDateOf(instant: string): LocalDate {
  return localDateAt(new Date(instant));
}

// ── the members behind each number ──────────────────────────────────────────────────────────────────

const zeroCounts = <E extends string>(values: readonly E[]): Record<E, number> =>
  Object.fromEntries(values.map((v) => [v, 0])) as Record<E, number>;

function scoped(rows: StatisticsRows, options: FiguresOptions) {
  const counsellorId = options.counsellorId ?? null;
  const cases = new Map(
    rows.cases.filter((c) => counsellorId === null || c.counsellorId === counsellorId).map((c) => [c.id, c]),
  );
  const allCases = new Set(rows.cases.map((c) => c.id));
  const records = rows.records.filter((r) => cases.has(r.caseId));
  return {
    cases,
    records,
    /** Records of every visible case (volunteer hours are not narrowed by counsellor). */
    allRecords: rows.records.filter((r) => allCases.has(r.caseId)),
    disclosures: rows.disclosures.filter((d) => cases.has(d.caseId)),
    referrals: rows.referrals.filter((r) => cases.has(r.caseId)),
    visits: rows.visits.filter((v) => counsellorId === null || v.counsellorId === counsellorId),
    facts: caseFacts(records),
  };
}

/** Cases and facts behind the divorce and counselling figures of one period. */
function caseLists(s: ReturnType<typeof scoped>, period: Period) {
  const divorce = [...s.cases.values()].filter((c) => c.type === 'divorce_adjustment');
  const counselledAll = [...s.cases.values()].filter((c) =>
    inPeriod(s.facts.get(c.id)?.firstCounselled, period),
  );
  const counselled = counselledAll.filter((c) => c.type === 'divorce_adjustment');
  const resultOf = (c: StatCase) => s.facts.get(c.id)?.result ?? null;
  const filings = divorce.filter((c) => inPeriod(c.filingReceivedDate, period));
  return {
    filings,
    filingsCounselled: filings.filter((c) => s.facts.has(c.id)),
    counselled,
    counselledAll,
    resultReconcile: counselled.filter((c) => resultOf(c) === 'reconcile'),
    resultPostpone: counselled.filter((c) => resultOf(c) === 'postpone'),
    resultDivorce: counselled.filter((c) => resultOf(c) === 'divorce'),
    reconciledBroad: counselled.filter(
      (c) =>
        resultOf(c) === 'reconcile' || resultOf(c) === 'postpone' || c.registrationStatus === 'withdrawn',
    ),
    withdrawals: divorce.filter(
      (c) => c.registrationStatus === 'withdrawn' && inPeriod(c.withdrawalDate, period),
    ),
    deemedWithdrawals: divorce.filter(
      (c) => c.registrationStatus === 'deemed_withdrawn' && inPeriod(c.certificateWindowEnd, period),
    ),
    registrations: divorce.filter(
      (c) => c.registrationStatus === 'registered' && inPeriod(c.registeredDate, period),
    ),
    refusals: divorce.filter((c) => c.registrationStatus === 'refused' && inPeriod(c.refusalDate, period)),
  };
}

/** Service minutes per volunteer in the period (docs/domain.md "Volunteers": derived, never typed). */
export function volunteerMinutesOf(
  rows: StatisticsRows,
  period: Period,
  today: LocalDate,
): Map<string, number> {
  const allCases = new Set(rows.cases.map((c) => c.id));
  const minutes = new Map<string, number>();
  const byName = new Map<string, string[]>();
  for (const v of rows.volunteers) {
    minutes.set(v.id, 0);
    byName.set(v.name, [...(byName.get(v.name) ?? []), v.id]);
  }
  const add = (id: string, m: number) => {
    const was = minutes.get(id);
    if (was !== undefined) minutes.set(id, was + m);
  };
  for (const r of rows.records) {
    if (r.status !== 'signed' || !allCases.has(r.caseId) || !inPeriod(r.sessionDate, period)) continue;
    for (const name of new Set(r.volunteerNames)) for (const id of byName.get(name) ?? []) add(id, 60);
  }
  for (const v of rows.visits) {
    if (v.status === 'done' && v.volunteerId !== null && inPeriod(v.visitDate, period)) {
      add(v.volunteerId, v.durationMinutes ?? 0);
    }
  }
  for (const e of rows.events) {
    if (!inPeriod(e.date, period) || e.date > today) continue;
    for (const id of new Set(e.speakerVolunteerIds)) add(id, Math.round(e.durationHours * 60));
  }
  return minutes;
}

/**
 * The ids behind every countable number of the period (the drill-down's rows): cases, records,
 * disclosures, referrals, visits, events, volunteers or evaluations by indicator.
 */
export function membersOf(
  rows: StatisticsRows,
  period: Period,
  today: LocalDate,
  options: FiguresOptions = {},
): (key: IndicatorKey, value?: string | null) => string[] {
  const s = scoped(rows, options);
  const lists = caseLists(s, period);
  const ids = (xs: readonly { id: string }[]) => xs.map((x) => x.id);
  const sessions = s.records.filter((r) => r.status === 'signed' && inPeriod(r.sessionDate, period));
  const referrals = s.referrals.filter((r) => inPeriod(localDateOf(r.createdAt), period));
  const visitsDue = s.visits.filter((v) => v.status !== 'cancelled' && inPeriod(v.dueDate, period));
  const events = rows.events.filter((e) => inPeriod(e.date, period) && e.date <= today);
  return (key, value = null) => {
    switch (key) {
      case 'filings':
      case 'filingsCounselled':
      case 'counselled':
      case 'resultReconcile':
      case 'resultPostpone':
      case 'resultDivorce':
      case 'reconciledBroad':
      case 'withdrawals':
      case 'deemedWithdrawals':
      case 'registrations':
      case 'refusals':
        return ids(lists[key]);
      case 'counselledByType':
        return ids(lists.counselledAll.filter((c) => c.type === value));
      case 'reasons':
        return ids(
          lists.counselled.filter((c) =>
            value === 'none'
              ? c.reasonCategories.length === 0
              : (c.reasonCategories as readonly string[]).includes(value ?? ''),
          ),
        );
      case 'sessions':
        return ids(sessions);
      case 'sessionsByChannel':
        return ids(sessions.filter((r) => (r.channel ?? 'none') === value));
      case 'satisfaction':
        return ids(sessions.filter((r) => (r.satisfaction ?? 'none') === value));
      case 'dvDisclosures':
        return ids(s.disclosures.filter((d) => inPeriod(localDateOf(d.disclosedAt), period)));
      case 'referrals':
        return ids(referrals);
      case 'referralsByTarget':
        return ids(referrals.filter((r) => r.target === value));
      case 'referralsByStatus':
        return ids(referrals.filter((r) => r.status === value));
      case 'visitsDue':
        return ids(visitsDue);
      case 'visitsDone':
        return ids(s.visits.filter((v) => v.status === 'done' && inPeriod(v.visitDate, period)));
      case 'visitsOverdue':
        return ids(visitsDue.filter((v) => isVisitOverdue(v, today)));
      case 'eventsHeld':
      case 'eventAttendees':
        return ids(events);
      case 'volunteerHours':
        return [...volunteerMinutesOf(rows, period, today)].filter(([, m]) => m > 0).map(([id]) => id);
      case 'volunteerEvaluations':
        return ids(rows.evaluations.filter((e) => inPeriod(e.date, period)));
    }
  };
}

// ── the figures ─────────────────────────────────────────────────────────────────────────────────────

function countBy<E extends string>(
  values: readonly E[],
  keys: readonly (E | null)[],
  none?: E,
): Record<E, number> {
  const counts = zeroCounts(values);
  for (const k of keys) {
    const key = k ?? none;
    if (key !== undefined) counts[key] += 1;
  }
  return counts;
}

/** The trend's month rows of a period (each month clipped to the period). */
function trendOf(s: ReturnType<typeof scoped>, period: Period): TrendMonth[] {
  return monthsOf(period).map((month) => {
    const within = monthWithin(month, period);
    const l = caseLists(s, within);
    return {
      month,
      from: within.from,
      to: within.to,
      filings: l.filings.length,
      counselled: l.counselled.length,
      resultReconcile: l.resultReconcile.length,
      resultPostpone: l.resultPostpone.length,
      resultDivorce: l.resultDivorce.length,
    };
  });
}

/** Every figure of the 统计 page for one period (docs/indicators.md). */
export function figuresFrom(
  rows: StatisticsRows,
  period: Period,
  today: LocalDate,
  options: FiguresOptions = {},
): Figures {
  const s = scoped(rows, options);
  const l = caseLists(s, period);
  const members = membersOf(rows, period, today, options);
  const sessions = s.records.filter((r) => r.status === 'signed' && inPeriod(r.sessionDate, period));
  const referrals = s.referrals.filter((r) => inPeriod(localDateOf(r.createdAt), period));
  const reasons = zeroCounts(REASON_VALUES);
  for (const c of l.counselled) {
    if (c.reasonCategories.length === 0) reasons.none += 1;
    for (const r of new Set(c.reasonCategories)) reasons[r] += 1;
  }
  const heldEvents = rows.events.filter((e) => inPeriod(e.date, period) && e.date <= today);
  const evaluations = rows.evaluations.filter((e) => inPeriod(e.date, period));
  const minutes = [...volunteerMinutesOf(rows, period, today).values()].reduce((a, b) => a + b, 0);
  return {
    period: { from: period.from, to: period.to },
    today,
    counsellorId: options.counsellorId ?? null,
    divorce: {
      filings: l.filings.length,
      filingsCounselled: l.filingsCounselled.length,
      counsellingRate: rate(l.filingsCounselled.length, l.filings.length),
      counselled: l.counselled.length,
      resultReconcile: l.resultReconcile.length,
      resultPostpone: l.resultPostpone.length,
      resultDivorce: l.resultDivorce.length,
      reconciledBroad: l.reconciledBroad.length,
      reconciliationRateBroad: rate(l.reconciledBroad.length, l.counselled.length),
      reconciliationRateStrict: rate(l.resultReconcile.length, l.counselled.length),
      withdrawals: l.withdrawals.length,
      deemedWithdrawals: l.deemedWithdrawals.length,
      registrations: l.registrations.length,
      refusals: l.refusals.length,
    },
    counselledByType: countBy(
      COUNSELLING_TYPES,
      l.counselledAll.map((c) => c.type),
    ),
    sessions: sessions.length,
    sessionsByChannel: countBy(
      SESSION_CHANNELS,
      sessions.map((r) => r.channel),
      'none',
    ),
    satisfaction: countBy(
      SATISFACTION_VALUES,
      sessions.map((r) => r.satisfaction),
      'none',
    ),
    reasons,
    dvDisclosures: members('dvDisclosures').length,
    referrals: referrals.length,
    referralsByTarget: countBy(
      REFERRAL_TARGETS,
      referrals.map((r) => r.target),
    ),
    referralsByStatus: countBy(
      REFERRAL_STATUSES,
      referrals.map((r) => r.status),
    ),
    visitsDue: members('visitsDue').length,
    visitsDone: members('visitsDone').length,
    visitsOverdue: members('visitsOverdue').length,
    eventsHeld: heldEvents.length,
    eventAttendees: heldEvents.reduce((sum, e) => sum + e.attendeeCount, 0),
    volunteerMinutes: minutes,
    volunteerEvaluations: {
      count: evaluations.length,
      averageScore: averageScore(evaluations.map((e) => e.score)),
    },
    trend: trendOf(s, period),
  };
}
