import { sql, type Transaction } from 'kysely';
import type { DB, Db } from '../db';
import type { Store } from '../desk';
import { chunks } from './collect.repository';
import { COLUMNS, type ArchiveRow, type ArchiveTable, type SyncedTable } from './tables';

/*
 * The import's writes, inside its one transaction. Plain INSERT and UPDATE statements on the synced
 * tables, so the capture triggers (migrations 0005, 0008) put every imported row in the outbox like any
 * other change of this desk. Multi-row inserts keep to SQLite's 32,766 variables.
 */

type Sqlite = Store['sqlite'];

const inserts = new WeakMap<Sqlite, Map<SyncedTable, ReturnType<Sqlite['prepare']>>>();

/**
 * Inserts the rows (every archived column) through one prepared statement per table, on the store's
 * connection inside the transaction the caller holds (kysely's, on the same single connection): the
 * fastest path SQLite offers, and the capture triggers fire for every row as for any insert.
 */
export function insertRows(sqlite: Sqlite, table: SyncedTable, rows: readonly ArchiveRow[]): void {
  if (rows.length === 0) return;
  if (!sqlite.inTransaction) throw new Error('archive rows are inserted inside the import transaction');
  let byTable = inserts.get(sqlite);
  if (!byTable) {
    byTable = new Map();
    inserts.set(sqlite, byTable);
  }
  const columns = COLUMNS[table];
  let statement = byTable.get(table);
  if (!statement) {
    statement = sqlite.prepare(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    );
    byTable.set(table, statement);
  }
  for (const row of rows) statement.run(columns.map((c) => row[c] ?? null));
}

/** Writes the archived row over this desk's row of the same id (every column but the id). */
export async function updateRow(trx: Transaction<DB>, table: SyncedTable, row: ArchiveRow): Promise<void> {
  const sets = sql.join(
    COLUMNS[table].filter((c) => c !== 'id').map((c) => sql`${sql.ref(c)} = ${row[c] ?? null}`),
  );
  await sql`UPDATE ${sql.table(table)} SET ${sets} WHERE id = ${row.id}`.execute(trx);
}

/** Which of `ids` exist in `table`. */
export async function existingIds(
  db: Db,
  table: ArchiveTable | 'users' | 'volunteers',
  ids: readonly string[],
) {
  const found = new Set<string>();
  for (const part of chunks(ids, 2_000)) {
    const { rows } = await sql<{
      id: string;
    }>`SELECT id FROM ${sql.table(table)} WHERE id IN (${sql.join(part)})`.execute(db);
    for (const r of rows) found.add(r.id);
  }
  return found;
}

/** Cases among `ids` that already belong to a family archive (a living link). */
export async function linkedCases(db: Db, ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunks(ids, 2_000)) {
    const rows = await db
      .selectFrom('family_cases')
      .select('case_id')
      .where('case_id', 'in', part)
      .where('deleted_at', 'is', null)
      .execute();
    for (const r of rows) found.add(r.case_id);
  }
  return found;
}

/**
 * An account the archive names and this desk lacks: kept under its id with the archive's display name and
 * role, disabled, without a key slot — it can never sign in; it only lets the imported rows name it.
 */
export async function insertPlaceholderUsers(
  trx: Transaction<DB>,
  users: readonly ArchiveRow[],
  deviceId: string,
  at: string,
): Promise<void> {
  for (const u of users) {
    await trx
      .insertInto('users')
      .values({
        id: u.id as string,
        username: `imported.${u.id as string}`,
        display_name: u.display_name as string,
        role: u.role as 'counsellor',
        disabled: 1,
        must_change_password: 0,
        last_login_at: null,
        created_at: at,
        updated_at: at,
        origin_device: deviceId,
        deleted_at: null,
      })
      .execute();
  }
}

/** A volunteer the archive names and this roster lacks: kept inactive, under the archive's name only. */
export async function insertPlaceholderVolunteers(
  trx: Transaction<DB>,
  volunteers: readonly ArchiveRow[],
  createdBy: string,
  deviceId: string,
  at: string,
): Promise<void> {
  for (const v of volunteers) {
    await trx
      .insertInto('volunteers')
      .values({
        id: v.id as string,
        name: v.name as string,
        sex: null,
        phone: null,
        profession: 'other',
        profession_other: '案卷导入',
        qualified: 0,
        pledge_signed_date: null,
        active: 0,
        inactive_reason: '由案卷导入，不在本机花名册',
        user_id: null,
        notes: null,
        created_by: createdBy,
        created_at: at,
        updated_at: at,
        origin_device: deviceId,
        deleted_at: null,
        deleted_reason: null,
      })
      .execute();
  }
}
