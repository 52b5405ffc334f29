import { sql, type Kysely } from 'kysely';
import type { Migration } from './types';

/*
 * Issue 10 ("nothing lost"): draft churn and re-baselines.
 *
 * Coalescing at capture time. Autosaving a draft every few seconds used to append one outbox entry per
 * save, each the whole row: every intermediate version was kept on disk until delivered and then shipped,
 * text the counsellor had deleted included. Now an AFTER INSERT trigger on the outbox folds a new change
 * into the row's changes that are still pending and not yet inside a sealed batch ("unsealed": seq above
 * the highest last_seq of sync_batches):
 *   1. the row's unsealed 'insert' entry (if any) takes the new state (payload, version, changed_at) but
 *      keeps its seq — the row still appears at the place it was first written, before any row that
 *      refers to it;
 *   2. the row's earlier unsealed 'update' entries are removed — the new entry, at the end, carries the
 *      latest state, after every row that state refers to;
 *   3. an 'update' that lands right behind the row's unsealed insert (no entry between them) is removed
 *      too: that insert already holds the same state, in the same place.
 * Entries inside a sealed batch are never touched (the batch's bytes and count are fixed). A 'delete'
 * is always kept, so the county marks the row deleted.
 *
 * The two guards of 0005 are replaced accordingly:
 *   - outbox_immutable also lets a pending, unsealed 'insert' entry take a later state of its own row
 *     (same seq, table, id, op; a version no lower; the payload's id and version are the entry's);
 *   - outbox_pending_kept lets a pending entry go only while it is unsealed and another pending entry of
 *     the same row, at least as new, stays — so the outbox always holds the latest state of every row
 *     that has pending changes.
 *
 * Tombstones. A re-baseline (src/main/sync/rebaseline.ts) sends every row the desk has; a row it removed
 * for good (hard DELETE) is not among them, yet a county restored from a backup may still hold it live.
 * sync_tombstones keeps, for every hard-deleted synced row, only its table, id and last version (no
 * content), so the snapshot can say "deleted" again. Filled by a trigger on the outbox's delete entries,
 * and here from the delete entries the outbox still holds (older ones are gone with their prune; the desk
 * never hard-deletes synced rows in its services, so in practice there are none).
 * Frozen: do not edit after release — add a new migration instead.
 */

/** The highest outbox seq inside a sealed or delivered batch: entries above it are unsealed. */
const SEALED_THROUGH = `(SELECT COALESCE(MAX(last_seq), 0) FROM sync_batches)`;

const STATEMENTS = [
  // The coalescing trigger and the guard look up a row's pending entries on every captured update.
  sql`CREATE INDEX outbox_pending_row ON outbox (table_name, row_id) WHERE delivered_batch IS NULL`,
  sql`CREATE TABLE sync_tombstones (
    table_name TEXT NOT NULL,
    row_id TEXT NOT NULL,
    row_version INTEGER NOT NULL,
    deleted_at TEXT NOT NULL,
    PRIMARY KEY (table_name, row_id)
  ) STRICT`,
  sql`INSERT OR REPLACE INTO sync_tombstones (table_name, row_id, row_version, deleted_at)
    SELECT table_name, row_id, row_version, changed_at FROM outbox WHERE op = 'delete' ORDER BY seq`,
  sql`CREATE TRIGGER sync_tombstones_kept BEFORE DELETE ON sync_tombstones
    BEGIN SELECT RAISE(ABORT, 'a tombstone cannot be removed'); END`,
  sql`CREATE TRIGGER record_tombstone AFTER INSERT ON outbox WHEN NEW.op = 'delete'
    BEGIN
      INSERT OR IGNORE INTO sync_tombstones (table_name, row_id, row_version, deleted_at)
        VALUES (NEW.table_name, NEW.row_id, NEW.row_version, NEW.changed_at);
    END`,

  sql`DROP TRIGGER outbox_immutable`,
  sql.raw(`CREATE TRIGGER outbox_immutable BEFORE UPDATE ON outbox
    WHEN NEW.seq IS NOT OLD.seq OR NEW.table_name IS NOT OLD.table_name OR NEW.row_id IS NOT OLD.row_id
      OR NEW.op IS NOT OLD.op OR OLD.delivered_batch IS NOT NULL
      OR ((NEW.row_version IS NOT OLD.row_version OR NEW.changed_at IS NOT OLD.changed_at
           OR NEW.payload IS NOT OLD.payload)
        AND NOT (OLD.op = 'insert' AND NEW.delivered_batch IS NULL AND OLD.seq > ${SEALED_THROUGH}
          AND NEW.row_version >= OLD.row_version
          AND json_extract(NEW.payload, '$.id') IS OLD.row_id
          AND json_extract(NEW.payload, '$.version') IS NEW.row_version))
    BEGIN SELECT RAISE(ABORT, 'outbox entries are immutable'); END`),

  sql`DROP TRIGGER outbox_pending_kept`,
  sql.raw(`CREATE TRIGGER outbox_pending_kept BEFORE DELETE ON outbox
    WHEN OLD.delivered_batch IS NULL AND NOT (OLD.seq > ${SEALED_THROUGH} AND EXISTS (
      SELECT 1 FROM outbox o WHERE o.table_name = OLD.table_name AND o.row_id = OLD.row_id
        AND o.seq <> OLD.seq AND o.delivered_batch IS NULL AND o.row_version >= OLD.row_version))
    BEGIN SELECT RAISE(ABORT, 'a pending outbox entry cannot be removed'); END`),

  sql.raw(`CREATE TRIGGER coalesce_pending_changes AFTER INSERT ON outbox
    WHEN NEW.op IN ('update', 'delete')
    BEGIN
      UPDATE outbox SET row_version = NEW.row_version, changed_at = NEW.changed_at, payload = NEW.payload
        WHERE table_name = NEW.table_name AND row_id = NEW.row_id AND op = 'insert'
          AND delivered_batch IS NULL AND seq < NEW.seq AND seq > ${SEALED_THROUGH};
      DELETE FROM outbox
        WHERE table_name = NEW.table_name AND row_id = NEW.row_id AND op = 'update'
          AND delivered_batch IS NULL AND seq < NEW.seq AND seq > ${SEALED_THROUGH};
      DELETE FROM outbox
        WHERE seq = NEW.seq AND NEW.op = 'update' AND EXISTS (
          SELECT 1 FROM outbox i
            WHERE i.table_name = NEW.table_name AND i.row_id = NEW.row_id AND i.op = 'insert'
              AND i.delivered_batch IS NULL AND i.seq > ${SEALED_THROUGH}
              AND i.seq = (SELECT MAX(seq) FROM outbox WHERE seq < NEW.seq));
    END`),
];

export const m0009OutboxCoalesce: Migration = {
  version: 9,
  name: 'outbox_coalesce',
  async up(db: Kysely<unknown>): Promise<void> {
    for (const statement of STATEMENTS) await statement.execute(db);
  },
};
