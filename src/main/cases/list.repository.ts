import { sql, type SelectQueryBuilder } from 'kysely';
import type { ChannelParsed } from '../../shared/contract';
import type { RiskFlag } from '../../shared/cases';
import type { SessionUser } from '../../shared/users';
import type { DB, Db } from '../db';
import { caseVisibility } from './cases.repository';

/*
 * The case list's filters as SQL, for the work that needs the matching rows themselves (an archive export
 * of the filtered list, src/main/archive). The list's pages and totals come from its keys in memory
 * (list-index.ts), with the same rule; tests/integration/case-list-index.test.ts checks one against the
 * other, and tests/integration/cases-list-plan.test.ts that these stay on indexes.
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
