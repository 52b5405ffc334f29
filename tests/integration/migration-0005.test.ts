import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEncryptedDatabase } from '../../src/main/desk/store';
import { uuidv7 } from '../../src/main/desk/ids';
import { generateDatabaseKey } from '../../src/main/desk/keyring';
import { MIGRATIONS } from '../../src/main/db/migrations';
import { currentVersion, migrateToLatest } from '../../src/main/db/migrator';
import type { DB } from '../../src/main/db/schema';
import { SYNCED_TABLES } from '../../src/main/sync/sync.table';
import { tempDir } from '../support/tmp';

const NOW = '2026-03-02T01:30:00.000Z';
const LATER = '2026-03-02T02:00:00.000Z';
const SYNCED_COLUMNS = ['id', 'created_at', 'updated_at', 'origin_device', 'version', 'deleted_at'];

type Row = Record<string, unknown>;

describe('migration 0005 (outbox)', () => {
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

  const all = async (query: string) => (await sql<Row>`${sql.raw(query)}`.execute(db)).rows;
  const columnsOf = async (table: string) =>
    (await sql<{ name: string }>`SELECT name FROM pragma_table_info(${table})`.execute(db)).rows.map(
      (c) => c.name,
    );
  const outbox = () => db.selectFrom('outbox').selectAll().orderBy('seq').execute();

  /** A user, a case with one party, a soft-deleted party (raw SQL: the shape 0002 wrote). */
  async function seedV4(): Promise<{ userId: string; caseId: string; partyIds: string[] }> {
    const userId = uuidv7();
    const caseId = uuidv7();
    const partyIds = [uuidv7(), uuidv7()];
    await sql`INSERT INTO users (id, username, display_name, role, created_at, updated_at, origin_device)
      VALUES (${userId}, 'li.counsellor', '李辅导', 'counsellor', ${NOW}, ${NOW}, 'desk-1')`.execute(db);
    await sql`INSERT INTO cases (id, case_number, type, received_date, counsellor_id, created_by, created_at,
        updated_at, origin_device)
      VALUES (${caseId}, '2026-GX-00001', 'marital', '2026-03-02', ${userId}, ${userId}, ${NOW}, ${NOW},
        'desk-1')`.execute(db);
    await sql`INSERT INTO case_parties (id, case_id, party, name, created_at, updated_at, origin_device)
      VALUES (${partyIds[0]}, ${caseId}, 'party_a', '张三', ${NOW}, ${NOW}, 'desk-1')`.execute(db);
    await sql`INSERT INTO case_parties (id, case_id, party, name, created_at, updated_at, origin_device,
        version, deleted_at)
      VALUES (${partyIds[1]}, ${caseId}, 'party_b', '李四', ${NOW}, ${LATER}, 'desk-1', 2, ${LATER})`.execute(
      db,
    );
    return { userId, caseId, partyIds };
  }

  it('v4 with data → v5: the outbox, its guards, and every existing row captured once, parents first', async () => {
    await migrateToLatest(db, MIGRATIONS.slice(0, 4));
    const { userId, caseId, partyIds } = await seedV4();
    expect(await migrateToLatest(db, MIGRATIONS.slice(0, 5))).toEqual({ from: 4, to: 5 });
    expect(await currentVersion(db)).toBe(5);
    expect(
      await db.selectFrom('schema_migrations').select('name').where('version', '=', 5).execute(),
    ).toEqual([{ name: 'outbox' }]);

    const ddl = (await all(`SELECT sql FROM sqlite_master WHERE name = 'outbox'`))[0]?.sql;
    expect(ddl).toMatch(/AUTOINCREMENT/);
    expect(ddl).toMatch(/\)\s*STRICT$/);
    const names = (await all(`SELECT type, name FROM sqlite_master`)).map(
      (o) => `${String(o.type)}:${String(o.name)}`,
    );
    expect(names).toEqual(
      expect.arrayContaining([
        'index:outbox_pending',
        'trigger:outbox_immutable',
        'trigger:outbox_pending_kept',
      ]),
    );

    const entries = await outbox();
    expect(entries.map((e) => [e.table_name, e.row_id, e.op, e.row_version])).toEqual([
      ['users', userId, 'insert', 1],
      ['cases', caseId, 'insert', 1],
      ['case_parties', partyIds[0], 'insert', 1],
      ['case_parties', partyIds[1], 'insert', 2],
    ]);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(entries.every((e) => e.delivered_batch === null)).toBe(true);
    expect(entries.every((e) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(e.changed_at))).toBe(true);
    // each payload is the row, column for column (a soft-deleted row too)
    const rows = [
      ...(await all('SELECT * FROM users')),
      ...(await all('SELECT * FROM cases')),
      ...(await all('SELECT * FROM case_parties ORDER BY rowid')),
    ];
    expect(entries.map((e) => JSON.parse(e.payload) as Row)).toEqual(rows);
  });

  /**
   * What the capture triggers miss: every table with the synced columns needs its three triggers, each
   * listing every column (PRAGMA table_info), and no other table has any. Empty when all is well.
   */
  async function captureGaps(): Promise<{ gaps: string[]; synced: string[] }> {
    const tables = (
      await all(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
      )
    ).map((t) => String(t.name));
    const triggers = (
      await sql<{ name: string; tbl_name: string; sql: string }>`
        SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'`.execute(db)
    ).rows;
    const gaps: string[] = [];
    const synced: string[] = [];
    for (const table of tables) {
      const columns = (await columnsOf(table)).sort();
      const capture = triggers.filter((t) => t.tbl_name === table && t.name.startsWith(`outbox_${table}_`));
      if (!SYNCED_COLUMNS.every((c) => columns.includes(c))) {
        if (capture.length > 0) gaps.push(`${table}: not synced but captured`);
        continue;
      }
      synced.push(table);
      const text = (op: string) => capture.find((t) => t.name === `outbox_${table}_${op}`)?.sql ?? '';
      /** The payload's keys, each of which must name its own column. */
      const keys = (sqlText: string, row: string) => {
        const args = /json_object\(([^)]*)\)/.exec(sqlText)?.[1] ?? '';
        return [...args.matchAll(new RegExp(`'(\\w+)', ${row}\\.(\\w+)`, 'g'))]
          .map((m) => (m[1] === m[2] ? m[1] : `${m[1]}≠${m[2]}`))
          .sort();
      };
      const same = (a: (string | undefined)[]) => JSON.stringify(a) === JSON.stringify(columns);
      if (!same(keys(text('insert'), 'NEW'))) gaps.push(`${table}: insert payload`);
      if (!same(keys(text('update'), 'NEW'))) gaps.push(`${table}: update payload`);
      if (!same(keys(text('delete'), 'OLD'))) gaps.push(`${table}: delete payload`);
      // an update of any column is captured: the WHEN clause names each one
      const watched = [...text('update').matchAll(/NEW\.(\w+) IS NOT OLD\.\1/g)].map((m) => m[1]).sort();
      if (!same(watched)) gaps.push(`${table}: update condition`);
    }
    return { gaps, synced };
  }

  it('guard: every table with the synced columns is captured, and each trigger lists every column', async () => {
    await migrateToLatest(db);
    expect(await captureGaps()).toEqual({ gaps: [], synced: [...SYNCED_TABLES].sort() });

    // What a careless later migration would do: the guard names both mistakes.
    await sql`ALTER TABLE referrals ADD COLUMN reply_note TEXT`.execute(db);
    await sql`CREATE TABLE follow_ups (id TEXT PRIMARY KEY NOT NULL, created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL, origin_device TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 1,
      deleted_at TEXT) STRICT`.execute(db);
    expect((await captureGaps()).gaps).toEqual([
      'follow_ups: insert payload',
      'follow_ups: update payload',
      'follow_ups: delete payload',
      'follow_ups: update condition',
      'referrals: insert payload',
      'referrals: update payload',
      'referrals: delete payload',
      'referrals: update condition',
    ]);
  });

  it('captures inserts, real updates, soft and hard deletes; skips no-op updates; rolls back with the write', async () => {
    await migrateToLatest(db);
    const { caseId, partyIds } = await seedV4();
    const start = (await outbox()).length;

    await db
      .updateTable('cases')
      .set((eb) => ({ reason_text: '沟通不畅', updated_at: LATER, version: eb('version', '+', 1) }))
      .where('id', '=', caseId)
      .execute();
    // the same values again: nothing changed, nothing captured
    await db.updateTable('cases').set({ reason_text: '沟通不畅' }).where('id', '=', caseId).execute();
    await db
      .updateTable('case_parties')
      .set({ deleted_at: LATER })
      .where('id', '=', partyIds[0] ?? '')
      .execute();
    await db
      .deleteFrom('case_parties')
      .where('id', '=', partyIds[1] ?? '')
      .execute();
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.updateTable('cases').set({ reason_text: '撤回' }).where('id', '=', caseId).execute();
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');

    const entries = (await outbox()).slice(start);
    expect(entries.map((e) => [e.table_name, e.row_id, e.op, e.row_version])).toEqual([
      ['cases', caseId, 'update', 2],
      ['case_parties', partyIds[0], 'update', 1],
      ['case_parties', partyIds[1], 'delete', 2],
    ]);
    const [caseRow] = await all(`SELECT * FROM cases`);
    expect(JSON.parse(entries[0]?.payload ?? '')).toEqual(caseRow);
    expect(JSON.parse(entries[1]?.payload ?? '')).toMatchObject({ id: partyIds[0], deleted_at: LATER });
    // a delete carries the row as it was
    expect(JSON.parse(entries[2]?.payload ?? '')).toMatchObject({
      id: partyIds[1],
      name: '李四',
      version: 2,
    });
  });

  it('keeps captured changes: immutable, pending ones undeletable, seqs never reused', async () => {
    await migrateToLatest(db);
    await seedV4();
    const [first, second] = await outbox();
    const seq1 = first?.seq ?? 0;
    const seq2 = second?.seq ?? 0;

    await expect(
      db.updateTable('outbox').set({ payload: '{}' }).where('seq', '=', seq1).execute(),
    ).rejects.toThrow(/immutable/);
    await expect(db.deleteFrom('outbox').where('seq', '=', seq1).execute()).rejects.toThrow(
      /cannot be removed/,
    );
    // STRICT and the checks refuse nonsense
    await expect(
      sql`INSERT INTO outbox (table_name, row_id, op, row_version, changed_at, payload)
        VALUES ('cases', 'x', 'upsert', 1, ${NOW}, '{}')`.execute(db),
    ).rejects.toThrow(/CHECK/);
    await expect(
      sql`INSERT INTO outbox (table_name, row_id, op, row_version, changed_at, payload)
        VALUES ('cases', 'x', 'insert', 1, ${NOW}, '[]')`.execute(db),
    ).rejects.toThrow(/CHECK/);

    // a delivered batch's entries may go (migration 0015: delivery removes them; nothing is marked)
    await expect(db.updateTable('outbox').set({ delivered_batch: 7 }).execute()).rejects.toThrow(/immutable/);
    const delivered = (first: number, last: number) =>
      sql`INSERT INTO sync_batches (epoch, seq, hash, first_seq, last_seq, change_count, byte_size, envelope,
          created_at, status, receipt, delivered_at) VALUES (1, ${last}, ${'ab'.repeat(32)}, ${first}, ${last},
          ${last - first + 1}, 1, x'00', ${NOW}, 'delivered', '{}', ${NOW})`.execute(db);
    await delivered(seq1, seq2);
    await db.deleteFrom('outbox').where('seq', '<=', seq2).execute();

    // the highest seq ever handed out is pruned; the next change still gets a larger one
    const all4 = await outbox();
    const top = all4.at(-1)?.seq ?? 0;
    await delivered(all4[0]?.seq ?? 0, top);
    await db.deleteFrom('outbox').execute();
    await sql`INSERT INTO users (id, username, display_name, role, created_at, updated_at, origin_device)
      VALUES (${uuidv7()}, 'wang.director', '王主任', 'director', ${NOW}, ${NOW}, 'desk-1')`.execute(db);
    expect((await outbox()).map((e) => e.seq)).toEqual([top + 1]);
  });
});
