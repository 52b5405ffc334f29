import { sql, type SelectQueryBuilder } from 'kysely';
import { unreachable } from '../../shared/errors';
import type { ChannelParsed } from '../../shared/contract';
import type { CaseSort, RiskFlag } from '../../shared/cases';
import type { SessionUser } from '../../shared/users';
import type { DB, Db } from '../db';
import { caseVisibility } from './cases.repository';

/*
 * The case list's queries: filters and sort on indexed columns of `cases` only (EXPLAIN QUERY PLAN is
 * tested in tests/integration/cases-list-plan.test.ts).
 */

type CasesQuery = SelectQueryBuilder<DB, 'cases', object>;

const RISK_COLUMN: Record<
  RiskFlag,
  'risk_domestic_violence' | 'risk_self_harm' | 'risk_child' | 'risk_elderly'
> = {
  domesticViolence: 'risk_domestic_violence',
  selfHarm: 'risk_self_harm',
  childAtRisk: 'risk_child',
  elderlyAtRisk: 'risk_elderly',
};

export type CaseListInput = ChannelParsed<'cases.list'>;

/** The filtered, visible cases (no order, no paging): shared by the page and the count. */
export function filteredCases(db: Db, user: SessionUser, f: CaseListInput): CasesQuery {
  let q: CasesQuery = db
    .selectFrom('cases')
    .where('cases.deleted_at', 'is', null)
    .where(caseVisibility(user));
  if (f.type) q = q.where('cases.type', '=', f.type);
  if (f.registrationStatus) q = q.where('cases.registration_status', '=', f.registrationStatus);
  if (f.counsellorId) q = q.where('cases.counsellor_id', '=', f.counsellorId);
  if (f.receivedFrom) q = q.where('cases.received_date', '>=', f.receivedFrom);
  if (f.receivedTo) q = q.where('cases.received_date', '<=', f.receivedTo);
  if (hasDeadlineWindow(f)) {
    // next_deadline is the running deadline (or NULL); the term matches the expression index
    // cases_next_deadline (next_deadline IS NULL, next_deadline, id), so the window is one index range.
    q = q.where(sql<number>`cases.next_deadline IS NULL`, '=', 0);
    if (f.deadlineFrom) q = q.where('cases.next_deadline', '>=', f.deadlineFrom);
    if (f.deadlineTo) q = q.where('cases.next_deadline', '<=', f.deadlineTo);
  }
  for (const flag of new Set(f.risk ?? [])) {
    q =
      flag === 'domesticViolence'
        ? q.where((eb) =>
            eb.or([eb('cases.risk_domestic_violence', '=', 1), eb('cases.dv_disclosed', '=', 1)]),
          )
        : q.where(`cases.${RISK_COLUMN[flag]}`, '=', 1);
  }
  return q;
}

/** Whether the filter keeps only cases with a running deadline in a window (cases_next_deadline range). */
export const hasDeadlineWindow = (f: Pick<CaseListInput, 'deadlineFrom' | 'deadlineTo'>): boolean =>
  f.deadlineFrom !== undefined || f.deadlineTo !== undefined;

/**
 * Each sort ends on a unique column so pages never overlap. `deadlineWindow`: the filter already fixes
 * `next_deadline IS NULL` to false, and SQLite only sees an index order through a constrained column, not a
 * constrained expression — so the deadline order leaves that term out and the window walks the index in order.
 */
export function orderCases<O>(
  q: SelectQueryBuilder<DB, 'cases', O>,
  sort: CaseSort,
  deadlineWindow = false,
): SelectQueryBuilder<DB, 'cases', O> {
  switch (sort) {
    case 'received_desc':
      return q.orderBy('cases.received_date', 'desc').orderBy('cases.id', 'desc');
    case 'deadline_asc':
      if (deadlineWindow) return q.orderBy('cases.next_deadline', 'asc').orderBy('cases.id', 'asc');
      // Matches the expression index cases_next_deadline: running deadlines first, soonest first.
      return q
        .orderBy(sql`cases.next_deadline IS NULL`)
        .orderBy('cases.next_deadline', 'asc')
        .orderBy('cases.id', 'asc');
    case 'created_desc':
      return q.orderBy('cases.created_at', 'desc').orderBy('cases.id', 'desc');
    case 'case_number':
      return q.orderBy('cases.case_number', 'asc').orderBy('cases.origin_device', 'asc');
    default:
      return unreachable(sort);
  }
}

/** One page of the filtered, visible cases in the chosen order. */
export function caseListPage(db: Db, user: SessionUser, f: CaseListInput) {
  return orderCases(filteredCases(db, user, f).selectAll('cases'), f.sort, hasDeadlineWindow(f))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
}

/** How many cases the filter finds (the list's total). */
export async function countCases(db: Db, user: SessionUser, f: CaseListInput): Promise<number> {
  const count = await filteredCases(db, user, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(count.n);
}
