import { sql, type Kysely } from 'kysely';
import type { Migration } from './types';

/*
 * Issue 12 (statistics): report_snapshots — a period's statistics report as it was submitted (报送):
 * the figures, the rows behind every number (ids and office numbers only) and the SHA-256 of both, so a
 * later change of a submitted number can be shown with the cases that changed it. Desk-local (not
 * synced: the county computes its own figures). A snapshot never changes and is never removed: triggers
 * refuse any UPDATE or DELETE.
 * Frozen: do not edit after release — add a new migration instead.
 */
const STATEMENTS = [
  sql`CREATE TABLE report_snapshots (
    id TEXT PRIMARY KEY NOT NULL,
    period_from TEXT NOT NULL,
    period_to TEXT NOT NULL,
    counsellor_id TEXT REFERENCES users (id),
    submitted_at TEXT NOT NULL,
    submitted_by TEXT NOT NULL REFERENCES users (id),
    figures TEXT NOT NULL CHECK (json_valid(figures)),
    members TEXT NOT NULL CHECK (json_valid(members)),
    content_hash TEXT NOT NULL CHECK (length(content_hash) = 64),
    CHECK (period_from <= period_to)
  ) STRICT`,
  sql`CREATE INDEX report_snapshots_period ON report_snapshots (period_from, period_to, submitted_at)`,
  sql`CREATE TRIGGER report_snapshots_frozen BEFORE UPDATE ON report_snapshots
    BEGIN SELECT RAISE(ABORT, 'a submitted report never changes'); END`,
  sql`CREATE TRIGGER report_snapshots_kept BEFORE DELETE ON report_snapshots
    BEGIN SELECT RAISE(ABORT, 'a submitted report is never removed'); END`,
];

export const m0013ReportSnapshots: Migration = {
  version: 13,
  name: 'report_snapshots',
  async up(db: Kysely<unknown>): Promise<void> {
    for (const statement of STATEMENTS) await statement.execute(db);
  },
};
