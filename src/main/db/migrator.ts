import { sql, type Kysely } from 'kysely';
import { DomainError } from '../../shared/errors';
import { MIGRATIONS, type Migration } from './migrations';
import type { DB } from './schema';

/*
 * Our own small migrator: kysely's Migrator runs a whole batch in one transaction, but each step must
 * commit on its own with its schema_migrations row, so a failing step rolls back only itself and the
 * steps before it stay applied.
 */

export interface MigrateOptions {
  /**
   * Called before each step that runs, with its 1-based number among the steps this run applies; the
   * event loop then turns once before the step (a poll of the sign-in's progress is answered: a step's
   * statements hold the thread until they finish).
   */
  onStep?: (step: number, steps: number) => void;
}

export async function migrateToLatest(
  db: Kysely<DB>,
  migrations: readonly Migration[] = MIGRATIONS,
  options: MigrateOptions = {},
): Promise<{ from: number; to: number }> {
  assertWellFormed(migrations);
  const supported = migrations.at(-1)?.version ?? 0;
  const from = await currentVersion(db);
  // Refuse before touching anything: an older app must not write into a newer schema.
  if (from > supported) throw new DomainError('DB_NEWER_THAN_APP', { found: from, supported });

  // Migrations are frozen in time and must not lean on today's table types, so they get an untyped view
  // of the same connection (kysely's DB parameter is invariant, hence the cast through unknown).
  const untyped = db as unknown as Kysely<unknown>;
  const pending = migrations.filter((m) => m.version > from);
  for (const [index, migration] of pending.entries()) {
    if (options.onStep) {
      options.onStep(index + 1, pending.length);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await untyped.transaction().execute(async (trx) => {
      await createBookkeeping(trx);
      await migration.up(trx);
      await sql`INSERT INTO schema_migrations (version, name, applied_at)
        VALUES (${migration.version}, ${migration.name}, ${new Date().toISOString()})`.execute(trx);
    });
  }
  return { from, to: Math.max(from, supported) };
}

/** The schema version this code migrates to (the newest migration's). */
export function latestSchemaVersion(migrations: readonly Migration[] = MIGRATIONS): number {
  return migrations.at(-1)?.version ?? 0;
}

/** Highest applied version; 0 for an empty database. */
export async function currentVersion(db: Kysely<DB>): Promise<number> {
  const table = await sql<{ n: number }>`
    SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`.execute(db);
  if (!table.rows[0]?.n) return 0;
  const row = await db
    .selectFrom('schema_migrations')
    .select((eb) => eb.fn.max('version').as('v'))
    .executeTakeFirst();
  return row?.v ?? 0;
}

/** The bookkeeping table belongs to the migrator, not to any migration; created with the first step. */
async function createBookkeeping(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`.execute(db);
}

function assertWellFormed(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration list out of order at ${m.version} (${m.name})`);
  });
}
