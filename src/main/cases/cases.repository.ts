import { sql, type Expression, type SqlBool, type Transaction, type Updateable } from 'kysely';
import { DomainError } from '../../shared/errors';
import { can } from '../../shared/roles';
import { CASE_NUMBER_PREFIX, type CounsellingType, type RecordResult } from '../../shared/cases';
import type { SessionUser } from '../../shared/users';
import type { DB, Db } from '../db';
import { seesAllCases } from './access';
import type {
  CasePartiesTable,
  CasePartyRow,
  CaseRow,
  CasesTable,
  NewCasePartyRow,
  NewCaseRow,
} from './cases.table';

/* The case tables' queries. Every read a user makes goes through the visibility predicate. */

/**
 * Who may see a case (docs/domain.md "Who sees what"), as a predicate on the `cases` table (referenced by
 * that name, unaliased) for any query: `db.selectFrom('cases').where(caseVisibility(user))` or after a join.
 */
export function caseVisibility(user: SessionUser): Expression<SqlBool> {
  if (seesAllCases(user)) return sql<SqlBool>`1 = 1`;
  if (can(user.role, 'cases.work')) {
    return sql<SqlBool>`(cases.counsellor_id = ${user.id} OR cases.companion_user_id = ${user.id})`;
  }
  return sql<SqlBool>`0 = 1`;
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

/** A case the user may not see answers CASE_NOT_FOUND: never reveal that it exists. */
export async function findVisibleCaseOrThrow(db: Db, user: SessionUser, caseId: string): Promise<CaseRow> {
  const row = await findVisibleCase(db, user, caseId);
  if (!row) throw new DomainError('CASE_NOT_FOUND');
  return row;
}

/** A case by id, whoever may see it (for a case the caller has already been shown to see). */
export async function getCaseRow(db: Db, caseId: string): Promise<CaseRow> {
  return db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
}

/** The two parties of a case, party_a first. */
export async function loadParties(db: Db, caseId: string): Promise<[CasePartyRow, CasePartyRow]> {
  const rows = await db
    .selectFrom('case_parties')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('deleted_at', 'is', null)
    .orderBy('party')
    .execute();
  const [a, b] = rows;
  if (rows.length !== 2 || !a || !b || a.party !== 'party_a') throw new Error('case without its two parties');
  return [a, b];
}

/** The parties of several cases, by primary-key lookups on case_parties_case. */
/** The party columns a list row shows (covered by the index case_parties_list, migration 0014). */
export type ListPartyRow = Pick<
  CasePartyRow,
  'case_id' | 'party' | 'name' | 'sex' | 'document_number' | 'phone'
>;

/** Named (INDEXED BY): SQLite would otherwise take the UNIQUE (case_id, party) index and read each row. */
export function partiesOfCasesQuery(caseIds: readonly string[]) {
  return sql<ListPartyRow>`SELECT case_id, party, name, sex, document_number, phone
    FROM case_parties INDEXED BY case_parties_list
    WHERE case_id IN (${sql.join(caseIds)}) AND deleted_at IS NULL`;
}

/** The parties of the given cases, for list rows: an index-only read. */
export async function partiesOfCases(
  db: Db,
  caseIds: readonly string[],
): Promise<Map<string, ListPartyRow[]>> {
  const byCase = new Map<string, ListPartyRow[]>();
  if (caseIds.length === 0) return byCase;
  const { rows } = await partiesOfCasesQuery(caseIds).execute(db);
  for (const p of rows) byCase.set(p.case_id, [...(byCase.get(p.case_id) ?? []), p]);
  return byCase;
}

export async function insertCase(trx: Transaction<DB>, row: NewCaseRow): Promise<void> {
  await trx.insertInto('cases').values(row).execute();
}

export async function insertParty(trx: Transaction<DB>, row: NewCasePartyRow): Promise<void> {
  await trx.insertInto('case_parties').values(row).execute();
}

/** Writes columns of a case, bumping version and updated_at as every synced row's change must. */
export async function updateCaseRow(
  trx: Transaction<DB>,
  caseId: string,
  columns: Updateable<CasesTable>,
  at: Date,
): Promise<void> {
  await trx
    .updateTable('cases')
    .set((eb) => ({ ...columns, updated_at: at.toISOString(), version: eb('version', '+', 1) }))
    .where('id', '=', caseId)
    .execute();
}

export async function updatePartyRow(
  trx: Transaction<DB>,
  partyId: string,
  columns: Updateable<CasePartiesTable>,
  at: Date,
): Promise<void> {
  await trx
    .updateTable('case_parties')
    .set((eb) => ({ ...columns, updated_at: at.toISOString(), version: eb('version', '+', 1) }))
    .where('id', '=', partyId)
    .execute();
}

/** The parties of a case with their row ids (deleted ones included: an update finds its row by party). */
export function partyRowsOf(db: Db, caseId: string): Promise<CasePartyRow[]> {
  return db.selectFrom('case_parties').selectAll().where('case_id', '=', caseId).execute();
}

/** A DV disclosure now exists: lists and printouts hide the case's contacts from here on. */
export async function markDvDisclosed(trx: Transaction<DB>, caseId: string, at: Date): Promise<void> {
  await trx
    .updateTable('cases')
    .set((eb) => ({ dv_disclosed: 1, updated_at: at.toISOString(), version: eb('version', '+', 1) }))
    .where('id', '=', caseId)
    .where('dv_disclosed', '=', 0)
    .execute();
}

/** The case's result, when it differs from what is stored (the latest signed record's result). */
export async function setCaseResult(
  trx: Transaction<DB>,
  caseId: string,
  result: RecordResult | null,
  at: Date,
): Promise<void> {
  await trx
    .updateTable('cases')
    .set((eb) => ({ result, updated_at: at.toISOString(), version: eb('version', '+', 1) }))
    .where('id', '=', caseId)
    .where((eb) => eb('result', 'is not', result))
    .execute();
}

/*
 * Case numbers `{year}-{LH|HQ|GX|JT}-{seq}`: one sequence per desk, year and type, 5 digits. Taken inside
 * the intake transaction from the highest number already used (deleted cases keep theirs), so numbers are
 * never reused and two intakes cannot take the same one (SQLite writes are serialised). The year is the
 * office-local intake year.
 */
const CASE_SEQ_DIGITS = 5;

export async function nextCaseNumber(
  trx: Transaction<DB>,
  deviceId: string,
  type: CounsellingType,
  today: string,
): Promise<string> {
  const stem = `${today.slice(0, 4)}-${CASE_NUMBER_PREFIX[type]}-`;
  // A range on the unique (case_number, origin_device) index; '~' sorts after every digit.
  // The numeric maximum, so a year past 99,999 cases still counts on (text order would not).
  const row = await trx
    .selectFrom('cases')
    .select(sql<number | null>`max(CAST(substr(case_number, ${stem.length + 1}) AS INTEGER))`.as('highest'))
    .where('case_number', '>=', stem)
    .where('case_number', '<', `${stem}~`)
    .where('origin_device', '=', deviceId)
    .executeTakeFirst();
  const highest = row?.highest ?? 0;
  return `${stem}${String(highest + 1).padStart(CASE_SEQ_DIGITS, '0')}`;
}
