import type { Generated, Insertable, Selectable } from 'kysely';
import type { RecordResult } from '../../shared/cases';
import type { SyncedColumns } from '../db';

/*
 * Counselling records and their addenda (migration 0002). Dates of the office's calendar are
 * 'YYYY-MM-DD' text; instants are ISO-8601 UTC text. JSON columns hold arrays as text.
 */

export interface CounsellingRecordsTable extends SyncedColumns {
  id: string;
  case_id: string;
  status: 'draft' | 'signed';
  session_date: string | null;
  half_day: 'am' | 'pm' | null;
  channel: 'face_to_face' | 'voice' | 'text' | null;
  /** JSON array of user ids. */
  counsellor_ids: Generated<string>;
  /** JSON array of names. */
  volunteer_names: Generated<string>;
  /** JSON { parties: PartyKey[], others: string[] }. */
  attendees: string;
  family_situation: string | null;
  interview_notes: string | null;
  intervention_assessment: string | null;
  result: RecordResult | null;
  satisfaction: 'satisfied' | 'basic' | 'dissatisfied' | null;
  remarks: string | null;
  created_by: string;
  signed_by: string | null;
  signed_at: string | null;
  /** When a draft save was last audited (drafts autosave; the audit is throttled). */
  draft_audited_at: string | null;
}

export interface RecordAddendaTable extends SyncedColumns {
  id: string;
  record_id: string;
  case_id: string;
  /** Office-local date it was written. */
  date: string;
  author_id: string;
  text: string;
}

/** The record tables (created by migration 0002). */
export interface RecordsTables {
  counselling_records: CounsellingRecordsTable;
  record_addenda: RecordAddendaTable;
}

export type RecordRow = Selectable<CounsellingRecordsTable>;
export type AddendumRow = Selectable<RecordAddendaTable>;
export type NewRecordRow = Insertable<CounsellingRecordsTable>;
export type NewAddendumRow = Insertable<RecordAddendaTable>;
