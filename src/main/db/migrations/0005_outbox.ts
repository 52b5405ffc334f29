import { sql, type Kysely } from 'kysely';
import type { Migration } from './types';

/*
 * Issue 4 (sync): change capture. Every write to a synced table appends one entry to `outbox` from a
 * SQLite trigger, so the entry commits or rolls back with the write itself and no code path (a service,
 * a sweep, a raw statement in a future migration) can skip it.
 *
 * - seq is AUTOINCREMENT: strictly increasing and never reused, even after delivered entries are pruned.
 *   Batches take pending entries in seq order; since foreign keys are checked at write time, a parent row
 *   is always captured before its children.
 * - payload is the whole row as a JSON object (json_object over every column), so the county applies
 *   "this row now looks like this" and never needs a diff. A delete carries the row as it was.
 * - changed_at is SQLite's clock at capture, for diagnostics only; order is seq, content times are in the
 *   payload (updated_at, from the app's clock).
 * - An update that changes no column writes nothing (the WHEN clause), so sweeps that rewrite a row with
 *   the same values do not flood the outbox.
 * - Soft deletion is an update of deleted_at; the AFTER DELETE trigger covers a hard delete should one
 *   ever happen.
 * - Rows that exist when this migration runs are captured once as 'insert', parents first.
 * - delivered_batch is NULL while pending; then the local id of the batch whose receipt came back. Pending
 *   entries cannot be deleted, and an entry cannot change except to be marked delivered once.
 *
 * Synced: every table with the synced-row columns that holds casework —
 *   users (the county's reports name counsellors, and cases refer to users; the table holds no secrets:
 *   password material lives only in keyring.json), cases, case_parties, counselling_records,
 *   record_addenda, dv_disclosures, referrals, referral_events, supervision_items.
 * Not synced:
 *   settings — device-local keys (language, idle lock, sync configuration); the office identity reaches
 *     the county through enrolment.
 *   audit_log — the desk's own tamper evidence, with free-text detail; it has no synced columns. The
 *     county is better used as an external anchor of its hash chain by receiving only (seq, hash) of the
 *     chain head with each batch (a later step), which proves truncation or rewriting without copying
 *     the log.
 *   search_docs, search_fts, search_name_initials — derived, rebuildable per desk.
 *   schema_migrations — the migrator's bookkeeping; outbox (and sqlite_sequence) — the capture itself.
 *
 * The column lists below are frozen in time, like the rest of this file. A later migration that adds a
 * column to a synced table must DROP and CREATE that table's three triggers with the new list (and a new
 * synced table needs its three triggers); tests/integration/migration-0005.test.ts fails otherwise.
 * json_object takes two arguments per column: the widest table (cases, 40 columns) stays well inside
 * SQLite's 127-argument limit.
 * Frozen: do not edit after release — add a new migration instead.
 */

/** Parents before children: the order the existing rows are captured in. */
const SYNCED_COLUMNS: readonly (readonly [table: string, columns: string])[] = [
  [
    'users',
    `id username display_name role disabled must_change_password last_login_at
      created_at updated_at origin_device version deleted_at`,
  ],
  [
    'cases',
    `id case_number type received_date marriage_date children filing_received_date receipt_number
      reason_categories reason_text risk_domestic_violence risk_self_harm risk_child risk_elderly
      dv_disclosed consent_by consent_at consent_method counsellor_id companion_user_id companion_name
      registration_status status_changed_at withdrawal_deadline certificate_window_start
      certificate_window_end next_deadline withdrawal_by withdrawal_date withdrawal_confirmation
      registered_date refusal_date refusal_reason result created_by
      created_at updated_at origin_device version deleted_at`,
  ],
  [
    'case_parties',
    `id case_id party name sex document_type document_number birth_date phone education occupation
      address created_at updated_at origin_device version deleted_at`,
  ],
  [
    'counselling_records',
    `id case_id status session_date half_day channel counsellor_ids volunteer_names attendees
      family_situation interview_notes intervention_assessment result satisfaction remarks created_by
      signed_by signed_at draft_audited_at created_at updated_at origin_device version deleted_at`,
  ],
  [
    'record_addenda',
    `id record_id case_id date author_id text created_at updated_at origin_device version deleted_at`,
  ],
  [
    'dv_disclosures',
    `id case_id disclosed_by disclosed_by_name disclosed_at recorded_by facts injuries_evidence
      risk_level victim_wishes minors_involved victim_lacks_capacity help_info_given
      warning_letter_number warning_letter_issued_at protection_order_number protection_order_issued_at
      protection_order_expires_at mandatory_report_at mandatory_report_to mandatory_report_reference
      mandatory_report_recorded_by created_at updated_at origin_device version deleted_at`,
  ],
  [
    'referrals',
    `id case_id dv_disclosure_id reference_number ref_year ref_seq target target_name subject reason
      consent_given no_consent_reason status expected_reply_date created_by
      created_at updated_at origin_device version deleted_at`,
  ],
  [
    'referral_events',
    `id referral_id status date note by_user created_at updated_at origin_device version deleted_at`,
  ],
  [
    'supervision_items',
    `id case_id kind to_user_id to_station from_user_id due_date instructions status created_by closed_by
      closed_at close_note created_at updated_at origin_device version deleted_at`,
  ],
];

const NOW = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

/** json_object('a', P.a, 'b', P.b, …) — P is NEW, OLD, or '' for a plain SELECT. */
function payload(columns: readonly string[], prefix: string): string {
  return `json_object(${columns.map((c) => `'${c}', ${prefix}${c}`).join(', ')})`;
}

function captureStatements(table: string, columns: readonly string[]) {
  const insert = (row: 'NEW' | 'OLD', op: string) => `INSERT INTO outbox
      (table_name, row_id, op, row_version, changed_at, payload)
      VALUES ('${table}', ${row}.id, '${op}', ${row}.version, ${NOW}, ${payload(columns, `${row}.`)});`;
  const changed = columns.map((c) => `NEW.${c} IS NOT OLD.${c}`).join(' OR ');
  return [
    sql.raw(`CREATE TRIGGER outbox_${table}_insert AFTER INSERT ON ${table}
    BEGIN ${insert('NEW', 'insert')} END`),
    sql.raw(`CREATE TRIGGER outbox_${table}_update AFTER UPDATE ON ${table} WHEN ${changed}
    BEGIN ${insert('NEW', 'update')} END`),
    sql.raw(`CREATE TRIGGER outbox_${table}_delete AFTER DELETE ON ${table}
    BEGIN ${insert('OLD', 'delete')} END`),
    // What already exists is captured once, in storage order.
    sql.raw(`INSERT INTO outbox (table_name, row_id, op, row_version, changed_at, payload)
    SELECT '${table}', id, 'insert', version, ${NOW}, ${payload(columns, '')} FROM ${table} ORDER BY rowid`),
  ];
}

const STATEMENTS = [
  sql`CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    table_name TEXT NOT NULL,
    row_id TEXT NOT NULL,
    op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    row_version INTEGER NOT NULL,
    changed_at TEXT NOT NULL,
    payload TEXT NOT NULL CHECK (json_valid(payload) AND json_type(payload) = 'object'),
    delivered_batch INTEGER
  ) STRICT`,
  // The next batch: pending entries in seq order, without walking the delivered ones.
  sql`CREATE INDEX outbox_pending ON outbox (seq) WHERE delivered_batch IS NULL`,

  // Nothing lost: a captured change never changes, and only a delivered one may be pruned.
  sql`CREATE TRIGGER outbox_immutable BEFORE UPDATE ON outbox
    WHEN NEW.seq IS NOT OLD.seq OR NEW.table_name IS NOT OLD.table_name OR NEW.row_id IS NOT OLD.row_id
      OR NEW.op IS NOT OLD.op OR NEW.row_version IS NOT OLD.row_version
      OR NEW.changed_at IS NOT OLD.changed_at OR NEW.payload IS NOT OLD.payload
      OR OLD.delivered_batch IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'outbox entries are immutable'); END`,
  sql`CREATE TRIGGER outbox_pending_kept BEFORE DELETE ON outbox WHEN OLD.delivered_batch IS NULL
    BEGIN SELECT RAISE(ABORT, 'a pending outbox entry cannot be removed'); END`,

  ...SYNCED_COLUMNS.flatMap(([table, columns]) => captureStatements(table, columns.trim().split(/\s+/))),
];

export const m0005Outbox: Migration = {
  version: 5,
  name: 'outbox',
  async up(db: Kysely<unknown>): Promise<void> {
    for (const statement of STATEMENTS) await statement.execute(db);
  },
};
