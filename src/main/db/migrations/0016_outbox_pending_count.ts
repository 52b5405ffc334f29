import { sql, type Kysely } from 'kysely';
import type { Migration } from './types';

/*
 * Issue 13 (scale): the number of changes waiting for delivery, kept instead of counted.
 *
 * Since 0015 the outbox holds exactly the pending changes, and the 同步 badge and page showed how many by
 * counting them: at 100,000 cases (about 850,000 entries before the first sync) that walk took ≈50 ms
 * every poll and ≈600 ms on the first read after the store opened, in the call queue. Now one row holds
 * the count, and two triggers keep it: +1 for every entry captured (a write, a re-baseline's snapshot),
 * −1 for every entry removed (coalescing, a re-baseline's superseded entries, a delivered batch's range).
 * Nothing else inserts or deletes outbox rows, so the row equals COUNT(*) of the outbox after every
 * statement, inside the same transaction; the CHECK refuses a count below zero (a trigger gone wrong
 * aborts the write rather than showing a wrong number).
 * (The triggers are not named outbox_…: that prefix is the capture triggers', one set per synced table.)
 * Frozen: do not edit after release — add a new migration instead.
 */
const STATEMENTS = [
  sql`CREATE TABLE outbox_pending_count (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    pending INTEGER NOT NULL CHECK (pending >= 0)
  ) STRICT`,
  sql`INSERT INTO outbox_pending_count (id, pending) SELECT 1, COUNT(*) FROM outbox`,
  sql`CREATE TRIGGER pending_count_on_capture AFTER INSERT ON outbox
    BEGIN UPDATE outbox_pending_count SET pending = pending + 1 WHERE id = 1; END`,
  sql`CREATE TRIGGER pending_count_on_removal AFTER DELETE ON outbox
    BEGIN UPDATE outbox_pending_count SET pending = pending - 1 WHERE id = 1; END`,
];

export const m0016OutboxPendingCount: Migration = {
  version: 16,
  name: 'outbox_pending_count',
  async up(db: Kysely<unknown>): Promise<void> {
    for (const statement of STATEMENTS) await statement.execute(db);
  },
};
