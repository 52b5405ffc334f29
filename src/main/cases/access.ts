import { can } from '../../shared/roles';
import type { SessionUser } from '../../shared/users';
import type { CaseRow } from './cases.table';
import type { CaseListViewer } from './list-index';

/*
 * Who may see what (docs/domain.md "Who sees what"): a director sees every case; a counsellor the cases
 * they are in charge of (counsellor_id) or accompany (companion_user_id); admins and volunteers none (their
 * roles lack 'cases.work', so the dispatcher already refuses them). DV details: the counsellor in charge
 * and directors only. The same rule as an SQL predicate is caseVisibility (cases.repository.ts).
 */

export function seesAllCases(user: SessionUser): boolean {
  return can(user.role, 'cases.all');
}

/** DV disclosures: the counsellor in charge and directors; never the companion unless also in charge. */
export function canSeeDvOf(user: SessionUser, row: Pick<CaseRow, 'counsellor_id'>): boolean {
  if (seesAllCases(user)) return true;
  return can(user.role, 'cases.work') && row.counsellor_id === user.id;
}

/** Whose cases the list may show, for the in-memory list (list-index.ts): the same rule as caseVisibility. */
export function caseListViewer(user: SessionUser): CaseListViewer {
  if (seesAllCases(user)) return { all: true };
  return can(user.role, 'cases.work') ? { userId: user.id } : null;
}
