import { sql, type Kysely } from 'kysely';
import type { Migration } from './types';

/*
 * Issue 3 (protection): domestic-violence disclosures (kept apart from ordinary notes, never indexed for
 * search), referrals with their closed-loop events, supervision items (交办 / 转办 / 督办). STRICT tables;
 * every row carries the synced columns. Frozen: do not edit after release — add a new migration instead.
 */
const SYNCED = sql.raw(`created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    origin_device TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    deleted_at TEXT`);

const STATEMENTS = [
  sql`CREATE TABLE dv_disclosures (
    id TEXT PRIMARY KEY NOT NULL,
    case_id TEXT NOT NULL REFERENCES cases (id),
    disclosed_by TEXT NOT NULL CHECK (disclosed_by IN ('party_a', 'party_b', 'child', 'other')),
    disclosed_by_name TEXT,
    disclosed_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL REFERENCES users (id),
    facts TEXT NOT NULL,
    injuries_evidence TEXT,
    risk_level TEXT NOT NULL CHECK (risk_level IN ('low', 'medium', 'high', 'severe')),
    victim_wishes TEXT,
    minors_involved INTEGER NOT NULL DEFAULT 0 CHECK (minors_involved IN (0, 1)),
    victim_lacks_capacity INTEGER NOT NULL DEFAULT 0 CHECK (victim_lacks_capacity IN (0, 1)),
    help_info_given INTEGER NOT NULL DEFAULT 0 CHECK (help_info_given IN (0, 1)),
    warning_letter_number TEXT,
    warning_letter_issued_at TEXT,
    protection_order_number TEXT,
    protection_order_issued_at TEXT,
    protection_order_expires_at TEXT,
    mandatory_report_at TEXT,
    mandatory_report_to TEXT,
    mandatory_report_reference TEXT,
    mandatory_report_recorded_by TEXT REFERENCES users (id),
    ${SYNCED},
    CHECK (disclosed_by <> 'other' OR disclosed_by_name IS NOT NULL),
    CHECK ((warning_letter_number IS NULL) = (warning_letter_issued_at IS NULL)),
    CHECK ((protection_order_number IS NULL) = (protection_order_issued_at IS NULL)
      AND (protection_order_number IS NULL) = (protection_order_expires_at IS NULL)),
    CHECK (protection_order_expires_at IS NULL OR protection_order_expires_at >= protection_order_issued_at),
    CHECK ((mandatory_report_at IS NULL) = (mandatory_report_to IS NULL)
      AND (mandatory_report_at IS NULL) = (mandatory_report_recorded_by IS NULL))
  ) STRICT`,
  sql`CREATE INDEX dv_disclosures_case ON dv_disclosures (case_id, disclosed_at)`,

  sql`CREATE TABLE referrals (
    id TEXT PRIMARY KEY NOT NULL,
    case_id TEXT NOT NULL REFERENCES cases (id),
    dv_disclosure_id TEXT REFERENCES dv_disclosures (id),
    reference_number TEXT NOT NULL,
    ref_year INTEGER NOT NULL CHECK (ref_year BETWEEN 2000 AND 9999),
    ref_seq INTEGER NOT NULL CHECK (ref_seq BETWEEN 1 AND 99999),
    target TEXT NOT NULL CHECK (target IN ('police', 'court', 'legal_aid', 'psychological',
      'womens_federation', 'hotline_12338', 'shelter', 'other')),
    target_name TEXT,
    subject TEXT NOT NULL CHECK (subject IN ('party_a', 'party_b', 'both')),
    reason TEXT NOT NULL,
    consent_given INTEGER NOT NULL CHECK (consent_given IN (0, 1)),
    no_consent_reason TEXT,
    status TEXT NOT NULL CHECK (status IN ('created', 'sent', 'accepted', 'rejected', 'done')),
    expected_reply_date TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users (id),
    ${SYNCED},
    -- a referral without consent carries its reason (audited by the service)
    CHECK (consent_given = 1 OR no_consent_reason IS NOT NULL)
  ) STRICT`,
  // Reference numbers are per desk and year; the county sees several desks' numbers side by side.
  sql`CREATE UNIQUE INDEX referrals_reference ON referrals (origin_device, ref_year, ref_seq)`,
  sql`CREATE INDEX referrals_case ON referrals (case_id, created_at)`,
  // Overdue referrals (dashboard, list): still waiting past the expected reply date.
  sql`CREATE INDEX referrals_status_reply ON referrals (status, expected_reply_date)`,
  sql`CREATE INDEX referrals_created ON referrals (created_at)`,

  sql`CREATE TABLE referral_events (
    id TEXT PRIMARY KEY NOT NULL,
    referral_id TEXT NOT NULL REFERENCES referrals (id),
    status TEXT NOT NULL CHECK (status IN ('created', 'sent', 'accepted', 'rejected', 'done')),
    date TEXT NOT NULL,
    note TEXT,
    by_user TEXT NOT NULL REFERENCES users (id),
    ${SYNCED}
  ) STRICT`,
  sql`CREATE INDEX referral_events_referral ON referral_events (referral_id, created_at)`,

  sql`CREATE TABLE supervision_items (
    id TEXT PRIMARY KEY NOT NULL,
    case_id TEXT NOT NULL REFERENCES cases (id),
    kind TEXT NOT NULL CHECK (kind IN ('assign', 'transfer', 'supervise')),
    to_user_id TEXT REFERENCES users (id),
    to_station TEXT,
    from_user_id TEXT REFERENCES users (id),
    due_date TEXT,
    instructions TEXT,
    status TEXT NOT NULL CHECK (status IN ('open', 'done', 'cancelled')),
    created_by TEXT NOT NULL REFERENCES users (id),
    closed_by TEXT REFERENCES users (id),
    closed_at TEXT,
    close_note TEXT,
    ${SYNCED},
    CHECK (kind <> 'assign' OR to_user_id IS NOT NULL),
    CHECK (kind = 'transfer' OR to_station IS NULL),
    CHECK (kind <> 'transfer' OR (to_user_id IS NULL) <> (to_station IS NULL)),
    CHECK (kind <> 'supervise' OR due_date IS NOT NULL),
    CHECK ((status = 'open') = (closed_at IS NULL) AND (closed_at IS NULL) = (closed_by IS NULL))
  ) STRICT`,
  // Directors: every open item by due date; counsellors: the open items addressed to them.
  sql`CREATE INDEX supervision_items_status_due ON supervision_items (status, due_date)`,
  sql`CREATE INDEX supervision_items_to_user ON supervision_items (to_user_id, status, due_date)`,
  sql`CREATE INDEX supervision_items_case ON supervision_items (case_id, created_at)`,

  // The dashboard's "today's sessions" across all visible cases (0002 indexes records by case only).
  sql`CREATE INDEX IF NOT EXISTS counselling_records_session_date ON counselling_records (session_date)`,
];

export const m0003Protection: Migration = {
  version: 3,
  name: 'protection',
  async up(db: Kysely<unknown>): Promise<void> {
    for (const statement of STATEMENTS) await statement.execute(db);
  },
};
