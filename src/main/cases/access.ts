import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely';
import { DomainError } from '../../shared/errors';
import { can } from '../../shared/roles';
import type { SessionUser } from '../../shared/users';
import type { DB } from '../db';
import type { CaseRow } from './cases.table';

/*
 * Who may see what (docs/dev/ISSUE3-BRIEF.md): a director sees every case; a counsellor the cases they
 * are in charge of (counsellor_id) or accompany (companion_user_id); admins and volunteers none (their
 * roles lack 'cases.work', so the dispatcher already refuses them). A case the user may not see is
 * CASE_NOT_FOUND — never reveal that it exists. DV details: the counsellor in charge and directors only.
 */

type Db = Kysely<DB> | Transaction<DB>;

export function seesAllCases(user: SessionUser): boolean {
  return can(user.role, 'cases.all');
}

/**
 * The visibility predicate on the `cases` table (referenced by that name, unaliased), for any query:
 * `db.selectFrom('cases').where(caseVisibility(user))` or after a join on `cases`.
 */
export function caseVisibility(user: SessionUser): Expression<SqlBool> {
  if (seesAllCases(user)) return sql<SqlBool>`1 = 1`;
  if (can(user.role, 'cases.work')) {
    return sql<SqlBool>`(cases.counsellor_id = ${user.id} OR cases.companion_user_id = ${user.id})`;
  }
  return sql<SqlBool>`0 = 1`;
}

/** Whether the user may see this case row (the same rule as caseVisibility, in memory). */
export function canSeeCase(
  user: SessionUser,
  row: Pick<CaseRow, 'counsellor_id' | 'companion_user_id'>,
): boolean {
  if (seesAllCases(user)) return true;
  if (!can(user.role, 'cases.work')) return false;
  return row.counsellor_id === user.id || row.companion_user_id === user.id;
}

/** DV disclosures: the counsellor in charge and directors; never the companion unless also in charge. */
export function canSeeDvOf(user: SessionUser, row: Pick<CaseRow, 'counsellor_id'>): boolean {
  if (seesAllCases(user)) return true;
  return can(user.role, 'cases.work') && row.counsellor_id === user.id;
}

export async function findVisibleCase(
  db: Db,
  user: SessionUser,
  caseId: string,
): Promise<CaseRow | undefined> {
  return db
    .selectFrom('cases')
    .selectAll()
    .where('id', '=', caseId)
    .where('deleted_at', 'is', null)
    .where(caseVisibility(user))
    .executeTakeFirst();
}

export async function findVisibleCaseOrThrow(db: Db, user: SessionUser, caseId: string): Promise<CaseRow> {
  const row = await findVisibleCase(db, user, caseId);
  if (!row) throw new DomainError('CASE_NOT_FOUND');
  return row;
}

/** For DV channels: the case exists, the user sees it, and may see its DV details — else CASE_NOT_FOUND. */
export async function findDvVisibleCaseOrThrow(db: Db, user: SessionUser, caseId: string): Promise<CaseRow> {
  const row = await findVisibleCase(db, user, caseId);
  if (!row || !canSeeDvOf(user, row)) throw new DomainError('CASE_NOT_FOUND');
  return row;
}
