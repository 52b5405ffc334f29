import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEncryptedDatabase } from '../../src/main/desk/store';
import { generateDatabaseKey } from '../../src/main/desk/keyring';
import { MIGRATIONS } from '../../src/main/db/migrations';
import { currentVersion, migrateToLatest } from '../../src/main/db/migrator';
import type { DB } from '../../src/main/db/schema';
import { indexIfEmpty, rebuildSearchIndex, reindexCase } from '../../src/main/search/search-index';
import { insertCase, insertUser } from '../support/search-seed';
import { tempDir } from '../support/tmp';

const NOW = '2026-03-02T02:00:00.000Z';

describe('migration 0004 (search)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: Kysely<DB>;

  beforeEach(() => {
    tmp = tempDir();
    const sqlite = openEncryptedDatabase(tmp.dir, generateDatabaseKey(), { create: true });
    db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  });
  afterEach(async () => {
    await db.destroy();
    tmp.cleanup();
  });

  /** A case as migration 0002 stores it, written before the search tables existed. */
  async function seed(caseNumber: string, names: [string, string], notes: string, idNumber?: string) {
    const counsellorId = await insertUser(db, `u${caseNumber.slice(-5)}`);
    return insertCase(db, { caseNumber, counsellorId, names, reasonText: notes, idNumber: idNumber ?? null });
  }

  const match = async (q: string) =>
    (
      await sql<{
        rowid: number;
      }>`SELECT rowid FROM search_fts WHERE search_fts MATCH ${q} ORDER BY rowid DESC`.execute(db)
    ).rows.map((r) => r.rowid);

  it('v3 → v4 adds the index tables; existing cases are indexed by rebuildSearchIndex', async () => {
    await migrateToLatest(db, MIGRATIONS.slice(0, 3));
    expect(await currentVersion(db)).toBe(3);
    const first = await seed('2026-GX-00001', ['张三', '李四'], '双方同意调解', '11010519491231002X');
    const second = await seed('2026-GX-00002', ['王五', '赵六'], '进入冷静期');

    expect(await migrateToLatest(db, MIGRATIONS.slice(0, 4))).toEqual({ from: 3, to: 4 });
    const objects = (
      await sql<{ type: string; name: string }>`SELECT type, name FROM sqlite_master ORDER BY name`.execute(
        db,
      )
    ).rows.map((o) => `${o.type}:${o.name}`);
    expect(objects).toEqual(
      expect.arrayContaining([
        'table:search_docs',
        'table:search_fts',
        'table:search_name_initials',
        'index:search_name_initials_doc',
      ]),
    );
    // contentless, with per-row delete and the smaller page size
    const ddl = (
      await sql<{ sql: string }>`SELECT sql FROM sqlite_master WHERE name = 'search_fts'`.execute(db)
    ).rows[0]?.sql;
    expect(ddl).toMatch(/content\s*=\s*''/);
    expect(ddl).toMatch(/contentless_delete\s*=\s*1/);
    const pgsz = (await sql<{ v: number }>`SELECT v FROM search_fts_config WHERE k = 'pgsz'`.execute(db))
      .rows[0]?.v;
    expect(pgsz).toBe(3900);

    // Cases from before the migration are not in the index until it is built (the first search does).
    expect(await match('"调解"')).toEqual([]);
    expect(await db.transaction().execute((trx) => indexIfEmpty(trx))).toBe(true);
    expect(await db.transaction().execute((trx) => indexIfEmpty(trx))).toBe(false);
    expect(await match('"调解"')).toHaveLength(1);
    // rebuilding again gives the same index
    expect(await db.transaction().execute((trx) => rebuildSearchIndex(trx))).toBe(2);
    const docs = await db.selectFrom('search_docs').selectAll().orderBy('doc_id').execute();
    expect(docs.map((d) => d.case_id)).toEqual([first, second]);
    expect(await match('"调解"')).toEqual([docs[0]?.doc_id]);
    expect(await match('"冷静 静期"')).toEqual([docs[1]?.doc_id]);
    expect(await match('"zs"')).toEqual([docs[0]?.doc_id]);
    expect(await match('"002x"')).toEqual([docs[0]?.doc_id]);
    expect(await match('"2026 gx 00002"')).toEqual([docs[1]?.doc_id]);
    // the full document number is never a token
    expect(await match('"11010519491231002x"')).toEqual([]);
    expect(
      await db.selectFrom('search_name_initials').select(['first_char']).orderBy('first_char').execute(),
    ).toEqual([{ first_char: '张' }, { first_char: '李' }, { first_char: '王' }, { first_char: '赵' }]);
  });

  it('re-indexing replaces the old row (contentless delete) and moves the case to the newest doc id', async () => {
    await migrateToLatest(db);
    const first = await seed('2026-GX-00001', ['张三', '李四'], '双方同意调解');
    const second = await seed('2026-GX-00002', ['王五', '赵六'], '进入冷静期');
    await db.transaction().execute((trx) => rebuildSearchIndex(trx));

    // a write that changes nothing searchable keeps the row and its place
    await db.updateTable('cases').set({ result: 'postpone' }).where('id', '=', first).execute();
    await db.transaction().execute((trx) => reindexCase(trx, first));
    expect(
      (await db.selectFrom('search_docs').select('case_id').orderBy('doc_id').execute()).map(
        (d) => d.case_id,
      ),
    ).toEqual([first, second]);

    await db.updateTable('cases').set({ reason_text: '已和好' }).where('id', '=', first).execute();
    await db.transaction().execute((trx) => reindexCase(trx, first));

    const docs = await db.selectFrom('search_docs').selectAll().orderBy('doc_id').execute();
    expect(docs.map((d) => d.case_id)).toEqual([second, first]);
    expect(await match('"调解"')).toEqual([]);
    expect(await match('"和好"')).toEqual([docs[1]?.doc_id]);
    expect(await db.selectFrom('search_name_initials').selectAll().execute()).toHaveLength(4);

    // a deleted case leaves the index entirely
    await db.updateTable('cases').set({ deleted_at: NOW }).where('id', '=', first).execute();
    await db.transaction().execute((trx) => reindexCase(trx, first));
    expect(await db.selectFrom('search_docs').select('case_id').execute()).toEqual([{ case_id: second }]);
    expect(await match('"和好"')).toEqual([]);
    expect(await match('"zs"')).toEqual([]);
    expect(await db.selectFrom('search_name_initials').selectAll().execute()).toHaveLength(2);
  });
});
