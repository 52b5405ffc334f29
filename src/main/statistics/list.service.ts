import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { localDateAt, type LocalDate } from '../../shared/calendar';
import {
  INDICATOR_LIST_KIND,
  type Period,
  type StatisticsList,
  type StatisticsListInput,
  type StatisticsListRow,
} from '../../shared/statistics';
import type { SessionUser } from '../../shared/users';
import type { Db } from '../db';
import { displayNames, userRef } from '../users';
import {
  counselledQuery,
  disclosuresQuery,
  evaluationsQuery,
  eventsHeldQuery,
  filingsQuery,
  HAS_SIGNED,
  listPage,
  NULL,
  OUTCOME_DATE,
  outcomesQuery,
  referralsQuery,
  sessionsQuery,
  visitsDoneQuery,
  visitsDueQuery,
  visitsOverdueQuery,
  type ListColumns,
  type ListRow,
  type Paging,
  type Scope,
} from './statistics.repository';
import { volunteerMinutes } from './statistics.service';

/*
 * The list behind each number of the 统计 page ("every number is a link"): the same queries as the
 * figures, so the list has exactly as many rows as the number says. Display columns only — case numbers,
 * reference and archive numbers, dates and codes; never a party's name, an ID number, a note or a DV fact.
 */

/** A case in a list: its number, type, registration status and result; `date` is why it is listed. */
const caseColumns = (date: RawBuilder<unknown>): ListColumns => ({
  id: sql`cases.id`,
  caseId: sql`cases.id`,
  label: sql`cases.case_number`,
  date,
  code: sql`cases.type`,
  status: sql`cases.registration_status`,
  result: sql`cases.result`,
  counsellorId: sql`cases.counsellor_id`,
});

async function caseList(db: Db, scope: Scope, period: Period, input: StatisticsListInput, p: Paging) {
  const key = input.indicator;
  if (key === 'filings' || key === 'filingsCounselled') {
    const base =
      key === 'filings' ? filingsQuery(db, scope, period) : filingsQuery(db, scope, period).where(HAS_SIGNED);
    return listPage(db, base, p, caseColumns(sql`cases.filing_received_date`));
  }
  const outcome = {
    withdrawals: 'withdrawn',
    deemedWithdrawals: 'deemed_withdrawn',
    registrations: 'registered',
    refusals: 'refused',
  } as const;
  if (key === 'withdrawals' || key === 'deemedWithdrawals' || key === 'registrations' || key === 'refusals') {
    const base = outcomesQuery(db, scope, period, [outcome[key]]);
    return listPage(db, base, p, caseColumns(OUTCOME_DATE));
  }
  const divorce = sql<SqlBool>`cases.type = 'divorce_adjustment'`;
  const filter: RawBuilder<SqlBool> =
    key === 'counselled'
      ? divorce
      : key === 'resultReconcile'
        ? sql`${divorce} AND cases.result = 'reconcile'`
        : key === 'resultPostpone'
          ? sql`${divorce} AND cases.result = 'postpone'`
          : key === 'resultDivorce'
            ? sql`${divorce} AND cases.result = 'divorce'`
            : key === 'reconciledBroad'
              ? sql`${divorce} AND (cases.result IN ('reconcile', 'postpone') OR cases.registration_status = 'withdrawn')`
              : key === 'counselledByType'
                ? sql`cases.type = ${input.value}`
                : input.value === 'none'
                  ? sql`${divorce} AND json_array_length(cases.reason_categories) = 0`
                  : sql`${divorce} AND EXISTS (SELECT 1 FROM json_each(cases.reason_categories) j WHERE j.value = ${input.value})`;
  const base = counselledQuery(db, scope, period).where(filter);
  return listPage(db, base, p, caseColumns(sql`firsts.first`));
}

async function recordList(db: Db, scope: Scope, period: Period, input: StatisticsListInput, p: Paging) {
  const v = input.value;
  const filter: RawBuilder<SqlBool> =
    input.indicator === 'sessionsByChannel'
      ? v === 'none'
        ? sql`r.channel IS NULL`
        : sql`r.channel = ${v}`
      : input.indicator === 'satisfaction'
        ? v === 'none'
          ? sql`r.satisfaction IS NULL`
          : sql`r.satisfaction = ${v}`
        : sql`1 = 1`;
  const base = sessionsQuery(db, scope, period).where(filter);
  return listPage(db, base, p, {
    id: sql`r.id`,
    caseId: sql`r.case_id`,
    label: sql`cases.case_number`,
    date: sql`r.session_date`,
    code: sql`r.channel`,
    status: sql`r.satisfaction`,
    result: sql`r.result`,
    counsellorId: sql`cases.counsellor_id`,
  });
}

async function disclosureList(db: Db, scope: Scope, period: Period, p: Paging) {
  return listPage(db, disclosuresQuery(db, scope, period), p, {
    id: sql`d.id`,
    caseId: sql`d.case_id`,
    label: sql`cases.case_number`,
    date: sql`date(d.disclosed_at, '+8 hours')`,
    counsellorId: sql`cases.counsellor_id`,
  });
}

async function referralList(db: Db, scope: Scope, period: Period, input: StatisticsListInput, p: Paging) {
  const filter: RawBuilder<SqlBool> =
    input.indicator === 'referralsByTarget'
      ? sql`f.target = ${input.value}`
      : input.indicator === 'referralsByStatus'
        ? sql`f.status = ${input.value}`
        : sql`1 = 1`;
  const base = referralsQuery(db, scope, period).where(filter);
  return listPage(db, base, p, {
    id: sql`f.id`,
    caseId: sql`f.case_id`,
    label: sql`f.reference_number`,
    date: sql`date(f.created_at, '+8 hours')`,
    code: sql`f.target`,
    status: sql`f.status`,
    counsellorId: sql`cases.counsellor_id`,
  });
}

async function visitList(
  db: Db,
  scope: Scope,
  period: Period,
  input: StatisticsListInput,
  today: LocalDate,
  p: Paging,
) {
  const done = input.indicator === 'visitsDone';
  const base =
    input.indicator === 'visitsDue'
      ? visitsDueQuery(db, scope, period)
      : done
        ? visitsDoneQuery(db, scope, period)
        : visitsOverdueQuery(db, scope, period, today);
  return listPage(db, base, p, {
    id: sql`v.id`,
    familyId: sql`v.family_id`,
    label: sql`families.archive_number`,
    date: done ? sql`v.visit_date` : sql`v.due_date`,
    code: sql`v.channel`,
    status: sql`v.status`,
    counsellorId: sql`v.counsellor_id`,
    amount: done ? sql`v.duration_minutes` : NULL,
  });
}

async function eventList(db: Db, period: Period, today: LocalDate, p: Paging) {
  return listPage(db, eventsHeldQuery(db, period, today), p, {
    id: sql`e.id`,
    label: sql`e.topic`,
    date: sql`e.date`,
    code: sql`e.type`,
    amount: sql`e.attendee_count`,
  });
}

async function evaluationList(db: Db, period: Period, p: Paging) {
  return listPage(db, evaluationsQuery(db, period), p, {
    id: sql`ev.id`,
    label: sql`vol.name`,
    date: sql`ev.date`,
    amount: sql`ev.score`,
  });
}

/** Volunteers with service minutes in the period, most minutes first (the roster is small). */
async function volunteerList(db: Db, scope: Scope, period: Period, today: LocalDate, p: Paging) {
  const minutes = [...(await volunteerMinutes(db, scope, period, today))].filter(([, m]) => m > 0);
  const names = new Map(
    minutes.length === 0
      ? []
      : (
          await db
            .selectFrom('volunteers')
            .select(['id', 'name'])
            .where(
              'id',
              'in',
              minutes.map(([id]) => id),
            )
            .execute()
        ).map((v) => [v.id, v.name]),
  );
  const all: ListRow[] = minutes
    .map(([id, m]) => ({
      id,
      caseId: null,
      familyId: null,
      label: names.get(id) ?? '',
      date: null,
      code: null,
      status: null,
      result: null,
      counsellorId: null,
      amount: m,
    }))
    .sort(
      (a, b) => (b.amount ?? 0) - (a.amount ?? 0) || a.label.localeCompare(b.label) || (a.id < b.id ? -1 : 1),
    );
  return { total: all.length, rows: all.slice(p.offset, p.offset + p.limit) };
}

async function rowsOf(db: Db, user: SessionUser, input: StatisticsListInput, today: LocalDate) {
  const period: Period = { from: input.from, to: input.to };
  const scope: Scope = { user, counsellorId: input.counsellorId };
  const p: Paging = { limit: input.pageSize, offset: (input.page - 1) * input.pageSize };
  switch (INDICATOR_LIST_KIND[input.indicator]) {
    case 'cases':
      return caseList(db, scope, period, input, p);
    case 'records':
      return recordList(db, scope, period, input, p);
    case 'disclosures':
      return disclosureList(db, scope, period, p);
    case 'referrals':
      return referralList(db, scope, period, input, p);
    case 'visits':
      return visitList(db, scope, period, input, today, p);
    case 'events':
      return eventList(db, period, today, p);
    case 'volunteers':
      return volunteerList(db, scope, period, today, p);
    case 'evaluations':
      return evaluationList(db, period, p);
  }
}

/** One page of the list behind a number; `total` is the number (for volunteerHours: the volunteers). */
export async function listIndicator(
  db: Db,
  user: SessionUser,
  input: StatisticsListInput,
  now: Date,
): Promise<StatisticsList> {
  const { total, rows } = await rowsOf(db, user, input, localDateAt(now));
  const names = await displayNames(
    db,
    rows.flatMap((r) => (r.counsellorId ? [r.counsellorId] : [])),
  );
  const out: StatisticsListRow[] = rows.map((r) => ({
    id: r.id,
    caseId: r.caseId,
    familyId: r.familyId,
    label: r.label,
    date: r.date,
    code: r.code,
    status: r.status,
    result: r.result,
    counsellor: r.counsellorId ? userRef(names, r.counsellorId) : null,
    amount: r.amount === null ? null : Number(r.amount),
  }));
  return {
    kind: INDICATOR_LIST_KIND[input.indicator],
    total,
    rows: out,
    page: input.page,
    pageSize: input.pageSize,
  };
}
