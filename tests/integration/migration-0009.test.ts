// Migration 0009: pending, unsealed outbox changes of a row are coalesced at capture; tombstones for
// hard-deleted synced rows; the outbox guards let coalescing (and only it) change or remove pending entries.
import { type Kysely, sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/main/db/migrations';
import { currentVersion, migrateToLatest } from '../../src/main/db/migrator';
import type { DB } from '../../src/main/db/schema';
import { outboxTestStore } from '../support/outbox-store';

const NOW = '2026-03-02T01:30:00.000Z';

describe('migration 0009: outbox coalescing and tombstones', () => {
  const store = outboxTestStore(NOW);
  const { outbox, addUser, rename } = store;
  let db: Kysely<DB>;
  beforeEach(() => {
    db = store.db;
  });
  /** A sealed batch over outbox seqs first..last (what the batch builder records). */
  const seal = (first: number, last: number) =>
    sql`INSERT INTO sync_batches (epoch, seq, hash, first_seq, last_seq, change_count, byte_size, envelope,
        created_at, status) VALUES (1, ${last}, ${'ab'.repeat(32)}, ${first}, ${last}, ${last - first + 1}, 1,
        x'00', ${NOW}, 'sealed')`.execute(db);

  it('v8 with a delete in the outbox → v9: its tombstone, the new trigger and index', async () => {
    await migrateToLatest(db, MIGRATIONS.slice(0, 8));
    const kept = await addUser('kept');
    const gone = await addUser('gone');
    await sql`DELETE FROM users WHERE id = ${gone}`.execute(db);
    const before = await outbox();
    expect(before.map((e) => e.op)).toEqual(['insert', 'insert', 'delete']);

    expect(await migrateToLatest(db, MIGRATIONS.slice(0, 9))).toEqual({ from: 8, to: 9 });
    expect(await currentVersion(db)).toBe(9);
    expect(await outbox()).toEqual(before);
    const tombstones = await db.selectFrom('sync_tombstones').selectAll().execute();
    expect(tombstones).toHaveLength(1);
    expect(tombstones[0]).toMatchObject({ table_name: 'users', row_id: gone, row_version: 1 });
    const names = (
      await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE name IN
        ('coalesce_pending_changes', 'record_tombstone', 'outbox_pending_row', 'sync_tombstones_kept')`.execute(
        db,
      )
    ).rows.map((r) => r.name);
    expect(names.sort()).toEqual([
      'coalesce_pending_changes',
      'outbox_pending_row',
      'record_tombstone',
      'sync_tombstones_kept',
    ]);
    // later hard deletes leave a tombstone too, and tombstones stay
    await sql`DELETE FROM users WHERE id = ${kept}`.execute(db);
    expect(await db.selectFrom('sync_tombstones').select('row_id').orderBy('row_id').execute()).toHaveLength(
      2,
    );
    await expect(sql`DELETE FROM sync_tombstones`.execute(db)).rejects.toThrow(/tombstone/);
  });

  it('coalesces unsealed changes of a row; leaves sealed ones alone; keeps deletes', async () => {
    await migrateToLatest(db);
    const a = await addUser('a');
    for (const n of [1, 2, 3]) await rename(a, `a${n}`);
    // only the insert, carrying the latest state (no other entry came in between)
    let entries = await outbox();
    expect(entries.map((e) => [e.row_id, e.op, e.row_version])).toEqual([[a, 'insert', 4]]);
    expect(JSON.parse(entries[0]?.payload ?? '{}')).toMatchObject({ display_name: 'a3', version: 4 });

    // another row in between: the insert keeps its place with the latest state, the latest also at the end
    const b = await addUser('b');
    await rename(a, 'a4');
    await rename(a, 'a5');
    entries = await outbox();
    expect(entries.map((e) => [e.row_id, e.op, e.row_version])).toEqual([
      [a, 'insert', 6],
      [b, 'insert', 1],
      [a, 'update', 6],
    ]);
    expect(new Set(entries.filter((e) => e.row_id === a).map((e) => e.payload)).size).toBe(1);

    // sealed: those entries never change; later changes append (and coalesce among themselves)
    const top = entries.at(-1)?.seq ?? 0;
    await seal(entries[0]?.seq ?? 0, top);
    const sealed = await outbox();
    await rename(a, 'a6');
    await rename(a, 'a7');
    await rename(b, 'b1');
    entries = await outbox();
    expect(entries.slice(0, sealed.length)).toEqual(sealed);
    expect(entries.slice(sealed.length).map((e) => [e.row_id, e.op, e.row_version])).toEqual([
      [a, 'update', 8],
      [b, 'update', 2],
    ]);

    // a delete is kept, after the row's latest state; its earlier unsealed update goes
    await sql`DELETE FROM users WHERE id = ${b}`.execute(db);
    entries = await outbox();
    expect(entries.slice(sealed.length).map((e) => [e.row_id, e.op])).toEqual([
      [a, 'update'],
      [b, 'delete'],
    ]);
  });

  it('the guards: the app can neither rewrite nor drop a pending change that nothing supersedes', async () => {
    await migrateToLatest(db);
    const a = await addUser('a');
    const [entry] = await outbox();
    const seq = entry?.seq ?? 0;
    await expect(
      db.updateTable('outbox').set({ payload: '{}' }).where('seq', '=', seq).execute(),
    ).rejects.toThrow(/immutable/);
    // a payload that is not this row at this version is refused even for an unsealed insert
    await expect(
      db
        .updateTable('outbox')
        .set({ payload: JSON.stringify({ id: a, version: 7 }), row_version: 2 })
        .where('seq', '=', seq)
        .execute(),
    ).rejects.toThrow(/immutable/);
    await expect(db.deleteFrom('outbox').where('seq', '=', seq).execute()).rejects.toThrow(
      /cannot be removed/,
    );
    // inside a sealed batch, not even a superseded entry may go
    await addUser('b');
    await rename(a, 'a1');
    const entries = await outbox();
    await seal(entries[0]?.seq ?? 0, entries.at(-1)?.seq ?? 0);
    await expect(db.deleteFrom('outbox').where('seq', '=', seq).execute()).rejects.toThrow(
      /cannot be removed/,
    );
  });
});
