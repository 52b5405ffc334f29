import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/shared/errors';
import { openEncryptedDatabase, openStore } from '../../src/main/desk/store';
import { uuidv7 } from '../../src/main/desk/ids';
import { generateDatabaseKey } from '../../src/main/desk/keyring';
import { MIGRATIONS, type Migration } from '../../src/main/db/migrations';
import { currentVersion, migrateToLatest } from '../../src/main/db/migrator';
import type { DB } from '../../src/main/db/schema';
import { tempDir } from '../support/tmp';

const NOW = '2026-01-05T02:00:00.000Z';

describe('migrations', () => {
  let tmp: ReturnType<typeof tempDir>;
  let key: Buffer;
  let db: Kysely<DB>;

  /** A real encrypted desk.db, keyed but not migrated. */
  function openRaw(create = true): Kysely<DB> {
    const sqlite = openEncryptedDatabase(tmp.dir, key, { create });
    return new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  }

  const schemaObjects = async (k: Kysely<DB>) =>
    (
      await sql<{ type: string; name: string; sql: string | null }>`
        SELECT type, name, sql FROM sqlite_master ORDER BY type, name`.execute(k)
    ).rows;

  beforeEach(() => {
    tmp = tempDir();
    key = generateDatabaseKey();
    db = openRaw();
  });
  afterEach(async () => {
    await db.destroy();
    tmp.cleanup();
  });

  it('0001 foundation: empty → v1 with tables, constraints and append-only triggers', async () => {
    // version 0: an empty database
    await migrateToLatest(db, MIGRATIONS.slice(0, 0));
    expect(await currentVersion(db)).toBe(0);

    expect(await migrateToLatest(db, MIGRATIONS.slice(0, 1))).toEqual({ from: 0, to: 1 });
    const names = (await schemaObjects(db)).map((o) => `${o.type}:${o.name}`);
    for (const t of ['users', 'settings', 'audit_log', 'schema_migrations'])
      expect(names).toContain(`table:${t}`);
    expect(names).toContain('trigger:audit_log_no_update');
    expect(names).toContain('trigger:audit_log_no_delete');
    expect(await db.selectFrom('schema_migrations').select(['version', 'name']).execute()).toEqual([
      { version: 1, name: 'foundation' },
    ]);

    const id = uuidv7();
    const user = {
      id,
      username: 'li.counsellor',
      display_name: '李辅导',
      role: 'counsellor' as const,
      created_at: NOW,
      updated_at: NOW,
      origin_device: 'desk-1',
    };
    await db.insertInto('users').values(user).execute();
    const row = await db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ disabled: 0, must_change_password: 0, version: 1, deleted_at: null });
    // usernames are unique regardless of case
    await expect(
      db
        .insertInto('users')
        .values({ ...user, id: uuidv7(), username: 'LI.counsellor' })
        .execute(),
    ).rejects.toThrow(/UNIQUE/);
    // roles are checked; STRICT refuses a wrong type
    await expect(
      sql`INSERT INTO users (id, username, display_name, role, created_at, updated_at, origin_device)
          VALUES ('x', 'y.user', 'Y', 'root', ${NOW}, ${NOW}, 'd')`.execute(db),
    ).rejects.toThrow(/CHECK/);
    await expect(sql`UPDATE users SET disabled = 'yes'`.execute(db)).rejects.toThrow(/cannot store TEXT/);
    await expect(
      db.insertInto('settings').values({ key: 'k', value: 'not json', updated_at: NOW }).execute(),
    ).rejects.toThrow(/CHECK/);

    await db
      .insertInto('audit_log')
      .values({
        seq: 1,
        at: NOW,
        action: 'auth.login',
        detail: '{}',
        prev_hash: '0'.repeat(64),
        hash: 'a'.repeat(64),
      })
      .execute();
    await expect(db.updateTable('audit_log').set({ action: 'auth.logout' }).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    await expect(
      db
        .insertInto('audit_log')
        .values({
          seq: 2,
          at: NOW,
          action: 'x',
          detail: '[]',
          prev_hash: 'a'.repeat(64),
          hash: 'b'.repeat(64),
        })
        .execute(),
    ).rejects.toThrow(/CHECK/);
  });

  it('refuses a database newer than the app and changes nothing', async () => {
    await migrateToLatest(db);
    await db
      .insertInto('schema_migrations')
      .values({ version: 999, name: 'from the future', applied_at: NOW })
      .execute();
    const before = await schemaObjects(db);
    const rowsBefore = await db.selectFrom('schema_migrations').selectAll().orderBy('version').execute();
    await db.destroy();

    const opening = openStore(tmp.dir, key);
    await expect(opening).rejects.toBeInstanceOf(DomainError);
    await expect(opening).rejects.toMatchObject({
      code: 'DB_NEWER_THAN_APP',
      meta: { found: 999, supported: MIGRATIONS.length },
    });

    db = openRaw(false);
    expect(await schemaObjects(db)).toEqual(before);
    expect(await db.selectFrom('schema_migrations').selectAll().orderBy('version').execute()).toEqual(
      rowsBefore,
    );
  });

  it('a failing migration rolls back only itself', async () => {
    const failing: Migration = {
      version: 2,
      name: 'fails halfway',
      async up(k) {
        await sql`CREATE TABLE half_done (x INTEGER) STRICT`.execute(k);
        throw new Error('boom');
      },
    };
    await expect(migrateToLatest(db, [...MIGRATIONS.slice(0, 1), failing])).rejects.toThrow('boom');

    expect(await currentVersion(db)).toBe(1);
    const names = (await schemaObjects(db)).map((o) => o.name);
    expect(names).toContain('users');
    expect(names).not.toContain('half_done');
    expect(await db.selectFrom('schema_migrations').select('version').execute()).toEqual([{ version: 1 }]);

    // the app's own list still applies cleanly afterwards
    expect(await migrateToLatest(db)).toEqual({ from: 1, to: MIGRATIONS.length });
  });

  it('rejects a migration list with gaps or out of order', async () => {
    const stray: Migration = { version: 3, name: 'stray', up: () => Promise.resolve() };
    await expect(migrateToLatest(db, [...MIGRATIONS, stray])).rejects.toThrow(/out of order/);
    expect(await currentVersion(db)).toBe(0);
  });

  it('is idempotent', async () => {
    expect(await migrateToLatest(db)).toEqual({ from: 0, to: MIGRATIONS.length });
    expect(await migrateToLatest(db)).toEqual({ from: MIGRATIONS.length, to: MIGRATIONS.length });
  });
});
