import type { Generated, Insertable, Selectable } from 'kysely';
import type {
  CounsellingType,
  DocumentType,
  Education,
  PartyKey,
  RecordResult,
  RegistrationStatus,
  Sex,
} from '../../shared/cases';
import type { Bool01, SyncedColumns } from '../db';

/*
 * Case tables (migration 0002). Dates of the office's calendar are 'YYYY-MM-DD' text; instants are
 * ISO-8601 UTC text. JSON columns hold arrays as text.
 */

export interface CasesTable extends SyncedColumns {
  id: string;
  /** `{year}-{LH|HQ|GX|JT}-{seq 5}`; unique per desk (origin_device). */
  case_number: string;
  type: CounsellingType;
  /** Filing received date, or the intake date for a case without a filing (list order and filters). */
  received_date: string;
  marriage_date: string | null;
  /** JSON array of { age, livesWith }. */
  children: Generated<string>;
  filing_received_date: string | null;
  receipt_number: string | null;
  /** JSON array of ReasonCategory. */
  reason_categories: Generated<string>;
  reason_text: string | null;
  risk_domestic_violence: Generated<Bool01>;
  risk_self_harm: Generated<Bool01>;
  risk_child: Generated<Bool01>;
  risk_elderly: Generated<Bool01>;
  /** A DV disclosure was recorded (dv module); hides contacts like the DV risk flag. */
  dv_disclosed: Generated<Bool01>;
  consent_by: 'both' | PartyKey | null;
  consent_at: string | null;
  consent_method: 'written' | 'oral_recorded' | 'electronic' | null;
  counsellor_id: string;
  companion_user_id: string | null;
  companion_name: string | null;
  /** NULL exactly when there is no filing. */
  registration_status: RegistrationStatus | null;
  status_changed_at: string | null;
  withdrawal_deadline: string | null;
  certificate_window_start: string | null;
  certificate_window_end: string | null;
  /** withdrawal_deadline while accepted_cooling, certificate_window_end while awaiting_certificate. */
  next_deadline: string | null;
  withdrawal_by: 'both' | PartyKey | null;
  withdrawal_date: string | null;
  withdrawal_confirmation: string | null;
  registered_date: string | null;
  refusal_date: string | null;
  refusal_reason: string | null;
  /** The latest signed record's result. */
  result: RecordResult | null;
  created_by: string;
}

export interface CasePartiesTable extends SyncedColumns {
  id: string;
  case_id: string;
  party: PartyKey;
  name: string;
  sex: Sex | null;
  document_type: DocumentType | null;
  document_number: string | null;
  birth_date: string | null;
  phone: string | null;
  education: Education | null;
  occupation: string | null;
  address: string | null;
}

/** The case tables (created by migration 0002). */
export interface CasesTables {
  cases: CasesTable;
  case_parties: CasePartiesTable;
}

export type CaseRow = Selectable<CasesTable>;
export type NewCaseRow = Insertable<CasesTable>;
export type CasePartyRow = Selectable<CasePartiesTable>;
export type NewCasePartyRow = Insertable<CasePartiesTable>;
