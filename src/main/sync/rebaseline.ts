import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db';
import { appendAudit } from '../audit';
import { forceNewEpoch } from './epoch';
import { SYNCED_TABLES } from './sync.table';

/*
 * Re-baseline (docs/sync-format.md § Re-baseline). The county answered that it lacks batches it had
 * receipted — 422 SEQUENCE_GAP (a restored county, or one that lost its last commits; also its answer
 * for an epoch it has never seen, whose first batch is not seq 1), or CHAIN_BROKEN. This desk's delivered
 * changes were pruned, so they cannot be sent again; instead, in ONE transaction:
 *   1. a new epoch starts (epoch.ts: mark + 1, seq 1, zero prev; sealed-but-undelivered batches dropped,
 *      their changes pending again);
 *   2. the snapshot is appended to the outbox: every row of every synced table, parents first
 *      (SYNCED_TABLES order, then storage order), soft-deleted rows included, each an 'insert' carrying
 *      the whole row at its current version — the same form as migration 0005's first capture — and then
 *      a 'delete' for every tombstone (a row removed for good: only its id and last version);
 *   3. pending changes before the snapshot that the snapshot supersedes (same row, at least as new) are
 *      removed.
 * The ordinary batcher then seals the snapshot in the new epoch within the usual count and byte limits,
 * and normal changes follow. The snapshot is written by INSERT … SELECT inside SQLite, so no row passes
 * through JavaScript; a crash before the commit leaves the old epoch untouched, after it the snapshot is
 * simply pending. The county applies the new epoch and supersedes the old one (ingest), so it converges to
 * exactly this desk's rows.
 */

export interface RebaselineResult {
  epoch: number;
  previousEpoch: number;
  /** Snapshot entries appended: live rows plus tombstones. */
  rows: number;
  tombstones: number;
}

/** Why the county lacks our batches: the SYNC_REJECTED reasons that start a re-baseline. */
export const COUNTY_LOST_DATA_REASONS: ReadonlySet<string> = new Set([
  'SEQUENCE_GAP',
  'UNKNOWN_EPOCH',
  'CHAIN_BROKEN',
]);

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** json_object over every column of `table`, as the capture triggers build a payload. */
async function rowPayloadSql(trx: Transaction<DB>, table: string): Promise<string> {
  const columns = (
    await sql<{ name: string }>`SELECT name FROM pragma_table_info(${table}) ORDER BY cid`.execute(trx)
  ).rows.map((c) => c.name);
  if (columns.length === 0) throw new Error(`synced table without columns: ${table}`);
  return `json_object(${columns.map((c) => `'${c.replaceAll("'", "''")}', ${quoteIdentifier(c)}`).join(', ')})`;
}

/** The outbox seq the snapshot starts after (AUTOINCREMENT: every new entry gets a larger one). */
async function lastHandedOutSeq(trx: Transaction<DB>): Promise<number> {
  const row = (await sql<{ seq: number }>`SELECT seq FROM sqlite_sequence WHERE name = 'outbox'`.execute(trx))
    .rows[0];
  return Number(row?.seq ?? 0);
}

/** Steps 2 and 3 of the file comment, inside the new epoch's transaction; returns the entry counts. */
export async function appendSnapshot(
  trx: Transaction<DB>,
  now: Date,
): Promise<{ rows: number; tombstones: number }> {
  const at = now.toISOString();
  const before = await lastHandedOutSeq(trx);
  let rows = 0;
  for (const table of SYNCED_TABLES) {
    const payload = await rowPayloadSql(trx, table);
    const result = await sql`INSERT INTO outbox (table_name, row_id, op, row_version, changed_at, payload)
      SELECT ${table}, id, 'insert', version, ${at}, ${sql.raw(payload)}
      FROM ${sql.table(table)} ORDER BY rowid`.execute(trx);
    rows += Number(result.numAffectedRows ?? 0);
  }
  const tombstones = await sql`INSERT INTO outbox (table_name, row_id, op, row_version, changed_at, payload)
    SELECT table_name, row_id, 'delete', row_version, ${at}, json_object('id', row_id, 'version', row_version)
    FROM sync_tombstones ORDER BY deleted_at, table_name, row_id`.execute(trx);
  // What the snapshot supersedes: the outbox guard lets a pending entry go only while a pending entry of
  // the same row, at least as new, stays — which the condition below checks first.
  await sql`DELETE FROM outbox
    WHERE delivered_batch IS NULL AND seq <= ${before} AND EXISTS (
      SELECT 1 FROM outbox AS s WHERE s.seq > ${before} AND s.table_name = outbox.table_name
        AND s.row_id = outbox.row_id AND s.row_version >= outbox.row_version)`.execute(trx);
  return { rows, tombstones: Number(tombstones.numAffectedRows ?? 0) };
}

/**
 * Starts a new epoch carrying a full snapshot (see the file comment); `cause` is the county's reason
 * code, kept in the audit entry.
 */
export async function rebaseline(
  db: Kysely<DB>,
  dataDir: string,
  now: Date,
  cause: string,
  epochReason: 'county_lost_data' | 'restored' = 'county_lost_data',
): Promise<RebaselineResult> {
  const result: RebaselineResult = { epoch: 0, previousEpoch: 0, rows: 0, tombstones: 0 };
  await forceNewEpoch(db, dataDir, now, epochReason, async (trx, check) => {
    const snapshot = await appendSnapshot(trx, now);
    Object.assign(result, { epoch: check.epoch, previousEpoch: check.previousEpoch }, snapshot);
    await appendAudit(
      trx,
      {
        actorId: null,
        actorName: null,
        action: 'sync.rebaselined',
        targetType: 'sync',
        detail: { epoch: check.epoch, reason: cause, rows: snapshot.rows, count: snapshot.tombstones },
      },
      now,
    );
  });
  return result;
}

/**
 * After the desk was restored from a backup (src/main/backup): a new epoch carrying a full snapshot, so
 * the county ends holding exactly the restored rows (the restore has already given every row it took
 * back a version above the county's and a tombstone to every row it removed). Null when this desk was
 * never enrolled: it has no epoch, and its first batches will carry everything anyway.
 */
export async function rebaselineAfterRestore(
  db: Kysely<DB>,
  dataDir: string,
  now: Date,
): Promise<RebaselineResult | null> {
  const state = await db.selectFrom('sync_state').select('id').where('id', '=', 1).executeTakeFirst();
  if (!state) return null;
  return rebaseline(db, dataDir, now, 'RESTORED', 'restored');
}
