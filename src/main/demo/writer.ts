import type Database from 'better-sqlite3-multiple-ciphers';
import type { Insertable } from 'kysely';
import type { DB } from '../db';

/*
 * Fast, typed inserts for the demo generator: one prepared statement per table, rows bound by position,
 * many rows per transaction (the caller's). The capture triggers of the synced tables fire on every row
 * as they do for a service's insert, so the outbox holds each generated row like any other write.
 * A row must give every column (FullRow), so a column added by a later migration is a compile error here
 * rather than a silently defaulted value.
 */

export type TableName = keyof DB;
export type FullRow<T extends TableName> = Required<Insertable<DB[T]>>;

interface Prepared {
  columns: readonly string[];
  statement: Database.Statement;
}

export class RowWriter {
  readonly #sqlite: Database.Database;
  readonly #prepared = new Map<TableName, Prepared>();
  readonly #counts = new Map<TableName, number>();

  constructor(sqlite: Database.Database) {
    this.#sqlite = sqlite;
  }

  insert<T extends TableName>(table: T, row: FullRow<T>): void {
    const values = row as Record<string, unknown>;
    let prepared = this.#prepared.get(table);
    if (!prepared) {
      const columns = Object.keys(values);
      const statement = this.#sqlite.prepare(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      );
      prepared = { columns, statement };
      this.#prepared.set(table, prepared);
    }
    const info = prepared.statement.run(...prepared.columns.map((c) => values[c]));
    if (info.changes !== 1) throw new Error(`demo insert into ${table} changed ${info.changes} rows`);
    this.#counts.set(table, (this.#counts.get(table) ?? 0) + 1);
  }

  /** Rows inserted so far, by table. */
  counts(): ReadonlyMap<TableName, number> {
    return this.#counts;
  }
}
