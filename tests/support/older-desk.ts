import { sql, Kysely, SqliteDialect } from 'kysely';
import { MIGRATIONS } from '../../src/main/db/migrations';
import { migrateToLatest } from '../../src/main/db/migrator';
import type { DB } from '../../src/main/db/schema';
import { createKeyring, generateDatabaseKey } from '../../src/main/desk/keyring';
import { openEncryptedDatabase } from '../../src/main/desk/store';
import { SETUP_INPUT } from './desk-fixture';

/** The administrator of an older desk: the keyring's slot and the users row agree. */
export const OLDER_ADMIN = {
  id: '0190a000-0000-7000-8000-000000000001',
  username: 'admin',
  password: 'older desk pass 1',
} as const;

/**
 * Makes `dataDir` a set-up desk whose store is at schema `version` (what an update finds): a keyring with
 * OLDER_ADMIN's slot, the store migrated only that far, the device id, the office and the administrator's
 * row. Signing in then backs it up and migrates it. Answers the database key.
 */
export async function makeOlderDesk(dataDir: string, version: number): Promise<Buffer> {
  const dbKey = generateDatabaseKey();
  createKeyring(
    dataDir,
    dbKey,
    { userId: OLDER_ADMIN.id, username: OLDER_ADMIN.username, password: OLDER_ADMIN.password },
    'ABCD-EFGH-JKMN-PQRS',
  );
  const db = new Kysely<DB>({
    dialect: new SqliteDialect({ database: openEncryptedDatabase(dataDir, dbKey, { create: true }) }),
  });
  try {
    await migrateToLatest(db, MIGRATIONS.slice(0, version));
    const at = '2026-01-01T00:00:00.000Z';
    const office = JSON.stringify(SETUP_INPUT.office);
    await sql`INSERT INTO settings (key, value, updated_at, updated_by)
      VALUES ('device.id', '"desk-older"', ${at}, NULL), ('office', ${office}, ${at}, NULL)`.execute(db);
    await sql`INSERT INTO users (id, username, display_name, role, created_at, updated_at, origin_device)
      VALUES (${OLDER_ADMIN.id}, ${OLDER_ADMIN.username}, '王管理', 'admin', ${at}, ${at}, 'desk-older')`.execute(
      db,
    );
  } finally {
    await db.destroy();
  }
  return dbKey;
}
