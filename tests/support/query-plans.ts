import { Kysely, SqliteDialect, type Compilable } from 'kysely';
import { migrateToLatest } from '../../src/main/db/migrator';
import type { DB } from '../../src/main/db/schema';
import { generateDatabaseKey } from '../../src/main/desk/keyring';
import { openEncryptedDatabase } from '../../src/main/desk/store';
import type { SessionUser } from '../../src/shared/users';
import { tempDir } from './tmp';

/* What the query-plan tests share: a real encrypted store at the latest schema, and EXPLAIN on it. */

export interface PlanStore {
  db: Kysely<DB>;
  /** The planner's steps for a query built by the services' own functions, one per line. */
  explain(query: Compilable): string;
  /** ANALYZE, so the planner decides with the seeded rows' statistics. */
  analyze(): void;
  close(): Promise<void>;
}

export async function openPlanStore(): Promise<PlanStore> {
  const tmp = tempDir();
  const sqlite = openEncryptedDatabase(tmp.dir, generateDatabaseKey(), { create: true });
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrateToLatest(db);
  return {
    db,
    // kysely's sql`` cannot bind a compiled query's parameters; run EXPLAIN on the raw handle instead.
    explain(query) {
      const compiled = query.compile();
      const rows = sqlite
        .prepare(`EXPLAIN QUERY PLAN ${compiled.sql}`)
        .all(...(compiled.parameters as unknown[])) as { detail: string }[];
      return rows.map((r) => r.detail).join('\n');
    },
    analyze: () => void sqlite.exec('ANALYZE'),
    async close() {
      await db.destroy();
      tmp.cleanup();
    },
  };
}

/** A signed-in user as the repositories see one. */
export function planUser(id: string, role: SessionUser['role']): SessionUser {
  return { id, username: `u-${id.slice(-6)}`, displayName: '用户', role, mustChangePassword: false };
}
