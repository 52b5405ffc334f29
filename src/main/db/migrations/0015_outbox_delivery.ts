import { sql, type Kysely } from 'kysely';
import type { Migration } from './types';

/*
 * Issue 13 (sync speed): delivery of a batch no longer rewrites its outbox entries.
 *
 * Until now a verified receipt set delivered_batch on every entry of the batch (an UPDATE of each ~1 KB
 * row, taking it out of two partial indexes, under the immutability trigger), and the end of the run
 * deleted the same rows again: about half of the desk's work per change. From here on delivery is recorded
 * once per batch — its sync_batches row becomes 'delivered' — and, in the same transaction, the batch's
 * entries are removed by their primary-key range. So the outbox holds exactly the pending changes, and
 * delivered_batch stays NULL (the column is kept: dropping it would rewrite the whole table).
 *
 * - Entries an older version already marked delivered (waiting for their prune) are removed here.
 * - outbox_pending (seq WHERE delivered_batch IS NULL) goes: every entry is pending, so the primary key is
 *   that index. outbox_pending_row stays (coalescing looks a row's pending entries up with it).
 * - sync_batches gets an index on last_seq: the guard below finds the one batch that could hold an entry
 *   (ranges never overlap), and "sealed through" (MAX(last_seq), asked by the coalescing trigger on every
 *   captured update and by the batcher) is read from the index.
 * - outbox_pending_kept: an entry may be removed only if it lies inside a delivered batch, or (coalescing,
 *   as in 0009) it is unsealed and a pending entry of the same row, at least as new, stays.
 * - outbox_immutable: as in 0009, and delivered_batch can no longer be set at all.
 * The seq numbering (sqlite_sequence) is untouched: seqs are never reused.
 * Frozen: do not edit after release — add a new migration instead.
 */

/** The highest outbox seq inside a sealed or delivered batch: entries above it are unsealed. */
const SEALED_THROUGH = `(SELECT COALESCE(MAX(last_seq), 0) FROM sync_batches)`;

const STATEMENTS = [
  // Under the 0009 guard, which lets delivered entries go.
  sql`DELETE FROM outbox WHERE delivered_batch IS NOT NULL`,
  sql`DROP INDEX outbox_pending`,
  sql`CREATE INDEX sync_batches_last_seq ON sync_batches (last_seq)`,

  sql`DROP TRIGGER outbox_pending_kept`,
  sql.raw(`CREATE TRIGGER outbox_pending_kept BEFORE DELETE ON outbox
    WHEN NOT EXISTS (
        SELECT 1 FROM sync_batches b
          WHERE b.last_seq >= OLD.seq AND b.first_seq <= OLD.seq AND b.status = 'delivered')
      AND NOT (OLD.seq > ${SEALED_THROUGH} AND EXISTS (
        SELECT 1 FROM outbox o WHERE o.table_name = OLD.table_name AND o.row_id = OLD.row_id
          AND o.seq <> OLD.seq AND o.delivered_batch IS NULL AND o.row_version >= OLD.row_version))
    BEGIN SELECT RAISE(ABORT, 'a pending outbox entry cannot be removed'); END`),

  sql`DROP TRIGGER outbox_immutable`,
  sql.raw(`CREATE TRIGGER outbox_immutable BEFORE UPDATE ON outbox
    WHEN NEW.seq IS NOT OLD.seq OR NEW.table_name IS NOT OLD.table_name OR NEW.row_id IS NOT OLD.row_id
      OR NEW.op IS NOT OLD.op OR NEW.delivered_batch IS NOT NULL
      OR ((NEW.row_version IS NOT OLD.row_version OR NEW.changed_at IS NOT OLD.changed_at
           OR NEW.payload IS NOT OLD.payload)
        AND NOT (OLD.op = 'insert' AND OLD.seq > ${SEALED_THROUGH}
          AND NEW.row_version >= OLD.row_version
          AND json_extract(NEW.payload, '$.id') IS OLD.row_id
          AND json_extract(NEW.payload, '$.version') IS NEW.row_version))
    BEGIN SELECT RAISE(ABORT, 'outbox entries are immutable'); END`),
];

export const m0015OutboxDelivery: Migration = {
  version: 15,
  name: 'outbox_delivery',
  async up(db: Kysely<unknown>): Promise<void> {
    for (const statement of STATEMENTS) await statement.execute(db);
  },
};
