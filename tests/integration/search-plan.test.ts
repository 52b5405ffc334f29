import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/main/desk/store';
import { generateDatabaseKey } from '../../src/main/desk/keyring';
import { rebuildSearchIndex, reindexCase, reindexCases } from '../../src/main/search/search-index';
import { matchingCases, searchQuery } from '../../src/main/search/search';
import { planSearch, type SearchPlan } from '../../src/shared/search/query';
import type { SessionUser } from '../../src/shared/users/schemas';
import { insertCase, insertUser } from '../support/search-seed';
import { tempDir } from '../support/tmp';
import { SEARCH_HASH_BYTES } from '../../src/main/db/migrations/0011_search_bulk_indexing';

/*
 * The search queries' plans on a real encrypted store holding many cases of other counsellors, before and
 * after ANALYZE: the walked index (FTS5, or the names' first-character key) must stay the outer loop in
 * its own order — no full scan of cases, no temporary B-tree to sort the matches.
 */

const OTHERS = 300;
const MINE = 3;

/**
 * One case by its key: the primary key's index, or the case list's covering index (migration 0014), which
 * starts with the id and also holds deleted_at — a single-row seek either way.
 */
const CASE_BY_KEY =
  /^SEARCH cases USING INDEX (sqlite_autoindex_cases_1 \(id=\?\)|cases_list \(id=\? AND deleted_at=\?\))$/;

describe('search query plans', () => {
  let tmp: ReturnType<typeof tempDir>;
  let store: Store;
  let counsellor: SessionUser;
  let director: SessionUser;

  beforeAll(async () => {
    tmp = tempDir();
    store = await openStore(tmp.dir, generateDatabaseKey(), { create: true });
    const db = store.db;
    const mine = await insertUser(db, 'mine');
    const other = await insertUser(db, 'other');
    const boss = await insertUser(db, 'boss', 'director');
    counsellor = {
      id: mine,
      username: 'mine',
      displayName: 'm',
      role: 'counsellor',
      mustChangePassword: false,
    };
    director = { id: boss, username: 'boss', displayName: 'b', role: 'director', mustChangePassword: false };
    for (let i = 1; i <= OTHERS + MINE; i++) {
      const seq = String(i).padStart(5, '0');
      await insertCase(db, {
        caseNumber: `2026-LH-${seq}`,
        counsellorId: i % 100 === 0 && i / 100 <= MINE ? mine : other,
        names: [`张${seq}`, `李${seq}`],
        receiptNumber: `SL-2026-${seq}`,
        notes: i % 2 === 0 ? '双方同意调解，进入冷静期。' : '初次来访。',
      });
    }
    await db.transaction().execute((trx) => rebuildSearchIndex(trx));
  });
  afterAll(async () => {
    await store.close();
    tmp.cleanup();
  });

  async function planOf(user: SessionUser, plan: Exclude<SearchPlan, { kind: 'empty' }>): Promise<string[]> {
    const query = searchQuery(store.db, user, plan, 21).compile();
    const explained = store.sqlite
      .prepare(`EXPLAIN QUERY PLAN ${query.sql}`)
      .all(...(query.parameters as unknown[])) as { detail: string }[];
    return explained.map((r) => r.detail);
  }

  /**
   * A counsellor's walk: the set of their own cases is built once (a subquery over the counsellor's and the
   * companion's indexes, never a scan of cases), then the case row of a match in it is one seek.
   */
  function expectOwnCasesThenCase(steps: string[]): void {
    expect(steps[0]).toMatch(/^LIST SUBQUERY \d+$/);
    const reads = steps.filter((s) => /^(SEARCH|SCAN) /.test(s));
    expect(reads.slice(0, -1).sort()).toEqual([
      expect.stringMatching(
        /^SEARCH cases USING (COVERING )?INDEX cases_companion_received \(companion_user_id=\?\)$/,
      ),
      expect.stringMatching(
        /^SEARCH cases USING (COVERING )?INDEX cases_counsellor_received \(counsellor_id=\?\)$/,
      ),
    ]);
    expect(reads.at(-1)).toMatch(CASE_BY_KEY);
    expect(steps.at(-1)).toMatch(CASE_BY_KEY);
    expect(steps.join('\n')).not.toMatch(/TEMP B-TREE|SCAN cases/);
  }

  const fts = planSearch('调解');
  const initial = planSearch('张');

  for (const analyzed of [false, true]) {
    describe(analyzed ? 'after ANALYZE' : 'before ANALYZE', () => {
      beforeAll(async () => {
        if (analyzed) await sql`ANALYZE`.execute(store.db);
      });

      it('FTS query as director: FTS5 index in rowid order, then primary-key lookups', async () => {
        if (fts.kind === 'empty') throw new Error('plan');
        const steps = await planOf(director, fts);
        expect(steps[0]).toMatch(/^SCAN search_fts VIRTUAL TABLE INDEX \d+:M/);
        expect(steps.slice(1)).toEqual([
          'SEARCH search_docs USING INTEGER PRIMARY KEY (rowid=?)',
          expect.stringMatching(CASE_BY_KEY),
        ]);
        expect(steps.join('\n')).not.toMatch(/TEMP B-TREE|SCAN cases/);
      });

      it('FTS query as counsellor: the same walk, each match checked against their own cases first', async () => {
        if (fts.kind === 'empty') throw new Error('plan');
        const steps = await planOf(counsellor, fts);
        expect(steps[0]).toMatch(/^SCAN search_fts VIRTUAL TABLE INDEX \d+:M/);
        expect(steps[1]).toBe('SEARCH search_docs USING INTEGER PRIMARY KEY (rowid=?)');
        expectOwnCasesThenCase(steps.slice(2));
      });

      it('surname query as director: the first-character key in doc order', async () => {
        if (initial.kind === 'empty') throw new Error('plan');
        const steps = await planOf(director, initial);
        expect(steps).toEqual([
          'SEARCH search_name_initials USING PRIMARY KEY (first_char=?)',
          'SEARCH search_docs USING INTEGER PRIMARY KEY (rowid=?)',
          expect.stringMatching(CASE_BY_KEY),
        ]);
      });

      it('surname query as counsellor: the first-character key in doc order, own cases first', async () => {
        if (initial.kind === 'empty') throw new Error('plan');
        const steps = await planOf(counsellor, initial);
        expect(steps.slice(0, 2)).toEqual([
          'SEARCH search_name_initials USING PRIMARY KEY (first_char=?)',
          'SEARCH search_docs USING INTEGER PRIMARY KEY (rowid=?)',
        ]);
        expectOwnCasesThenCase(steps.slice(2));
      });
    });
  }

  it('returns the visible matches newest first', async () => {
    if (fts.kind === 'empty' || initial.kind === 'empty') throw new Error('plan');
    const mineByFts = await matchingCases(store.db, counsellor, fts, 50);
    expect(mineByFts.map((c) => c.case_number)).toEqual(['2026-LH-00300', '2026-LH-00200', '2026-LH-00100']);
    const mineBySurname = await matchingCases(store.db, counsellor, initial, 2);
    expect(mineBySurname.map((c) => c.case_number)).toEqual(['2026-LH-00300', '2026-LH-00200']);
    const all = await matchingCases(store.db, director, fts, 5);
    expect(all.map((c) => c.case_number)).toEqual([
      '2026-LH-00302',
      '2026-LH-00300',
      '2026-LH-00298',
      '2026-LH-00296',
      '2026-LH-00294',
    ]);
  });

  it('indexes a batch of cases exactly as one case at a time does', async () => {
    const snapshot = async () => ({
      docs: (
        await sql<{ doc_id: number; case_id: string; content_hash: string }>`
          SELECT doc_id, case_id, content_hash FROM search_docs ORDER BY doc_id`.execute(store.db)
      ).rows,
      initials: (
        await sql<{ case_id: string; first_char: string }>`
          SELECT d.case_id, i.first_char FROM search_name_initials i JOIN search_docs d USING (doc_id)
          ORDER BY d.doc_id, i.first_char`.execute(store.db)
      ).rows,
      fts: (
        await sql<{ n: number }>`SELECT count(*) AS n FROM search_fts WHERE search_fts MATCH '调解'`.execute(
          store.db,
        )
      ).rows[0]?.n,
    });
    const ids = (
      await sql<{ id: string }>`SELECT id FROM cases ORDER BY updated_at, id`.execute(store.db)
    ).rows.map((r) => r.id);
    // One at a time (what a write does), from an empty index.
    await store.db.transaction().execute(async (trx) => {
      await sql`INSERT INTO search_fts (search_fts) VALUES ('delete-all')`.execute(trx);
      await trx.deleteFrom('search_name_initials').execute();
      await trx.deleteFrom('search_docs').execute();
      for (const id of ids) await reindexCase(trx, id);
    });
    const oneByOne = await snapshot();
    expect(oneByOne.docs).toHaveLength(ids.length);
    expect(oneByOne.fts).toBe(Math.floor(ids.length / 2));

    // The batch rebuild gives the same rows in the same order; a second batch over unchanged cases changes nothing.
    const progress: [number, number][] = [];
    const rebuilt = await store.db
      .transaction()
      .execute((trx) =>
        rebuildSearchIndex(trx, { onProgress: (done, total) => progress.push([done, total]) }),
      );
    expect(rebuilt).toBe(ids.length);
    expect(await snapshot()).toEqual(oneByOne);
    // It reports as it goes (batch after batch, more than one here), ending at the total.
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toEqual([ids.length, ids.length]);
    expect(progress.every(([done], i) => i === 0 || done > (progress[i - 1]?.[0] ?? 0))).toBe(true);
    const changed = await store.db.transaction().execute((trx) => reindexCases(trx, ids));
    expect(changed).toBe(0);
    expect(await snapshot()).toEqual(oneByOne);
  });

  it('migration 0011: the FTS index buffers up to 8 MiB of terms per transaction before writing a segment', async () => {
    const config = await sql<{
      k: string;
      v: number;
    }>`SELECT k, v FROM search_fts_config WHERE k = 'hashsize'`.execute(store.db);
    expect(config.rows).toEqual([{ k: 'hashsize', v: SEARCH_HASH_BYTES }]);
    expect(SEARCH_HASH_BYTES).toBe(8 * 1024 * 1024);
  });
});
