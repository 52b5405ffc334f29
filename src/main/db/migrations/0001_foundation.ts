import { sql, type Kysely } from 'kysely';
import type { Migration } from './types';

/*
 * Issue 2: users, settings, the hash-chained audit log. STRICT tables; timestamps are ISO-8601 UTC text.
 * Frozen: do not edit after release — add a new migration instead.
 */
const STATEMENTS = [
  sql`CREATE TABLE users (
    id TEXT PRIMARY KEY NOT NULL,
    username TEXT NOT NULL COLLATE NOCASE UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'director', 'counsellor', 'volunteer')),
    disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
    last_login_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    origin_device TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    deleted_at TEXT
  ) STRICT`,

  // updated_by names a user but is deliberately not a foreign key: settings are written during setup in
  // whatever order the service chooses, and a settings row must never block anything about users.
  sql`CREATE TABLE settings (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL CHECK (json_valid(value)),
    updated_at TEXT NOT NULL,
    updated_by TEXT
  ) STRICT`,

  // No foreign keys: the audit log must outlive anything it mentions.
  sql`CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY NOT NULL CHECK (seq >= 1),
    at TEXT NOT NULL,
    actor_id TEXT,
    actor_name TEXT,
    action TEXT NOT NULL,
    target_type TEXT,
    target_id TEXT,
    detail TEXT NOT NULL CHECK (json_valid(detail) AND json_type(detail) = 'object'),
    prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
    hash TEXT NOT NULL CHECK (length(hash) = 64)
  ) STRICT`,
  sql`CREATE INDEX audit_log_at ON audit_log (at)`,
  sql`CREATE INDEX audit_log_action ON audit_log (action, seq)`,
  sql`CREATE INDEX audit_log_actor ON audit_log (actor_id, seq)`,

  // Append-only. Someone holding the key can drop these; the hash chain is what detects that.
  sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
  sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
];

export const m0001Foundation: Migration = {
  version: 1,
  name: 'foundation',
  async up(db: Kysely<unknown>): Promise<void> {
    for (const statement of STATEMENTS) await statement.execute(db);
  },
};
