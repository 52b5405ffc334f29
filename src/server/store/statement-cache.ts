import type Database from 'better-sqlite3-multiple-ciphers';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Distinct statements kept; the county runs a few dozen (the ingest's upsert in up to 500 sizes). */
const MAX_STATEMENTS = 600;

/**
 * The county's SQLite connection as kysely sees it, with prepared statements kept by their SQL text.
 * Kysely prepares every query afresh; for the ingest's multi-row upsert (5,000 parameters) preparing
 * cost about as much as a third of running it. A statement still stepping (a streamed query) is not
 * shared: that query gets a fresh one. SQLite re-prepares a kept statement by itself after a schema change.
 */
export function withStatementCache(sqlite: Database.Database): SqliteDatabase {
  const kept = new Map<string, Database.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string): SqliteStatement {
      const statement = kept.get(sql);
      if (statement && !statement.busy) {
        // Most recently used last, so the oldest goes first when the map is full.
        kept.delete(sql);
        kept.set(sql, statement);
        return statement;
      }
      const fresh = sqlite.prepare(sql);
      if (!statement) {
        kept.set(sql, fresh);
        if (kept.size > MAX_STATEMENTS) kept.delete(kept.keys().next().value as string);
      }
      return fresh;
    },
  };
}
