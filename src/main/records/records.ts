import type { Kysely, Transaction } from 'kysely';
import { DomainError } from '../../shared/errors';
import { validationMessages } from '../../shared/i18n';
import type { ChannelParsed } from '../../shared/contract';
import { localDateAt } from '../../shared/calendar';
import type { PartyKey } from '../../shared/cases';
import type { CounsellingRecord, RecordFields } from '../../shared/records';
import type { SessionUser } from '../../shared/users';
import { uuidv7, type DeskContext, newSyncedRow } from '../desk';
import type { DB } from '../db';
import type { AddendumRow, RecordRow } from './records.table';
import { appendAudit, actorOf } from '../audit';
import { findVisibleCase, findVisibleCaseOrThrow, displayNames, runCaseWriteHooks } from '../cases';

/*
 * Counselling records (MZ/T 084—2017 appendix D). Drafts autosave: saveDraft is an upsert that writes
 * nothing when the content is unchanged, and its audit entry is throttled (on creation, then at most one
 * per DRAFT_AUDIT_MINUTES per record) so autosave cannot flood the log; signing audits the final state.
 * A signed record is locked (RECORD_SIGNED; a trigger enforces it in the database too); only dated
 * addenda follow. The case's result is the latest signed record's result.
 */

type Db = Kysely<DB> | Transaction<DB>;

const DRAFT_AUDIT_MINUTES = 15;

type ContentColumns = Pick<
  RecordRow,
  | 'session_date'
  | 'half_day'
  | 'channel'
  | 'counsellor_ids'
  | 'volunteer_names'
  | 'attendees'
  | 'family_situation'
  | 'interview_notes'
  | 'intervention_assessment'
  | 'result'
  | 'satisfaction'
  | 'remarks'
>;

function contentColumns(f: RecordFields): ContentColumns {
  return {
    session_date: f.sessionDate,
    half_day: f.halfDay,
    channel: f.channel,
    counsellor_ids: JSON.stringify([...new Set(f.counsellorIds)]),
    volunteer_names: JSON.stringify(f.volunteerNames),
    attendees: JSON.stringify({ parties: [...new Set(f.attendees.parties)], others: f.attendees.others }),
    family_situation: f.familySituation,
    interview_notes: f.interviewNotes,
    intervention_assessment: f.interventionAssessment,
    result: f.result,
    satisfaction: f.satisfaction,
    remarks: f.remarks,
  };
}

async function loadAddenda(db: Db, recordIds: readonly string[]): Promise<AddendumRow[]> {
  if (recordIds.length === 0) return [];
  return db
    .selectFrom('record_addenda')
    .selectAll()
    .where('record_id', 'in', [...recordIds])
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .execute();
}

async function toRecords(db: Db, rows: readonly RecordRow[]): Promise<CounsellingRecord[]> {
  const addenda = await loadAddenda(
    db,
    rows.map((r) => r.id),
  );
  const counsellorIds = rows.map((r) => JSON.parse(r.counsellor_ids) as string[]);
  const names = await displayNames(db, [
    ...counsellorIds.flat(),
    ...rows.flatMap((r) => [r.created_by, ...(r.signed_by ? [r.signed_by] : [])]),
    ...addenda.map((a) => a.author_id),
  ]);
  const ref = (id: string) => ({ id, displayName: names.get(id) ?? '' });
  return rows.map((r, i) => ({
    id: r.id,
    caseId: r.case_id,
    status: r.status,
    sessionDate: r.session_date,
    halfDay: r.half_day,
    channel: r.channel,
    counsellors: (counsellorIds[i] ?? []).map(ref),
    volunteerNames: JSON.parse(r.volunteer_names) as string[],
    attendees: JSON.parse(r.attendees) as { parties: PartyKey[]; others: string[] },
    familySituation: r.family_situation,
    interviewNotes: r.interview_notes,
    interventionAssessment: r.intervention_assessment,
    result: r.result,
    satisfaction: r.satisfaction,
    remarks: r.remarks,
    createdBy: ref(r.created_by),
    signedBy: r.signed_by ? ref(r.signed_by) : null,
    signedAt: r.signed_at,
    addenda: addenda
      .filter((a) => a.record_id === r.id)
      .map((a) => ({
        id: a.id,
        date: a.date,
        writtenAt: a.created_at,
        author: ref(a.author_id),
        text: a.text,
      })),
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

async function toRecord(db: Db, row: RecordRow): Promise<CounsellingRecord> {
  const [record] = await toRecords(db, [row]);
  if (!record) throw new Error('record mapping lost a row');
  return record;
}

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

async function auditRecord(
  trx: Transaction<DB>,
  user: SessionUser,
  action: 'record.draft_saved' | 'record.signed' | 'record.addendum_added',
  row: Pick<RecordRow, 'id' | 'case_id'>,
  at: Date,
  detail: Record<string, string | boolean | null> = {},
): Promise<void> {
  await appendAudit(
    trx,
    {
      ...actorOf(user),
      action,
      targetType: 'record',
      targetId: row.id,
      detail: { caseId: row.case_id, ...detail },
    },
    at,
  );
}

export async function listRecords(ctx: DeskContext, caseId: string): Promise<CounsellingRecord[]> {
  const open = ctx.session.requireOpen();
  const db = open.store.db;
  await findVisibleCaseOrThrow(db, open.user, caseId);
  const rows = await db
    .selectFrom('counselling_records')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('deleted_at', 'is', null)
    .orderBy('session_date')
    .orderBy('half_day')
    .orderBy('created_at')
    .execute();
  // Reading the notes is an opening of the case's most sensitive part: audited like the detail.
  await appendAudit(
    db,
    { ...actorOf(open.user), action: 'case.records_viewed', targetType: 'case', targetId: caseId },
    ctx.clock.now(),
  );
  return toRecords(db, rows);
}

export async function getRecord(ctx: DeskContext, recordId: string): Promise<CounsellingRecord> {
  const open = ctx.session.requireOpen();
  const db = open.store.db;
  const row = await findVisibleRecordOrThrow(db, open.user, recordId);
  await appendAudit(
    db,
    {
      ...actorOf(open.user),
      action: 'case.records_viewed',
      targetType: 'record',
      targetId: row.id,
      detail: { caseId: row.case_id },
    },
    ctx.clock.now(),
  );
  return toRecord(db, row);
}

/** Counsellors named on a record must be active counsellors or directors. */
async function checkCounsellors(db: Db, ids: readonly string[], ctx: DeskContext): Promise<void> {
  if (ids.length === 0) return;
  const found = await db
    .selectFrom('users')
    .select('id')
    .where('id', 'in', [...ids])
    .where('role', 'in', ['counsellor', 'director'])
    .where('deleted_at', 'is', null)
    .execute();
  const ok = new Set(found.map((u) => u.id));
  const fields: Record<string, string> = {};
  ids.forEach((id, i) => {
    if (!ok.has(id)) fields[`counsellorIds.${i}`] = validationMessages[ctx.prefs.language].notAllowed;
  });
  if (Object.keys(fields).length > 0) throw new DomainError('VALIDATION', {}, fields);
}

export async function saveDraft(
  ctx: DeskContext,
  input: ChannelParsed<'records.saveDraft'>,
): Promise<CounsellingRecord> {
  const open = ctx.session.requireOpen();
  const db = open.store.db;
  const { user } = open;
  await findVisibleCaseOrThrow(db, user, input.caseId);
  // The first save of a new record names its author as counsellor unless the form says otherwise.
  const fields =
    input.recordId === null && input.counsellorIds.length === 0
      ? { ...input, counsellorIds: [user.id] }
      : input;
  await checkCounsellors(db, fields.counsellorIds, ctx);
  const content = contentColumns(fields);
  const now = ctx.clock.now();
  const at = now.toISOString();

  if (input.recordId !== null) {
    const row = await findVisibleRecordOrThrow(db, user, input.recordId);
    if (row.case_id !== input.caseId) throw new DomainError('RECORD_NOT_FOUND');
    if (row.status === 'signed') throw new DomainError('RECORD_SIGNED');
    const unchanged = (Object.keys(content) as (keyof ContentColumns)[]).every((k) => content[k] === row[k]);
    if (unchanged) return toRecord(db, row);
    const auditDue =
      row.draft_audited_at === null ||
      now.getTime() - Date.parse(row.draft_audited_at) >= DRAFT_AUDIT_MINUTES * 60_000;
    const updated = await db.transaction().execute(async (trx) => {
      const next = await trx
        .updateTable('counselling_records')
        .set((eb) => ({
          ...content,
          ...(auditDue ? { draft_audited_at: at } : {}),
          updated_at: at,
          version: eb('version', '+', 1),
        }))
        .where('id', '=', row.id)
        .where('status', '=', 'draft')
        .returningAll()
        .executeTakeFirstOrThrow();
      if (auditDue) await auditRecord(trx, user, 'record.draft_saved', row, now, { created: false });
      await runCaseWriteHooks(trx, row.case_id);
      return next;
    });
    return toRecord(db, updated);
  }

  const created = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('counselling_records')
      .values({
        id: uuidv7(now),
        case_id: input.caseId,
        status: 'draft',
        ...content,
        created_by: user.id,
        signed_by: null,
        signed_at: null,
        draft_audited_at: at,
        ...newSyncedRow(open.deviceId, at),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await auditRecord(trx, user, 'record.draft_saved', row, now, { created: true });
    await runCaseWriteHooks(trx, row.case_id);
    return row;
  });
  return toRecord(db, created);
}

export async function signRecord(ctx: DeskContext, recordId: string): Promise<CounsellingRecord> {
  const open = ctx.session.requireOpen();
  const db = open.store.db;
  const { user } = open;
  const row = await findVisibleRecordOrThrow(db, user, recordId);
  if (row.status === 'signed') throw new DomainError('RECORD_SIGNED');
  const now = ctx.clock.now();
  const messages = validationMessages[ctx.prefs.language];
  const missing: Record<string, string> = {};
  if (row.session_date === null) missing.sessionDate = messages.required;
  else if (row.session_date > localDateAt(now)) missing.sessionDate = messages.invalid;
  if (row.half_day === null) missing.halfDay = messages.required;
  if (row.channel === null) missing.channel = messages.required;
  if ((JSON.parse(row.counsellor_ids) as string[]).length === 0) missing.counsellorIds = messages.required;
  if (row.result === null) missing.result = messages.required;
  if (Object.keys(missing).length > 0) throw new DomainError('VALIDATION', {}, missing);

  const signed = await db.transaction().execute(async (trx) => {
    const next = await trx
      .updateTable('counselling_records')
      .set((eb) => ({
        status: 'signed' as const,
        signed_by: user.id,
        signed_at: now.toISOString(),
        updated_at: now.toISOString(),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', row.id)
      .where('status', '=', 'draft')
      .returningAll()
      .executeTakeFirstOrThrow();
    await auditRecord(trx, user, 'record.signed', row, now, { result: row.result });
    await updateCaseResult(trx, row.case_id, now);
    await runCaseWriteHooks(trx, row.case_id);
    return next;
  });
  return toRecord(db, signed);
}

/** case.result = the result of the latest signed record (by session date, half day, then signing time). */
async function updateCaseResult(trx: Transaction<DB>, caseId: string, now: Date): Promise<void> {
  const latest = await trx
    .selectFrom('counselling_records')
    .select('result')
    .where('case_id', '=', caseId)
    .where('status', '=', 'signed')
    .where('deleted_at', 'is', null)
    .orderBy('session_date', 'desc')
    .orderBy('half_day', 'desc')
    .orderBy('signed_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  await trx
    .updateTable('cases')
    .set((eb) => ({
      result: latest?.result ?? null,
      updated_at: now.toISOString(),
      version: eb('version', '+', 1),
    }))
    .where('id', '=', caseId)
    .where((eb) => eb('result', 'is not', latest?.result ?? null))
    .execute();
}

export async function addAddendum(
  ctx: DeskContext,
  input: ChannelParsed<'records.addAddendum'>,
): Promise<CounsellingRecord> {
  const open = ctx.session.requireOpen();
  const db = open.store.db;
  const { user } = open;
  const row = await findVisibleRecordOrThrow(db, user, input.recordId);
  const now = ctx.clock.now();
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('record_addenda')
      .values({
        id: uuidv7(now),
        record_id: row.id,
        case_id: row.case_id,
        date: localDateAt(now),
        author_id: user.id,
        text: input.text,
        ...newSyncedRow(open.deviceId, at),
      })
      .execute();
    await auditRecord(trx, user, 'record.addendum_added', row, now);
    await runCaseWriteHooks(trx, row.case_id);
  });
  return toRecord(db, await findVisibleRecordOrThrow(db, user, row.id));
}
