import type { Transaction, Updateable } from 'kysely';
import { DomainError } from '../../shared/errors';
import type { RecordResult } from '../../shared/cases';
import type { SessionUser } from '../../shared/users';
import { findVisibleCase } from '../cases';
import type { DB, Db } from '../db';
import type {
  AddendumRow,
  CounsellingRecordsTable,
  NewAddendumRow,
  NewRecordRow,
  RecordRow,
} from './records.table';

/* The counselling records' and addenda's queries. */

/** A record of a case the user may see; RECORD_NOT_FOUND otherwise (never revealing the case). */
export async function findVisibleRecordOrThrow(
  db: Db,
  user: SessionUser,
  recordId: string,
): Promise<RecordRow> {
  const row = await db
    .selectFrom('counselling_records')
    .selectAll()
    .where('id', '=', recordId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!row || !(await findVisibleCase(db, user, row.case_id))) throw new DomainError('RECORD_NOT_FOUND');
  return row;
}

/** A case's records in session order (date, half day, then when written). */
export function recordsOfCase(db: Db, caseId: string) {
  return db
    .selectFrom('counselling_records')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('deleted_at', 'is', null)
    .orderBy('session_date')
    .orderBy('half_day')
    .orderBy('created_at');
}

/** The addenda of the given records, oldest first. */
export function addendaOf(db: Db, recordIds: readonly string[]) {
  return db
    .selectFrom('record_addenda')
    .selectAll()
    .where('record_id', 'in', [...recordIds])
    .where('deleted_at', 'is', null)
    .orderBy('created_at');
}

export async function loadAddenda(db: Db, recordIds: readonly string[]): Promise<AddendumRow[]> {
  return recordIds.length === 0 ? [] : addendaOf(db, recordIds).execute();
}

export async function insertRecord(trx: Transaction<DB>, row: NewRecordRow): Promise<RecordRow> {
  return trx.insertInto('counselling_records').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Changes a draft (a signed record is locked: the row must still be a draft). */
export async function updateDraft(
  trx: Transaction<DB>,
  recordId: string,
  columns: Updateable<CounsellingRecordsTable>,
  at: Date,
): Promise<RecordRow> {
  return trx
    .updateTable('counselling_records')
    .set((eb) => ({ ...columns, updated_at: at.toISOString(), version: eb('version', '+', 1) }))
    .where('id', '=', recordId)
    .where('status', '=', 'draft')
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertAddendum(trx: Transaction<DB>, row: NewAddendumRow): Promise<void> {
  await trx.insertInto('record_addenda').values(row).execute();
}

/** The result of a case's latest signed record (by session date, half day, then signing time). */
export async function latestSignedResult(db: Db, caseId: string): Promise<RecordResult | null> {
  return (await latestSignedOutcome(db, caseId))?.result ?? null;
}

/** The latest signed record's result and its session date (the result date a follow-up plan counts from). */
export async function latestSignedOutcome(
  db: Db,
  caseId: string,
): Promise<{ result: RecordResult; date: string } | null> {
  const latest = await db
    .selectFrom('counselling_records')
    .select(['result', 'session_date'])
    .where('case_id', '=', caseId)
    .where('status', '=', 'signed')
    .where('deleted_at', 'is', null)
    .orderBy('session_date', 'desc')
    .orderBy('half_day', 'desc')
    .orderBy('signed_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!latest?.result || !latest.session_date) return null;
  return { result: latest.result, date: latest.session_date };
}
