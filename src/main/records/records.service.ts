import { localDateAt } from '../../shared/calendar';
import type { PartyKey } from '../../shared/cases';
import type { ChannelParsed } from '../../shared/contract';
import { DomainError, invalidFields, type FieldProblem } from '../../shared/errors';
import type { CounsellingRecord, RecordFields } from '../../shared/records';
import { can } from '../../shared/roles';
import type { SessionUser } from '../../shared/users';
import { actorOf, appendAudit, type AuditDetailInput } from '../audit';
import { caseWriteHooks, findVisibleCaseOrThrow, setCaseResult } from '../cases';
import type { Db } from '../db';
import { newSyncedRow, uuidv7, type WriteCall } from '../desk';
import { counsellorIds, displayNames } from '../users';
import {
  findVisibleRecordOrThrow,
  insertAddendum,
  insertRecord,
  latestSignedResult,
  loadAddenda,
  recordsOfCase,
  updateDraft,
} from './records.repository';
import type { RecordRow } from './records.table';

/*
 * Counselling records (MZ/T 084—2017 appendix D). Drafts autosave: saveDraft is an upsert that writes
 * nothing when the content is unchanged, and its audit entry is throttled (on creation, then at most one
 * per DRAFT_AUDIT_MINUTES per record) so autosave cannot flood the log; signing audits the final state.
 * A signed record is locked (RECORD_SIGNED; a trigger enforces it in the database too); only dated
 * addenda follow. The case's result is the latest signed record's result.
 * Authors: only the draft's author (created_by) or a director changes or signs it (RECORD_AUTHOR_ONLY); the
 * co-counsellors named on it may read it. Every update names the version it was based on; a draft saved
 * since (another window, the same user on a second screen) refuses it with RECORD_STALE, so nothing is
 * overwritten unseen. Audit details carry ids and flags only — never the result or any text.
 */

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

export async function toRecords(db: Db, rows: readonly RecordRow[]): Promise<CounsellingRecord[]> {
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

async function auditRecord(
  call: WriteCall,
  action: 'record.draft_saved' | 'record.signed' | 'record.addendum_added' | 'case.records_viewed',
  row: Pick<RecordRow, 'id' | 'case_id'>,
  detail: AuditDetailInput = {},
): Promise<void> {
  await appendAudit(
    call.db,
    {
      ...actorOf(call.user),
      action,
      targetType: 'record',
      targetId: row.id,
      detail: { caseId: row.case_id, ...detail },
    },
    call.now,
  );
}

export async function listRecords(call: WriteCall, caseId: string): Promise<CounsellingRecord[]> {
  await findVisibleCaseOrThrow(call.db, call.user, caseId);
  const rows = await recordsOfCase(call.db, caseId).execute();
  // Reading the notes is an opening of the case's most sensitive part: audited like the detail.
  await appendAudit(
    call.db,
    { ...actorOf(call.user), action: 'case.records_viewed', targetType: 'case', targetId: caseId },
    call.now,
  );
  return toRecords(call.db, rows);
}

export async function getRecord(call: WriteCall, recordId: string): Promise<CounsellingRecord> {
  const row = await findVisibleRecordOrThrow(call.db, call.user, recordId);
  await auditRecord(call, 'case.records_viewed', row);
  return toRecord(call.db, row);
}

/** Only the author of a draft, or a director, may change or sign it (co-counsellors named on it may not). */
function assertMayEdit(user: SessionUser, row: RecordRow): void {
  if (row.created_by !== user.id && !can(user.role, 'cases.supervise')) {
    throw new DomainError('RECORD_AUTHOR_ONLY');
  }
}

/** Counsellors named on a record must be counsellors or directors (a disabled one may still be named). */
async function checkCounsellors(db: Db, ids: readonly string[]): Promise<void> {
  const ok = await counsellorIds(db, ids);
  const problems: Record<string, FieldProblem> = {};
  ids.forEach((id, i) => {
    if (!ok.has(id)) problems[`counsellorIds.${i}`] = 'notAllowed';
  });
  if (Object.keys(problems).length > 0) throw invalidFields(problems);
}

export async function saveDraft(
  call: WriteCall,
  input: ChannelParsed<'records.saveDraft'>,
): Promise<CounsellingRecord> {
  const { db, user, now } = call;
  await findVisibleCaseOrThrow(db, user, input.caseId);
  // The first save of a new record names its author as counsellor unless the form says otherwise.
  const fields =
    input.recordId === null && input.counsellorIds.length === 0
      ? { ...input, counsellorIds: [user.id] }
      : input;
  await checkCounsellors(db, fields.counsellorIds);
  const content = contentColumns(fields);
  const at = now.toISOString();

  if (input.recordId !== null) {
    const row = await findVisibleRecordOrThrow(db, user, input.recordId);
    if (row.case_id !== input.caseId) throw new DomainError('RECORD_NOT_FOUND');
    if (row.status === 'signed') throw new DomainError('RECORD_SIGNED');
    assertMayEdit(user, row);
    const unchanged = (Object.keys(content) as (keyof ContentColumns)[]).every((k) => content[k] === row[k]);
    // The same content as stored is no conflict, whatever version the screen had: it just catches up.
    if (unchanged) return toRecord(db, row);
    if (input.baseVersion !== row.version) throw new DomainError('RECORD_STALE');
    const auditDue =
      row.draft_audited_at === null ||
      now.getTime() - Date.parse(row.draft_audited_at) >= DRAFT_AUDIT_MINUTES * 60_000;
    const updated = await updateDraft(
      db,
      row.id,
      { ...content, ...(auditDue ? { draft_audited_at: at } : {}) },
      now,
    );
    if (auditDue) await auditRecord(call, 'record.draft_saved', row, { created: false });
    await caseWriteHooks.run(db, [row.case_id]);
    return toRecord(db, updated);
  }

  const created = await insertRecord(db, {
    id: uuidv7(now),
    case_id: input.caseId,
    status: 'draft',
    ...content,
    created_by: user.id,
    signed_by: null,
    signed_at: null,
    draft_audited_at: at,
    ...newSyncedRow(call.open.deviceId, at),
  });
  await auditRecord(call, 'record.draft_saved', created, { created: true });
  await caseWriteHooks.run(db, [created.case_id]);
  return toRecord(db, created);
}

export async function signRecord(
  call: WriteCall,
  input: ChannelParsed<'records.sign'>,
): Promise<CounsellingRecord> {
  const { db, user, now } = call;
  const row = await findVisibleRecordOrThrow(db, user, input.recordId);
  if (row.status === 'signed') throw new DomainError('RECORD_SIGNED');
  assertMayEdit(user, row);
  // Signing what the signer has not seen (saved since, elsewhere) would lock it unread.
  if (input.baseVersion !== undefined && input.baseVersion !== row.version) {
    throw new DomainError('RECORD_STALE');
  }
  const missing: Record<string, FieldProblem> = {};
  if (row.session_date === null) missing.sessionDate = 'required';
  else if (row.session_date > localDateAt(now)) missing.sessionDate = 'invalid';
  if (row.half_day === null) missing.halfDay = 'required';
  if (row.channel === null) missing.channel = 'required';
  if ((JSON.parse(row.counsellor_ids) as string[]).length === 0) missing.counsellorIds = 'required';
  if (row.result === null) missing.result = 'required';
  if (Object.keys(missing).length > 0) throw invalidFields(missing);

  const signed = await updateDraft(
    db,
    row.id,
    { status: 'signed', signed_by: user.id, signed_at: now.toISOString() },
    now,
  );
  // Not the result: the admin reading the log must not learn how a couple's counselling ended.
  await auditRecord(call, 'record.signed', row);
  await setCaseResult(db, row.case_id, await latestSignedResult(db, row.case_id), now);
  await caseWriteHooks.run(db, [row.case_id]);
  return toRecord(db, signed);
}

export async function addAddendum(
  call: WriteCall,
  input: ChannelParsed<'records.addAddendum'>,
): Promise<CounsellingRecord> {
  const { db, user, now } = call;
  const row = await findVisibleRecordOrThrow(db, user, input.recordId);
  await insertAddendum(db, {
    id: uuidv7(now),
    record_id: row.id,
    case_id: row.case_id,
    date: localDateAt(now),
    author_id: user.id,
    text: input.text,
    ...newSyncedRow(call.open.deviceId, now.toISOString()),
  });
  await auditRecord(call, 'record.addendum_added', row);
  await caseWriteHooks.run(db, [row.case_id]);
  return toRecord(db, await findVisibleRecordOrThrow(db, user, row.id));
}
