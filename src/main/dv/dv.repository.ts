import type { Transaction, Updateable } from 'kysely';
import { DomainError } from '../../shared/errors';
import type { SessionUser } from '../../shared/users';
import { canSeeDvOf, findVisibleCase, type CaseRow } from '../cases';
import type { DB, Db } from '../db';
import type { DvDisclosureRow, DvDisclosuresTable, NewDvDisclosureRow } from './dv.table';

/* The DV disclosures' queries. Nothing else in the desk reads this table (the search index never does). */

/** A disclosure and its case, or DV_NOT_FOUND for anything the caller may not see. */
export async function findVisibleDisclosureOrThrow(
  db: Db,
  user: SessionUser,
  disclosureId: string,
): Promise<{ row: DvDisclosureRow; caseRow: CaseRow }> {
  const row = await db
    .selectFrom('dv_disclosures')
    .selectAll()
    .where('id', '=', disclosureId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  const caseRow = row ? await findVisibleCase(db, user, row.case_id) : undefined;
  if (!row || !caseRow || !canSeeDvOf(user, caseRow)) throw new DomainError('DV_NOT_FOUND');
  return { row, caseRow };
}

/** A case's disclosures, oldest first. */
export function disclosuresOfCase(db: Db, caseId: string) {
  return db
    .selectFrom('dv_disclosures')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('deleted_at', 'is', null)
    .orderBy('disclosed_at')
    .orderBy('created_at');
}

/** How many disclosures a case has (the printed summary's count, for users allowed to see DV). */
export async function countDisclosures(db: Db, caseId: string): Promise<number> {
  const row = await db
    .selectFrom('dv_disclosures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('case_id', '=', caseId)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertDisclosure(
  trx: Transaction<DB>,
  row: NewDvDisclosureRow,
): Promise<DvDisclosureRow> {
  return trx.insertInto('dv_disclosures').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateDisclosureRow(
  trx: Transaction<DB>,
  disclosureId: string,
  columns: Updateable<DvDisclosuresTable>,
  at: Date,
): Promise<DvDisclosureRow> {
  return trx
    .updateTable('dv_disclosures')
    .set((eb) => ({ ...columns, updated_at: at.toISOString(), version: eb('version', '+', 1) }))
    .where('id', '=', disclosureId)
    .returningAll()
    .executeTakeFirstOrThrow();
}
