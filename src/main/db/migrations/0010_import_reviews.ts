import { sql, type Kysely } from 'kysely';
import type { Migration } from './types';

/*
 * Issue 11 (case archives): import_reviews — an imported case kept beside this desk's own copy (neither
 * silently overwritten) is flagged for review (待核对) until someone marks it checked. Desk-local: no
 * synced columns, no capture triggers. Indexed by either case, for the case page.
 * Frozen: do not edit after release — add a new migration instead.
 */
const STATEMENTS = [
  sql`CREATE TABLE import_reviews (
    id TEXT PRIMARY KEY NOT NULL,
    case_id TEXT NOT NULL REFERENCES cases (id),
    other_case_id TEXT NOT NULL REFERENCES cases (id),
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL REFERENCES users (id),
    resolved_at TEXT,
    resolved_by TEXT REFERENCES users (id),
    CHECK (case_id <> other_case_id),
    CHECK ((resolved_at IS NULL) = (resolved_by IS NULL))
  ) STRICT`,
  sql`CREATE INDEX import_reviews_case ON import_reviews (case_id)`,
  sql`CREATE INDEX import_reviews_other_case ON import_reviews (other_case_id)`,
];

export const m0010ImportReviews: Migration = {
  version: 10,
  name: 'import_reviews',
  async up(db: Kysely<unknown>): Promise<void> {
    for (const statement of STATEMENTS) await statement.execute(db);
  },
};
