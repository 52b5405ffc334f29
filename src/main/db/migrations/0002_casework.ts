import { sql, type Kysely } from 'kysely';
import type { Migration } from './types';

/*
 * Issue 3: cases, their two parties, counselling records and addenda. STRICT tables; every row carries
 * the synced columns. The holiday table is a settings row ('calendar.holidays'), not a table.
 * Frozen: do not edit after release — add a new migration instead.
 */
const SYNCED = sql.raw(`created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    origin_device TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    deleted_at TEXT`);

const STATEMENTS = [
  sql`CREATE TABLE cases (
    id TEXT PRIMARY KEY NOT NULL,
    case_number TEXT NOT NULL,
    type TEXT NOT NULL CHECK (type IN ('divorce_adjustment', 'premarital', 'marital', 'family')),
    received_date TEXT NOT NULL,
    marriage_date TEXT,
    children TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(children) AND json_type(children) = 'array'),
    filing_received_date TEXT,
    receipt_number TEXT,
    reason_categories TEXT NOT NULL DEFAULT '[]'
      CHECK (json_valid(reason_categories) AND json_type(reason_categories) = 'array'),
    reason_text TEXT,
    risk_domestic_violence INTEGER NOT NULL DEFAULT 0 CHECK (risk_domestic_violence IN (0, 1)),
    risk_self_harm INTEGER NOT NULL DEFAULT 0 CHECK (risk_self_harm IN (0, 1)),
    risk_child INTEGER NOT NULL DEFAULT 0 CHECK (risk_child IN (0, 1)),
    risk_elderly INTEGER NOT NULL DEFAULT 0 CHECK (risk_elderly IN (0, 1)),
    dv_disclosed INTEGER NOT NULL DEFAULT 0 CHECK (dv_disclosed IN (0, 1)),
    consent_by TEXT CHECK (consent_by IN ('both', 'party_a', 'party_b')),
    consent_at TEXT,
    consent_method TEXT CHECK (consent_method IN ('written', 'oral_recorded', 'electronic')),
    counsellor_id TEXT NOT NULL REFERENCES users (id),
    companion_user_id TEXT REFERENCES users (id),
    companion_name TEXT,
    registration_status TEXT CHECK (registration_status IN ('accepted_cooling', 'withdrawn',
      'awaiting_certificate', 'deemed_withdrawn', 'registered', 'refused')),
    status_changed_at TEXT,
    withdrawal_deadline TEXT,
    certificate_window_start TEXT,
    certificate_window_end TEXT,
    next_deadline TEXT,
    withdrawal_by TEXT CHECK (withdrawal_by IN ('both', 'party_a', 'party_b')),
    withdrawal_date TEXT,
    withdrawal_confirmation TEXT,
    registered_date TEXT,
    refusal_date TEXT,
    refusal_reason TEXT,
    result TEXT CHECK (result IN ('reconcile', 'postpone', 'divorce')),
    created_by TEXT NOT NULL,
    ${SYNCED},
    CHECK ((consent_by IS NULL) = (consent_at IS NULL) AND (consent_at IS NULL) = (consent_method IS NULL)),
    -- a filing and its statutory timeline and status come together
    CHECK ((filing_received_date IS NULL) = (registration_status IS NULL)
      AND (filing_received_date IS NULL) = (withdrawal_deadline IS NULL)
      AND (withdrawal_deadline IS NULL) = (certificate_window_start IS NULL)
      AND (withdrawal_deadline IS NULL) = (certificate_window_end IS NULL)),
    CHECK (filing_received_date IS NULL OR type = 'divorce_adjustment')
  ) STRICT`,
  // Case numbers are per desk; the county sees several desks' numbers side by side.
  sql`CREATE UNIQUE INDEX cases_case_number ON cases (case_number, origin_device)`,
  // The sweep and the dashboard: open cases by their statutory deadlines.
  sql`CREATE INDEX cases_status_deadline ON cases (registration_status, withdrawal_deadline)`,
  sql`CREATE INDEX cases_status_certificate_end ON cases (registration_status, certificate_window_end)`,
  // The case list: a counsellor's own cases (in charge or accompanying), everybody's for a director.
  // Each ends on id (the sort's tie-break) and deleted_at, so pages need no sort step and counts no row.
  sql`CREATE INDEX cases_counsellor_received ON cases (counsellor_id, received_date, id, deleted_at)`,
  sql`CREATE INDEX cases_companion_received ON cases (companion_user_id, received_date, id, deleted_at)`,
  sql`CREATE INDEX cases_received ON cases (received_date, id, deleted_at)`,
  sql`CREATE INDEX cases_created ON cases (created_at, id)`,
  // 'deadline_asc' puts cases without a running deadline last; an expression index serves that order.
  sql`CREATE INDEX cases_next_deadline ON cases (next_deadline IS NULL, next_deadline, id)`,

  sql`CREATE TABLE case_parties (
    id TEXT PRIMARY KEY NOT NULL,
    case_id TEXT NOT NULL REFERENCES cases (id),
    party TEXT NOT NULL CHECK (party IN ('party_a', 'party_b')),
    name TEXT NOT NULL,
    sex TEXT CHECK (sex IN ('male', 'female')),
    document_type TEXT CHECK (document_type IN ('resident_id', 'passport', 'hk_macau_permit',
      'taiwan_permit', 'foreign_permanent_resident', 'other')),
    document_number TEXT,
    birth_date TEXT,
    phone TEXT,
    education TEXT CHECK (education IN ('primary', 'junior', 'senior', 'college', 'bachelor',
      'postgraduate', 'unknown')),
    occupation TEXT,
    address TEXT,
    ${SYNCED},
    UNIQUE (case_id, party)
  ) STRICT`,

  sql`CREATE TABLE counselling_records (
    id TEXT PRIMARY KEY NOT NULL,
    case_id TEXT NOT NULL REFERENCES cases (id),
    status TEXT NOT NULL CHECK (status IN ('draft', 'signed')),
    session_date TEXT,
    half_day TEXT CHECK (half_day IN ('am', 'pm')),
    channel TEXT CHECK (channel IN ('face_to_face', 'voice', 'text')),
    counsellor_ids TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(counsellor_ids)),
    volunteer_names TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(volunteer_names)),
    attendees TEXT NOT NULL CHECK (json_valid(attendees)),
    family_situation TEXT,
    interview_notes TEXT,
    intervention_assessment TEXT,
    result TEXT CHECK (result IN ('reconcile', 'postpone', 'divorce')),
    satisfaction TEXT CHECK (satisfaction IN ('satisfied', 'basic', 'dissatisfied')),
    remarks TEXT,
    created_by TEXT NOT NULL,
    signed_by TEXT,
    signed_at TEXT,
    draft_audited_at TEXT,
    ${SYNCED},
    -- a signed record has its result, date and signer
    CHECK (status = 'draft' OR (result IS NOT NULL AND session_date IS NOT NULL AND signed_by IS NOT NULL
      AND signed_at IS NOT NULL))
  ) STRICT`,
  sql`CREATE INDEX counselling_records_case ON counselling_records (case_id, session_date)`,

  sql`CREATE TABLE record_addenda (
    id TEXT PRIMARY KEY NOT NULL,
    record_id TEXT NOT NULL REFERENCES counselling_records (id),
    case_id TEXT NOT NULL REFERENCES cases (id),
    date TEXT NOT NULL,
    author_id TEXT NOT NULL,
    text TEXT NOT NULL,
    ${SYNCED}
  ) STRICT`,
  sql`CREATE INDEX record_addenda_record ON record_addenda (record_id, created_at)`,

  // A signed record is locked in the database too: only deleted_at (retention) may still change.
  sql`CREATE TRIGGER counselling_records_signed_locked BEFORE UPDATE ON counselling_records
    WHEN OLD.status = 'signed' AND (NEW.status IS NOT OLD.status OR NEW.result IS NOT OLD.result
      OR NEW.interview_notes IS NOT OLD.interview_notes
      OR NEW.intervention_assessment IS NOT OLD.intervention_assessment
      OR NEW.family_situation IS NOT OLD.family_situation OR NEW.remarks IS NOT OLD.remarks
      OR NEW.session_date IS NOT OLD.session_date OR NEW.half_day IS NOT OLD.half_day
      OR NEW.channel IS NOT OLD.channel OR NEW.counsellor_ids IS NOT OLD.counsellor_ids
      OR NEW.volunteer_names IS NOT OLD.volunteer_names OR NEW.attendees IS NOT OLD.attendees
      OR NEW.satisfaction IS NOT OLD.satisfaction)
    BEGIN SELECT RAISE(ABORT, 'counselling record is signed'); END`,
];

export const m0002Casework: Migration = {
  version: 2,
  name: 'casework',
  async up(db: Kysely<unknown>): Promise<void> {
    for (const statement of STATEMENTS) await statement.execute(db);
  },
};
