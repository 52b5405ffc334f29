import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, beforeEach } from 'vitest';
import { openEncryptedDatabase } from '../../src/main/desk/store';
import { uuidv7 } from '../../src/main/desk/ids';
import { generateDatabaseKey } from '../../src/main/desk/keyring';
import type { DB } from '../../src/main/db/schema';
import { tempDir } from './tmp';

/**
 * For the outbox's migration tests: a new encrypted store for each test (not migrated — the test migrates
 * it to the version it needs), closed and removed after it, and the few writes and reads those tests make.
 * Call inside a describe block.
 */
export function outboxTestStore(now: string) {
  let tmp: ReturnType<typeof tempDir>;
  let db: Kysely<DB>;
  beforeEach(() => {
    tmp = tempDir();
    db = new Kysely<DB>({
      dialect: new SqliteDialect({
        database: openEncryptedDatabase(tmp.dir, generateDatabaseKey(), { create: true }),
      }),
    });
  });
  afterEach(async () => {
    await db.destroy();
    tmp.cleanup();
  });
  return {
    /** This test's store. */
    get db(): Kysely<DB> {
      return db;
    },
    /** Every outbox entry, in seq order. */
    outbox: () =>
      db
        .selectFrom('outbox')
        .select(['seq', 'table_name', 'row_id', 'op', 'row_version', 'payload', 'delivered_batch'])
        .orderBy('seq')
        .execute(),
    /** A counsellor inserted straight into users (one captured insert); returns the id. */
    addUser: async (name: string): Promise<string> => {
      const id = uuidv7();
      await sql`INSERT INTO users (id, username, display_name, role, created_at, updated_at, origin_device)
        VALUES (${id}, ${name}, ${name}, 'counsellor', ${now}, ${now}, 'desk-1')`.execute(db);
      return id;
    },
    /** A new display name and version for a user (one captured update). */
    rename: (id: string, name: string) =>
      sql`UPDATE users SET display_name = ${name}, version = version + 1 WHERE id = ${id}`.execute(db),
  };
}
