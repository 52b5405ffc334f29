import { sql, type Kysely } from 'kysely';
import { SYNCED_TABLE_NAMES } from '../../shared/sync';
import type { DB } from '../db';

/*
 * A restore is a change like any other for the county, which never takes a row back to a lower version
 * (docs/sync-format.md "Versions"). So before the restored store replaces the current one, it is
 * compared with it (attached read-only by path, under its own key), and:
 *   - a row the current store holds at a higher version — changed after the backup — gets version
 *     (current version + 1), its content the backup's; likewise a row the current store removed for
 *     good at or above the backup's version (its tombstone);
 *   - a row the current store holds that the backup does not — created after the backup — gets a
 *     tombstone at its current version, as if it had been removed for good here;
 *   - the current store's tombstones of rows the backup does not hold are carried over.
 * The re-baseline that follows (sync/rebaseline.ts) then sends every row and tombstone in a new epoch,
 * and the county ends holding exactly the restored rows. Only when both stores are the same desk (same
 * device id): a backup of another desk has nothing in common with this one's sync history.
 */

export interface RestoreChanges {
  /** Rows the restore took back to their backup state (their version raised above the county's). */
  reverted: number;
  /** Rows created after the backup, now removed (tombstones). */
  removed: number;
}

function quoted(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Runs on `restored` (the staged store) with the current store attached as `cur`; see the file comment. */
export async function markRestoreChanges(
  restored: Kysely<DB>,
  current: { path: string; dbKey: Buffer },
  now: Date,
): Promise<RestoreChanges> {
  const changes: RestoreChanges = { reverted: 0, removed: 0 };
  // One connection: ATTACH, the writes and DETACH on the same handle, the writes in one transaction.
  await restored.connection().execute(async (conn) => {
    await sql`ATTACH DATABASE ${current.path} AS cur KEY ${`x'${current.dbKey.toString('hex')}'`}`.execute(
      conn,
    );
    try {
      await conn.transaction().execute(async (trx) => {
        const at = now.toISOString();
        for (const table of SYNCED_TABLE_NAMES) {
          const t = sql.raw(quoted(table));
          const reverted = await sql`UPDATE main.${t} SET version = 1 + max(version,
              coalesce((SELECT c.version FROM cur.${t} AS c WHERE c.id = ${t}.id), 0),
              coalesce((SELECT s.row_version FROM cur.sync_tombstones AS s
                        WHERE s.table_name = ${table} AND s.row_id = ${t}.id), 0))
            WHERE EXISTS (SELECT 1 FROM cur.${t} AS c WHERE c.id = ${t}.id AND c.version > ${t}.version)
               OR EXISTS (SELECT 1 FROM cur.sync_tombstones AS s WHERE s.table_name = ${table}
                          AND s.row_id = ${t}.id AND s.row_version >= ${t}.version)`.execute(trx);
          changes.reverted += Number(reverted.numAffectedRows ?? 0);
          const removed =
            await sql`INSERT INTO main.sync_tombstones (table_name, row_id, row_version, deleted_at)
            SELECT ${table}, c.id, c.version, ${at} FROM cur.${t} AS c
            WHERE NOT EXISTS (SELECT 1 FROM main.${t} AS m WHERE m.id = c.id)
            ON CONFLICT (table_name, row_id) DO UPDATE SET row_version = max(row_version, excluded.row_version)`.execute(
              trx,
            );
          changes.removed += Number(removed.numAffectedRows ?? 0);
          await sql`INSERT INTO main.sync_tombstones (table_name, row_id, row_version, deleted_at)
            SELECT s.table_name, s.row_id, s.row_version, s.deleted_at FROM cur.sync_tombstones AS s
            WHERE s.table_name = ${table} AND NOT EXISTS (SELECT 1 FROM main.${t} AS m WHERE m.id = s.row_id)
            ON CONFLICT (table_name, row_id) DO UPDATE SET row_version = max(row_version, excluded.row_version)`.execute(
            trx,
          );
        }
      });
    } finally {
      await sql`DETACH DATABASE cur`.execute(conn);
    }
  });
  return changes;
}
