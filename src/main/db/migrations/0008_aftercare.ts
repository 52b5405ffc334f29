import { sql, type Kysely } from 'kysely';
import type { Migration } from './types';

/*
 * Issue 9 (aftercare): volunteers with their certificates, training and evaluations; family archives
 * (家庭档案) with members, help links (一果一联) and the cases they hold; follow-up plans and their visits
 * (回访); outreach events (活动) with their speakers. STRICT tables; every row carries the synced columns
 * and joins change capture here (three triggers per table, as 0005 describes), parents before children.
 * Removing a row is a soft delete that keeps the typed reason in `deleted_reason`.
 * Frozen: do not edit after release — add a new migration instead.
 */
const SYNCED = sql.raw(`created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    origin_device TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    deleted_at TEXT,
    deleted_reason TEXT,
    CHECK ((deleted_at IS NULL) = (deleted_reason IS NULL))`);
const SYNCED_COLUMNS = 'created_at updated_at origin_device version deleted_at deleted_reason';
const RESULTS = `('reconcile', 'postpone', 'divorce')`;
const CHANNELS = `('face_to_face', 'voice', 'text')`;

const TABLES: readonly (readonly [table: string, ddl: ReturnType<typeof sql>, columns: string])[] = [
  [
    'volunteers',
    sql`CREATE TABLE volunteers (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    sex TEXT CHECK (sex IN ('male', 'female')),
    phone TEXT,
    profession TEXT NOT NULL CHECK (profession IN ('judge', 'police_officer', 'lawyer',
      'psychological_counsellor', 'marriage_family_counsellor', 'marriage_registrar', 'social_worker',
      'teacher', 'other')),
    profession_other TEXT,
    qualified INTEGER NOT NULL CHECK (qualified IN (0, 1)),
    pledge_signed_date TEXT,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    inactive_reason TEXT,
    user_id TEXT REFERENCES users (id),
    notes TEXT,
    created_by TEXT NOT NULL REFERENCES users (id),
    ${SYNCED},
    CHECK (profession <> 'other' OR profession_other IS NOT NULL),
    CHECK (active = 1 OR inactive_reason IS NOT NULL)
  ) STRICT`,
    `id name sex phone profession profession_other qualified pledge_signed_date active inactive_reason
      user_id notes created_by`,
  ],
  [
    'volunteer_certificates',
    sql`CREATE TABLE volunteer_certificates (
    id TEXT PRIMARY KEY NOT NULL,
    volunteer_id TEXT NOT NULL REFERENCES volunteers (id),
    name TEXT NOT NULL,
    number TEXT NOT NULL,
    expires_on TEXT,
    ${SYNCED}
  ) STRICT`,
    'id volunteer_id name number expires_on',
  ],
  [
    'volunteer_trainings',
    sql`CREATE TABLE volunteer_trainings (
    id TEXT PRIMARY KEY NOT NULL,
    volunteer_id TEXT NOT NULL REFERENCES volunteers (id),
    date TEXT NOT NULL,
    topic TEXT NOT NULL,
    hours REAL NOT NULL CHECK (hours > 0),
    ${SYNCED}
  ) STRICT`,
    'id volunteer_id date topic hours',
  ],
  [
    'volunteer_evaluations',
    sql`CREATE TABLE volunteer_evaluations (
    id TEXT PRIMARY KEY NOT NULL,
    volunteer_id TEXT NOT NULL REFERENCES volunteers (id),
    date TEXT NOT NULL,
    score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
    evaluator TEXT NOT NULL,
    notes TEXT,
    ${SYNCED}
  ) STRICT`,
    'id volunteer_id date score evaluator notes',
  ],
  [
    'families',
    sql`CREATE TABLE families (
    id TEXT PRIMARY KEY NOT NULL,
    archive_number TEXT NOT NULL,
    archive_year INTEGER NOT NULL CHECK (archive_year BETWEEN 2000 AND 9999),
    archive_seq INTEGER NOT NULL CHECK (archive_seq >= 1),
    name TEXT NOT NULL,
    focus TEXT NOT NULL CHECK (focus IN ('marriage', 'children_elderly')),
    result TEXT CHECK (result IN ${sql.raw(RESULTS)}),
    needs TEXT,
    safety_notes TEXT,
    counsellor_id TEXT NOT NULL REFERENCES users (id),
    status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    closed_reason TEXT,
    closed_at TEXT,
    created_by TEXT NOT NULL REFERENCES users (id),
    ${SYNCED},
    CHECK ((status = 'closed') = (closed_at IS NOT NULL) AND (closed_at IS NULL) = (closed_reason IS NULL))
  ) STRICT`,
    `id archive_number archive_year archive_seq name focus result needs safety_notes counsellor_id status
      closed_reason closed_at created_by`,
  ],
  [
    'family_cases',
    sql`CREATE TABLE family_cases (
    id TEXT PRIMARY KEY NOT NULL,
    family_id TEXT NOT NULL REFERENCES families (id),
    case_id TEXT NOT NULL REFERENCES cases (id),
    linked_by TEXT NOT NULL REFERENCES users (id),
    ${SYNCED}
  ) STRICT`,
    'id family_id case_id linked_by',
  ],
  [
    'family_members',
    sql`CREATE TABLE family_members (
    id TEXT PRIMARY KEY NOT NULL,
    family_id TEXT NOT NULL REFERENCES families (id),
    kind TEXT NOT NULL CHECK (kind IN ('spouse', 'child', 'elder', 'other')),
    relation TEXT NOT NULL,
    name TEXT NOT NULL,
    birth_year INTEGER CHECK (birth_year BETWEEN 1850 AND 9999),
    situation TEXT,
    ${SYNCED}
  ) STRICT`,
    'id family_id kind relation name birth_year situation',
  ],
  [
    'family_help_links',
    sql`CREATE TABLE family_help_links (
    id TEXT PRIMARY KEY NOT NULL,
    family_id TEXT NOT NULL REFERENCES families (id),
    kind TEXT NOT NULL CHECK (kind IN ('contact', 'programme')),
    helper_name TEXT NOT NULL,
    contact TEXT,
    status TEXT NOT NULL CHECK (status IN ('linked', 'in_progress', 'completed', 'ended')),
    start_date TEXT NOT NULL,
    end_date TEXT,
    notes TEXT,
    ${SYNCED},
    CHECK (end_date IS NULL OR end_date >= start_date)
  ) STRICT`,
    'id family_id kind helper_name contact status start_date end_date notes',
  ],
  [
    'followup_plans',
    sql`CREATE TABLE followup_plans (
    id TEXT PRIMARY KEY NOT NULL,
    family_id TEXT NOT NULL REFERENCES families (id),
    case_id TEXT REFERENCES cases (id),
    result TEXT NOT NULL CHECK (result IN ${sql.raw(RESULTS)}),
    focus TEXT NOT NULL CHECK (focus IN ('marriage', 'children_elderly')),
    start_date TEXT NOT NULL,
    months TEXT NOT NULL CHECK (json_valid(months) AND json_type(months) = 'array'),
    volunteer_id TEXT REFERENCES volunteers (id),
    status TEXT NOT NULL CHECK (status IN ('active', 'paused', 'closed')),
    status_reason TEXT,
    close_cause TEXT CHECK (close_cause IN ('completed', 'by_user', 'family_closed')),
    created_by TEXT NOT NULL REFERENCES users (id),
    ${SYNCED},
    CHECK ((status = 'closed') = (close_cause IS NOT NULL))
  ) STRICT`,
    `id family_id case_id result focus start_date months volunteer_id status status_reason close_cause
      created_by`,
  ],
  [
    'followup_visits',
    sql`CREATE TABLE followup_visits (
    id TEXT PRIMARY KEY NOT NULL,
    plan_id TEXT NOT NULL REFERENCES followup_plans (id),
    family_id TEXT NOT NULL REFERENCES families (id),
    -- the family's counsellor in charge, copied so their queue is one index range
    counsellor_id TEXT NOT NULL REFERENCES users (id),
    seq INTEGER NOT NULL CHECK (seq >= 1),
    due_date TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('scheduled', 'on_hold', 'done', 'cancelled')),
    volunteer_id TEXT REFERENCES volunteers (id),
    visit_date TEXT,
    channel TEXT CHECK (channel IN ${sql.raw(CHANNELS)}),
    duration_minutes INTEGER CHECK (duration_minutes BETWEEN 1 AND 1440),
    met_whom TEXT,
    marriage_status TEXT CHECK (marriage_status IN ('stable', 'improving', 'strained', 'separated',
      'divorced')),
    children_wellbeing TEXT,
    elderly TEXT,
    problems TEXT,
    help_given TEXT,
    next_step TEXT,
    safety_concern INTEGER NOT NULL DEFAULT 0 CHECK (safety_concern IN (0, 1)),
    safety_note TEXT,
    safety_acknowledged_at TEXT,
    safety_acknowledged_by TEXT REFERENCES users (id),
    recorded_by TEXT REFERENCES users (id),
    recorded_at TEXT,
    ${SYNCED},
    CHECK ((status = 'done') = (visit_date IS NOT NULL)
      AND (visit_date IS NULL) = (channel IS NULL)
      AND (visit_date IS NULL) = (duration_minutes IS NULL)
      AND (visit_date IS NULL) = (met_whom IS NULL)
      AND (visit_date IS NULL) = (recorded_by IS NULL)
      AND (visit_date IS NULL) = (recorded_at IS NULL)),
    CHECK (safety_concern = 0 OR safety_note IS NOT NULL),
    CHECK ((safety_acknowledged_at IS NULL) = (safety_acknowledged_by IS NULL))
  ) STRICT`,
    `id plan_id family_id counsellor_id seq due_date status volunteer_id visit_date channel duration_minutes met_whom
      marriage_status children_wellbeing elderly problems help_given next_step safety_concern safety_note
      safety_acknowledged_at safety_acknowledged_by recorded_by recorded_at`,
  ],
  [
    'outreach_events',
    sql`CREATE TABLE outreach_events (
    id TEXT PRIMARY KEY NOT NULL,
    type TEXT NOT NULL CHECK (type IN ('premarital_training', 'happiness_class', 'civil_code_promotion',
      'online_course', 'other')),
    type_other TEXT,
    date TEXT NOT NULL,
    place TEXT NOT NULL,
    topic TEXT NOT NULL,
    duration_hours REAL NOT NULL CHECK (duration_hours > 0),
    attendee_count INTEGER NOT NULL CHECK (attendee_count >= 0),
    notes TEXT,
    created_by TEXT NOT NULL REFERENCES users (id),
    ${SYNCED},
    CHECK (type <> 'other' OR type_other IS NOT NULL)
  ) STRICT`,
    'id type type_other date place topic duration_hours attendee_count notes created_by',
  ],
  [
    'outreach_event_speakers',
    sql`CREATE TABLE outreach_event_speakers (
    id TEXT PRIMARY KEY NOT NULL,
    event_id TEXT NOT NULL REFERENCES outreach_events (id),
    position INTEGER NOT NULL CHECK (position >= 1),
    volunteer_id TEXT REFERENCES volunteers (id),
    name TEXT NOT NULL,
    ${SYNCED}
  ) STRICT`,
    'id event_id position volunteer_id name',
  ],
];

const INDEXES = [
  // The roster by name; a desk account belongs to at most one living profile.
  sql`CREATE INDEX volunteers_name ON volunteers (name)`,
  sql`CREATE UNIQUE INDEX volunteers_user ON volunteers (user_id)
    WHERE user_id IS NOT NULL AND deleted_at IS NULL`,
  sql`CREATE INDEX volunteer_certificates_volunteer ON volunteer_certificates (volunteer_id, expires_on)`,
  sql`CREATE INDEX volunteer_trainings_volunteer ON volunteer_trainings (volunteer_id, date)`,
  sql`CREATE INDEX volunteer_evaluations_volunteer ON volunteer_evaluations (volunteer_id, date)`,
  // Archive numbers are per desk and year, like referral references.
  sql`CREATE UNIQUE INDEX families_archive_number ON families (origin_device, archive_year, archive_seq)`,
  sql`CREATE INDEX families_status_updated ON families (status, updated_at, id)`,
  sql`CREATE INDEX families_counsellor ON families (counsellor_id, status, updated_at, id)`,
  // A case belongs to at most one family.
  sql`CREATE UNIQUE INDEX family_cases_case ON family_cases (case_id) WHERE deleted_at IS NULL`,
  sql`CREATE INDEX family_cases_family ON family_cases (family_id)`,
  sql`CREATE INDEX family_members_family ON family_members (family_id)`,
  sql`CREATE INDEX family_help_links_family ON family_help_links (family_id, start_date)`,
  sql`CREATE INDEX followup_plans_family ON followup_plans (family_id, created_at)`,
  sql`CREATE INDEX followup_plans_volunteer ON followup_plans (volunteer_id, status)`,
  // A plan never has two open visits (waiting, or on hold while the plan is paused).
  sql`CREATE UNIQUE INDEX followup_visits_one_open ON followup_visits (plan_id)
    WHERE status IN ('scheduled', 'on_hold') AND deleted_at IS NULL`,
  sql`CREATE INDEX followup_visits_plan ON followup_visits (plan_id, seq)`,
  // The queue: everyone's, a counsellor's or a volunteer's visits of a status, open ones by due date, done
  // ones by visit date. deleted_at sits in each key (not in a partial WHERE) so that a bucket's count is
  // read from the index alone, and id ends each key so a page needs no sort even among equal dates.
  sql`CREATE INDEX followup_visits_status_due ON followup_visits (status, deleted_at, due_date, id)`,
  sql`CREATE INDEX followup_visits_done ON followup_visits (status, deleted_at, visit_date, id)`,
  sql`CREATE INDEX followup_visits_counsellor ON followup_visits
    (counsellor_id, status, deleted_at, due_date, id)`,
  sql`CREATE INDEX followup_visits_volunteer ON followup_visits
    (volunteer_id, status, deleted_at, due_date, id)`,
  sql`CREATE INDEX followup_visits_counsellor_done ON followup_visits
    (counsellor_id, status, deleted_at, visit_date, id)`,
  sql`CREATE INDEX followup_visits_volunteer_done ON followup_visits
    (volunteer_id, status, deleted_at, visit_date, id)`,
  // An archive's open visit (the family list's "next visit").
  sql`CREATE INDEX followup_visits_family ON followup_visits (family_id, status)`,
  sql`CREATE INDEX followup_visits_concern ON followup_visits (family_id) WHERE safety_concern = 1
    AND safety_acknowledged_at IS NULL`,
  sql`CREATE INDEX outreach_events_date ON outreach_events (date)`,
  sql`CREATE INDEX outreach_events_type_date ON outreach_events (type, date)`,
  sql`CREATE INDEX outreach_event_speakers_event ON outreach_event_speakers (event_id, position)`,
  sql`CREATE INDEX outreach_event_speakers_volunteer ON outreach_event_speakers (volunteer_id)`,
];

const NOW = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

/** json_object('a', P.a, …) over the row's columns (P is NEW or OLD). */
function payload(columns: readonly string[], prefix: string): string {
  return `json_object(${columns.map((c) => `'${c}', ${prefix}${c}`).join(', ')})`;
}

/** The three capture triggers of 0005's design for one table (new tables hold no rows to capture yet). */
function captureTriggers(table: string, columns: readonly string[]) {
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
  ];
}

const STATEMENTS = [
  ...TABLES.map(([, ddl]) => ddl),
  ...INDEXES,
  ...TABLES.flatMap(([table, , columns]) =>
    captureTriggers(table, `${columns} ${SYNCED_COLUMNS}`.trim().split(/\s+/)),
  ),
];

export const m0008Aftercare: Migration = {
  version: 8,
  name: 'aftercare',
  async up(db: Kysely<unknown>): Promise<void> {
    for (const statement of STATEMENTS) await statement.execute(db);
  },
};
