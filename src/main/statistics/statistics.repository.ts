import { sql, type Expression, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { addDays } from '../../shared/calendar';
import type { RecordResult } from '../../shared/cases';
import type { Period } from '../../shared/statistics';
import type { SessionUser } from '../../shared/users';
import { caseVisibility, seesAllCases } from '../cases';
import type { Db } from '../db';
import { familyVisibility } from '../followups';

/*
 * The statistics' queries (docs/indicators.md): every figure is aggregated in SQLite over an index range of
 * its date (migration 0012), never read row by row into JavaScript. Each query is built by one function
 * the service, the drill-down and the EXPLAIN QUERY PLAN tests share. Rows count while they live (no
 * soft-deleted row, no row of a deleted case, archive or plan) and only where the user may see them.
 */

/** Who is asking and what they narrowed to. */
export interface Scope {
  user: SessionUser;
  /** "By counsellor": the case figures of this counsellor in charge, their visits. */
  counsellorId: string | null;
}

const TRUE = sql<SqlBool>`1 = 1`;

/** A living case the user may see (and, when narrowed, in that counsellor's charge). Table `cases`. */
export function caseScope(scope: Scope, narrow = true): Expression<SqlBool> {
  const counsellor =
    narrow && scope.counsellorId !== null ? sql<SqlBool>`cases.counsellor_id = ${scope.counsellorId}` : TRUE;
  return sql<SqlBool>`(cases.deleted_at IS NULL AND ${caseVisibility(scope.user)} AND ${counsellor})`;
}

/** DV rights on the case (table `cases`): directors, and the counsellor in charge (canSeeDvOf). */
export function dvRights(user: SessionUser): Expression<SqlBool> {
  return seesAllCases(user) ? TRUE : sql<SqlBool>`cases.counsellor_id = ${user.id}`;
}

/** A living visit of a living plan and archive the user may see (tables `v`, `p`, `families`). */
function visitScope(scope: Scope, narrow: boolean): Expression<SqlBool> {
  const counsellor =
    narrow && scope.counsellorId !== null ? sql<SqlBool>`v.counsellor_id = ${scope.counsellorId}` : TRUE;
  return sql<SqlBool>`(v.deleted_at IS NULL AND p.deleted_at IS NULL AND families.deleted_at IS NULL
    AND ${familyVisibility(scope.user)} AND ${counsellor})`;
}

/**
 * The date a registry outcome counts on, by status: verbatim the expression of the index cases_outcome_date
 * (migration 0012), so the planner can range over it.
 */
export const OUTCOME_DATE = sql<string | null>`(CASE registration_status
        WHEN 'withdrawn' THEN withdrawal_date WHEN 'deemed_withdrawn' THEN certificate_window_end
        WHEN 'registered' THEN registered_date WHEN 'refused' THEN refusal_date END)`;

export const OUTCOME_STATUSES = ['withdrawn', 'deemed_withdrawn', 'registered', 'refused'] as const;

/** The instants of an office-local period: [from 00:00 CST, the day after `to` 00:00 CST) as ISO UTC text. */
export function instantRange(period: Period): { start: string; end: string } {
  return { start: `${addDays(period.from, -1)}T16:00:00.000Z`, end: `${period.to}T16:00:00.000Z` };
}

// ── divorce filings and counselling ─────────────────────────────────────────────────────────────────

const SIGNED = sql<SqlBool>`r.status = 'signed' AND r.deleted_at IS NULL`;

/*
 * The per-case lookups below name their index (INDEXED BY counselling_records_case): without ANALYZE —
 * a desk never runs it — the planner could otherwise range over the records by date
 * (counselling_records_date_status, session_date < ?) for every case, reading every earlier record.
 */

/**
 * Whether the case (table `cases`) has a signed record of any date: exactly when it has a result, since
 * every signed record carries one and `cases.result` is the latest signed record's (the records service
 * keeps it so; the tests check it against the records). No per-case lookup: a year's filings stay cheap.
 */
export const HAS_SIGNED = sql<SqlBool>`cases.result IS NOT NULL`;

/** Divorce filings received in the period (the cases behind `filings`). */
export function filingsQuery(db: Db, scope: Scope, period: Period) {
  return db
    .selectFrom('cases')
    .where('cases.filing_received_date', '>=', period.from)
    .where('cases.filing_received_date', '<=', period.to)
    .where('cases.type', '=', 'divorce_adjustment')
    .where(caseScope(scope));
}

/** `filings` and `filingsCounselled` per month of the period. */
export function filingsByMonthQuery(db: Db, scope: Scope, period: Period) {
  const month = sql<string>`substr(cases.filing_received_date, 1, 7)`;
  return filingsQuery(db, scope, period)
    .select([
      month.as('month'),
      sql<number>`COUNT(*)`.as('n'),
      sql<number>`SUM(${HAS_SIGNED})`.as('counselled'),
    ])
    .groupBy(month);
}

/** Each case first counselled in the period (its earliest signed record's session date is in it). */
export function firstsQuery(db: Db, period: Period) {
  return db
    .selectFrom('counselling_records as r')
    .select(['r.case_id', sql<string>`MIN(r.session_date)`.as('first')])
    .where(SIGNED)
    .where('r.session_date', '>=', period.from)
    .where('r.session_date', '<=', period.to)
    .where(
      sql<SqlBool>`NOT EXISTS (SELECT 1 FROM counselling_records e INDEXED BY counselling_records_case
        WHERE e.case_id = r.case_id
        AND e.status = 'signed' AND e.deleted_at IS NULL AND e.session_date < ${period.from})`,
    )
    .groupBy('r.case_id');
}

/** The cases first counselled in the period, joined to the case (`cases`) with `firsts.first`. */
export function counselledQuery(db: Db, scope: Scope, period: Period) {
  return db
    .with('firsts', () => firstsQuery(db, period))
    .selectFrom('firsts')
    .innerJoin('cases', 'cases.id', 'firsts.case_id')
    .where(caseScope(scope));
}

/**
 * Counselled cases grouped by month, type, result, withdrawal and (divorce cases) reason categories: the
 * counts of `counselled`, the results, `reconciledBroad`, `counselledByType`, `reasons` and the trend.
 */
export function counselledGroupsQuery(db: Db, scope: Scope, period: Period) {
  const month = sql<string>`substr(firsts.first, 1, 7)`;
  const withdrawn = sql<number>`(cases.registration_status = 'withdrawn')`;
  const reasons = sql<
    string | null
  >`(CASE WHEN cases.type = 'divorce_adjustment' THEN cases.reason_categories END)`;
  return counselledQuery(db, scope, period)
    .select([
      month.as('month'),
      'cases.type',
      'cases.result',
      withdrawn.as('withdrawn'),
      reasons.as('reasons'),
      sql<number>`COUNT(*)`.as('n'),
    ])
    .groupBy([month, 'cases.type', 'cases.result', withdrawn, reasons]);
}

/** Divorce cases with a registry outcome dated in the period (withdrawn, deemed withdrawn …). */
export function outcomesQuery(
  db: Db,
  scope: Scope,
  period: Period,
  statuses: readonly string[] = OUTCOME_STATUSES,
) {
  return db
    .selectFrom('cases')
    .where(sql<SqlBool>`cases.registration_status IN (${sql.join(statuses)})`)
    .where(sql<SqlBool>`${OUTCOME_DATE} >= ${period.from} AND ${OUTCOME_DATE} <= ${period.to}`)
    .where('cases.type', '=', 'divorce_adjustment')
    .where(caseScope(scope));
}

export function outcomeCountsQuery(db: Db, scope: Scope, period: Period) {
  return outcomesQuery(db, scope, period)
    .select(['cases.registration_status', sql<number>`COUNT(*)`.as('n')])
    .groupBy('cases.registration_status');
}

// ── sessions ────────────────────────────────────────────────────────────────────────────────────────

/** Signed records dated in the period, of cases in scope (`r`, `cases`). */
export function sessionsQuery(db: Db, scope: Scope, period: Period) {
  return db
    .selectFrom('counselling_records as r')
    .innerJoin('cases', 'cases.id', 'r.case_id')
    .where(SIGNED)
    .where('r.session_date', '>=', period.from)
    .where('r.session_date', '<=', period.to)
    .where(caseScope(scope));
}

export function sessionCountsQuery(db: Db, scope: Scope, period: Period) {
  return sessionsQuery(db, scope, period)
    .select(['r.channel', 'r.satisfaction', sql<number>`COUNT(*)`.as('n')])
    .groupBy(['r.channel', 'r.satisfaction']);
}

// ── protection ──────────────────────────────────────────────────────────────────────────────────────

/** DV disclosures dated (office-local) in the period, of cases in scope and only with DV rights (`d`). */
export function disclosuresQuery(db: Db, scope: Scope, period: Period) {
  const { start, end } = instantRange(period);
  return db
    .selectFrom('dv_disclosures as d')
    .innerJoin('cases', 'cases.id', 'd.case_id')
    .where('d.deleted_at', 'is', null)
    .where('d.disclosed_at', '>=', start)
    .where('d.disclosed_at', '<', end)
    .where(caseScope(scope))
    .where(dvRights(scope.user));
}

/** Referrals created (office-local) in the period, of cases in scope; DV-linked ones only with DV rights. */
export function referralsQuery(db: Db, scope: Scope, period: Period) {
  const { start, end } = instantRange(period);
  return db
    .selectFrom('referrals as f')
    .innerJoin('cases', 'cases.id', 'f.case_id')
    .where('f.deleted_at', 'is', null)
    .where('f.created_at', '>=', start)
    .where('f.created_at', '<', end)
    .where(caseScope(scope))
    .where((eb) => eb.or([eb('f.dv_disclosure_id', 'is', null), dvRights(scope.user)]));
}

export function referralCountsQuery(db: Db, scope: Scope, period: Period) {
  return referralsQuery(db, scope, period)
    .select(['f.target', 'f.status', sql<number>`COUNT(*)`.as('n')])
    .groupBy(['f.target', 'f.status']);
}

// ── follow-ups ──────────────────────────────────────────────────────────────────────────────────────

function visitsFrom(db: Db) {
  return db
    .selectFrom('followup_visits as v')
    .innerJoin('followup_plans as p', 'p.id', 'v.plan_id')
    .innerJoin('families', 'families.id', 'v.family_id');
}

/** Visits due in the period, not cancelled (`v`). */
export function visitsDueQuery(db: Db, scope: Scope, period: Period) {
  return visitsFrom(db)
    .where('v.status', 'in', ['scheduled', 'on_hold', 'done'])
    .where('v.due_date', '>=', period.from)
    .where('v.due_date', '<=', period.to)
    .where(visitScope(scope, true));
}

/** Of the visits due, those still open past their due date (isVisitOverdue). */
export function visitsOverdueQuery(db: Db, scope: Scope, period: Period, today: string) {
  return visitsFrom(db)
    .where('v.status', '=', 'scheduled')
    .where('v.due_date', '>=', period.from)
    .where('v.due_date', '<=', period.to)
    .where('v.due_date', '<', today)
    .where(visitScope(scope, true));
}

/** Visits done with a visit date in the period. */
export function visitsDoneQuery(db: Db, scope: Scope, period: Period, narrow = true) {
  return visitsFrom(db)
    .where('v.status', '=', 'done')
    .where('v.visit_date', '>=', period.from)
    .where('v.visit_date', '<=', period.to)
    .where(visitScope(scope, narrow));
}

export function visitCountsQuery(db: Db, scope: Scope, period: Period, today: string) {
  return visitsDueQuery(db, scope, period).select([
    sql<number>`COUNT(*)`.as('due'),
    sql<number>`COALESCE(SUM(v.status = 'scheduled' AND v.due_date < ${today}), 0)`.as('overdue'),
  ]);
}

// ── outreach and volunteers ─────────────────────────────────────────────────────────────────────────

/** The last day an event counts on: held events are dated no later than today. */
const heldTo = (period: Period, today: string): string => (period.to < today ? period.to : today);

/** Events held in the period (`e`). */
export function eventsHeldQuery(db: Db, period: Period, today: string) {
  return db
    .selectFrom('outreach_events as e')
    .where('e.deleted_at', 'is', null)
    .where('e.date', '>=', period.from)
    .where('e.date', '<=', heldTo(period, today));
}

export function eventCountsQuery(db: Db, period: Period, today: string) {
  return eventsHeldQuery(db, period, today).select([
    sql<number>`COUNT(*)`.as('n'),
    sql<number>`COALESCE(SUM(e.attendee_count), 0)`.as('attendees'),
  ]);
}

/**
 * Minutes per living volunteer: 60 per signed record in the period naming them (visible cases, all
 * counsellors). The records drive (CROSS JOIN keeps the roster the inner loop): walked the other way, the
 * planner would build an index over every record for each volunteer.
 */
export function volunteerRecordMinutesQuery(db: Db, scope: Scope, period: Period) {
  return db
    .selectFrom('counselling_records as r')
    .innerJoin('cases', 'cases.id', 'r.case_id')
    .crossJoin('volunteers as vol')
    .select(['vol.id', sql<number>`COUNT(*) * 60`.as('minutes')])
    .where(SIGNED)
    .where('r.session_date', '>=', period.from)
    .where('r.session_date', '<=', period.to)
    .where('r.volunteer_names', '!=', '[]')
    .where(caseScope(scope, false))
    .where('vol.deleted_at', 'is', null)
    .where(sql<SqlBool>`EXISTS (SELECT 1 FROM json_each(r.volunteer_names) j WHERE j.value = vol.name)`)
    .groupBy('vol.id');
}

/** Minutes per living volunteer of their done visits dated in the period (visible archives, all counsellors). */
export function volunteerVisitMinutesQuery(db: Db, scope: Scope, period: Period) {
  return visitsDoneQuery(db, scope, period, false)
    .innerJoin('volunteers as vol', 'vol.id', 'v.volunteer_id')
    .where('vol.deleted_at', 'is', null)
    .select(['vol.id', sql<number>`COALESCE(SUM(v.duration_minutes), 0)`.as('minutes')])
    .groupBy('vol.id');
}

/** Minutes per living volunteer of the held events in the period they spoke at (each event once). */
export function volunteerEventMinutesQuery(db: Db, period: Period, today: string) {
  return eventsHeldQuery(db, period, today)
    .innerJoin('volunteers as vol', (join) =>
      join.on('vol.deleted_at', 'is', null).on(
        sql<SqlBool>`EXISTS (SELECT 1 FROM outreach_event_speakers s WHERE s.event_id = e.id
            AND s.volunteer_id = vol.id AND s.deleted_at IS NULL)`,
      ),
    )
    .select(['vol.id', sql<number>`SUM(CAST(ROUND(e.duration_hours * 60) AS INTEGER))`.as('minutes')])
    .groupBy('vol.id');
}

/** Evaluations dated in the period, of living volunteers (`ev`, `vol`). */
export function evaluationsQuery(db: Db, period: Period) {
  return db
    .selectFrom('volunteer_evaluations as ev')
    .innerJoin('volunteers as vol', 'vol.id', 'ev.volunteer_id')
    .where('ev.deleted_at', 'is', null)
    .where('vol.deleted_at', 'is', null)
    .where('ev.date', '>=', period.from)
    .where('ev.date', '<=', period.to);
}

export function evaluationCountsQuery(db: Db, period: Period) {
  return evaluationsQuery(db, period).select([
    sql<number>`COUNT(*)`.as('n'),
    sql<number>`COALESCE(SUM(ev.score), 0)`.as('total'),
  ]);
}

// ── drill-down lists (statistics.list) ──────────────────────────────────────────────────────────────

/** A row of the list behind a number: display columns only; `date` is why it is listed. */
export interface ListRow {
  id: string;
  caseId: string | null;
  familyId: string | null;
  label: string;
  date: string | null;
  code: string | null;
  status: string | null;
  result: RecordResult | null;
  counsellorId: string | null;
  amount: number | null;
}

/** The SQL of a list's columns; a column left out is NULL. */
export type ListColumns = Pick<Record<keyof ListRow, RawBuilder<unknown>>, 'id' | 'label' | 'date'> &
  Partial<Record<keyof ListRow, RawBuilder<unknown>>>;

export const NULL = sql`NULL`;

/** Every column NULL, in the order a list selects them. */
const NO_COLUMNS: Record<keyof ListRow, RawBuilder<unknown>> = {
  id: NULL,
  caseId: NULL,
  familyId: NULL,
  label: NULL,
  date: NULL,
  code: NULL,
  status: NULL,
  result: NULL,
  counsellorId: NULL,
  amount: NULL,
};

export interface Paging {
  limit: number;
  offset: number;
}

/**
 * The whole count and one page (by date, label, id) of the rows a number counts: `base` is the very query
 * its figure aggregates (filters included), so the list has exactly as many rows as the number says.
 */
export async function listPage<D, T extends keyof D>(
  db: Db,
  base: SelectQueryBuilder<D, T, object>,
  page: Paging,
  columns: ListColumns,
): Promise<{ total: number; rows: ListRow[] }> {
  const selection = Object.entries({ ...NO_COLUMNS, ...columns }).map(([alias, expr]) => expr.as(alias));
  const count = base.select(sql<number>`COUNT(*)`.as('n'));
  const rows = base
    .select(selection)
    .orderBy(sql`date`)
    .orderBy(sql`label`)
    .orderBy(sql`id`)
    .limit(page.limit)
    .offset(page.offset);
  const total = await db.executeQuery<{ n: number | bigint }>(count.compile());
  const found = await db.executeQuery<ListRow>(rows.compile());
  return { total: Number(total.rows[0]?.n ?? 0), rows: found.rows };
}
