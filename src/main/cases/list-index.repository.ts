import type Database from 'better-sqlite3-multiple-ciphers';
import { sql } from 'kysely';
import type { Db } from '../db';
import type { Store } from '../desk';
import type { CaseRow } from './cases.table';
import type { CaseListKey } from './list-index';

/*
 * The store's side of the case list's in-memory keys (list-index.ts): reading the keys, and a change log
 * that tells which cases changed since the keys were last read. The log is TEMPORARY — a temp table and
 * three temp triggers on this connection only, never in desk.db, a backup or a sync batch — so every
 * write to `cases` on the desk's one connection is logged, whichever module makes it, and commits or rolls
 * back with it.
 */

const KEY_COLUMNS = [
  'id',
  'type',
  'registration_status',
  'counsellor_id',
  'companion_user_id',
  'received_date',
  'next_deadline',
  'created_at',
  'case_number',
  'origin_device',
  'risk_domestic_violence',
  'dv_disclosed',
  'risk_self_harm',
  'risk_child',
  'risk_elderly',
] as const satisfies readonly (keyof CaseListKey)[];

const LOG_TRIGGERS = ['case_list_insert', 'case_list_update', 'case_list_delete'] as const;

/** Whether this connection's change log is in place (temp objects vanish with a rolled-back creation). */
export async function changeLogInstalled(db: Db): Promise<boolean> {
  const row = await sql<{ n: number }>`SELECT count(*) AS n FROM temp.sqlite_master
    WHERE type = 'trigger' AND name IN (${sql.join(LOG_TRIGGERS)})`.execute(db);
  return Number(row.rows[0]?.n ?? 0) === LOG_TRIGGERS.length;
}

/**
 * Creates the change log on this connection (idempotent). Its sequence only grows (AUTOINCREMENT: an
 * emptied log does not start again at 1), so "changes after n" never misses one.
 */
export async function installChangeLog(db: Db): Promise<void> {
  const columns = sql.raw([...KEY_COLUMNS, 'deleted_at'].join(', '));
  await sql`CREATE TEMP TABLE IF NOT EXISTS case_list_changes
    (seq INTEGER PRIMARY KEY AUTOINCREMENT, case_id TEXT NOT NULL)`.execute(db);
  await sql`CREATE TEMP TRIGGER IF NOT EXISTS case_list_insert AFTER INSERT ON main.cases
    BEGIN INSERT INTO case_list_changes (case_id) VALUES (NEW.id); END`.execute(db);
  await sql`CREATE TEMP TRIGGER IF NOT EXISTS case_list_update AFTER UPDATE OF ${columns} ON main.cases
    BEGIN INSERT INTO case_list_changes (case_id) VALUES (OLD.id), (NEW.id); END`.execute(db);
  await sql`CREATE TEMP TRIGGER IF NOT EXISTS case_list_delete AFTER DELETE ON main.cases
    BEGIN INSERT INTO case_list_changes (case_id) VALUES (OLD.id); END`.execute(db);
}

/** The newest change's number (0: none yet). */
export async function lastChange(db: Db): Promise<number> {
  const row = await sql<{ n: number | null }>`SELECT max(seq) AS n FROM temp.case_list_changes`.execute(db);
  return Number(row.rows[0]?.n ?? 0);
}

/** How many changes were logged after change `seen`. */
export async function changesSince(db: Db, seen: number): Promise<number> {
  const row = await sql<{ n: number }>`SELECT count(*) AS n FROM temp.case_list_changes
    WHERE seq > ${seen}`.execute(db);
  return Number(row.rows[0]?.n ?? 0);
}

/** The cases changed after change `seen`, and the newest change's number. */
export async function changedCasesSince(db: Db, seen: number): Promise<{ ids: string[]; last: number }> {
  const rows = await sql<{ seq: number; case_id: string }>`SELECT seq, case_id
    FROM temp.case_list_changes WHERE seq > ${seen} ORDER BY seq`.execute(db);
  return {
    ids: [...new Set(rows.rows.map((r) => r.case_id))],
    last: rows.rows.at(-1)?.seq ?? seen,
  };
}

/** Drops the changes up to `seen` (already applied). */
export async function forgetChanges(db: Db, seen: number): Promise<void> {
  await sql`DELETE FROM temp.case_list_changes WHERE seq <= ${seen}`.execute(db);
}

/** The store a case list index belongs to: its connection's handle, for the raw read of the keys. */
export type CaseListStore = Pick<Store, 'sqlite'>;

/**
 * The keys of up to `limit` cases not deleted, in id order after id `after` ('' from the start), and the
 * last id read — a load in chunks, each its own short read of the covering index cases_list (migration
 * 0014). A case written between chunks is in the change log, which the index applies once loaded.
 *
 * The query is listKeysAfterQuery's, run on the store's handle in raw mode (each row an array, made into
 * an object here): the binding's own row objects cost ≈ 320 ms for 100,000 keys, arrays ≈ 185 ms
 * (100,000-case demo desk). It holds the connection as a query through `db` would: within the call's
 * transaction when `db` is one, else through db.connection(), which waits for any transaction in progress
 * — so the read never sees a write that has not committed.
 */
export async function listKeysAfter(
  db: Db,
  store: CaseListStore,
  after: string,
  limit: number,
): Promise<{ keys: CaseListKey[]; last: string | null }> {
  const query = listKeysAfterQuery(db, after, limit).compile();
  const read = () =>
    rawStatement(store.sqlite, query.sql)
      .all(...(query.parameters as unknown[]))
      .map(keyOfRow);
  const keys = db.isTransaction ? read() : await db.connection().execute(() => Promise.resolve(read()));
  return { keys, last: keys.at(-1)?.id ?? null };
}

type RawStatement = Database.Statement<unknown[], unknown[]>;

const rawStatements = new WeakMap<Database.Database, Map<string, RawStatement>>();

/** The handle's prepared statement of `text`, returning rows as arrays (prepared once per connection). */
function rawStatement(sqlite: Database.Database, text: string): RawStatement {
  let prepared = rawStatements.get(sqlite);
  if (!prepared) rawStatements.set(sqlite, (prepared = new Map<string, RawStatement>()));
  let statement = prepared.get(text);
  if (!statement) {
    statement = sqlite.prepare<unknown[], unknown[]>(text).raw(true);
    prepared.set(text, statement);
  }
  return statement;
}

/** A raw row of listKeysAfterQuery, its columns in KEY_COLUMNS order, as a key. */
function keyOfRow(row: unknown[]): CaseListKey {
  return {
    id: row[0] as CaseListKey['id'],
    type: row[1] as CaseListKey['type'],
    registration_status: row[2] as CaseListKey['registration_status'],
    counsellor_id: row[3] as CaseListKey['counsellor_id'],
    companion_user_id: row[4] as CaseListKey['companion_user_id'],
    received_date: row[5] as CaseListKey['received_date'],
    next_deadline: row[6] as CaseListKey['next_deadline'],
    created_at: row[7] as CaseListKey['created_at'],
    case_number: row[8] as CaseListKey['case_number'],
    origin_device: row[9] as CaseListKey['origin_device'],
    risk_domestic_violence: row[10] as number,
    dv_disclosed: row[11] as number,
    risk_self_harm: row[12] as number,
    risk_child: row[13] as number,
    risk_elderly: row[14] as number,
  };
}

export function listKeysAfterQuery(db: Db, after: string, limit: number) {
  return db
    .selectFrom('cases')
    .select(KEY_COLUMNS)
    .where('id', '>', after)
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .limit(limit);
}

/** The keys of the given cases that exist and are not deleted. */
export async function listKeysOf(db: Db, ids: readonly string[]): Promise<CaseListKey[]> {
  const keys: CaseListKey[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    keys.push(
      ...(await db
        .selectFrom('cases')
        .select(KEY_COLUMNS)
        .where('id', 'in', chunk)
        .where('deleted_at', 'is', null)
        .execute()),
    );
  }
  return keys;
}

/** The case columns a list row shows (with the keys, covered by the index cases_list, migration 0014). */
export const LIST_ROW_COLUMNS = [
  ...KEY_COLUMNS,
  'withdrawal_deadline',
  'certificate_window_end',
  'result',
] as const satisfies readonly (keyof CaseRow)[];

export type ListCaseRow = Pick<CaseRow, (typeof LIST_ROW_COLUMNS)[number]>;

/** The list rows of the given cases, in the order given: an index-only read. */
export async function casesInOrder(db: Db, ids: readonly string[]): Promise<ListCaseRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await casesInOrderQuery(ids).execute(db);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is ListCaseRow => r !== undefined);
}

/**
 * Named (INDEXED BY): for `id IN (…)` SQLite would otherwise take the primary key's own index and then
 * read each wide row from the table.
 */
export function casesInOrderQuery(ids: readonly string[]) {
  const columns = sql.join(LIST_ROW_COLUMNS.map((c) => sql.ref(c)));
  return sql<ListCaseRow>`SELECT ${columns} FROM cases INDEXED BY cases_list
    WHERE id IN (${sql.join(ids)})`;
}
