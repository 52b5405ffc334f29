// Migration 0015: delivery removes a batch's outbox entries by their seq range instead of marking each;
// an existing desk's delivered-but-unpruned entries go, its pending ones (sealed or not) stay as they were.
import { type Kysely, sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/main/db/migrations';
import { currentVersion, migrateToLatest } from '../../src/main/db/migrator';
import type { DB } from '../../src/main/db/schema';
import { pendingBody, removeDelivered } from '../../src/main/sync/outbox';
import { outboxTestStore } from '../support/outbox-store';

const NOW = '2026-03-02T01:30:00.000Z';

describe('migration 0015: delivery by batch, the outbox holds only pending changes', () => {
  const store = outboxTestStore(NOW);
  const { outbox, addUser, rename } = store;
  let db: Kysely<DB>;
  beforeEach(() => {
    db = store.db;
  });
  /** A sealed batch over outbox seqs first..last (what the batch builder records); returns its id. */
  const seal = async (seq: number, first: number, last: number) => {
    await sql`INSERT INTO sync_batches (epoch, seq, hash, first_seq, last_seq, change_count, byte_size,
        envelope, created_at, status) VALUES (1, ${seq}, ${'ab'.repeat(32)}, ${first}, ${last},
        ${last - first + 1}, 1, x'00', ${NOW}, 'sealed')`.execute(db);
    const row = await db.selectFrom('sync_batches').select('id').where('seq', '=', seq).executeTakeFirst();
    return row?.id ?? 0;
  };
  const receipt = (id: number) =>
    sql`UPDATE sync_batches SET status = 'delivered', receipt = '{}', delivered_at = ${NOW}
      WHERE id = ${id}`.execute(db);
  const sequence = async () =>
    (await sql<{ seq: number }>`SELECT seq FROM sqlite_sequence WHERE name = 'outbox'`.execute(db)).rows[0]
      ?.seq;
  const schemaNames = async () =>
    (
      await sql<{ name: string }>`SELECT name FROM sqlite_master
        WHERE name IN ('outbox_pending', 'outbox_pending_row', 'sync_batches_last_seq')`.execute(db)
    ).rows
      .map((r) => r.name)
      .sort();

  it('v14 → v15: delivered entries go, pending ones (sealed or not) stay exactly; seqs go on', async () => {
    await migrateToLatest(db, MIGRATIONS.slice(0, 14));
    const users: string[] = [];
    for (const name of ['u1', 'u2', 'u3', 'u4', 'u5', 'u6']) users.push(await addUser(name));
    const entries = await outbox();
    const seqs = entries.map((e) => e.seq);
    // batch 1 (u1, u2) delivered as v14 did it: marked, waiting for its prune; batch 2 (u3) sealed;
    // u4..u6 unsealed, and u4 renamed after them (its insert takes the state, an update follows)
    const delivered = await seal(1, seqs[0] ?? 0, seqs[1] ?? 0);
    await receipt(delivered);
    await db
      .updateTable('outbox')
      .set({ delivered_batch: delivered })
      .where('seq', '<=', seqs[1] ?? 0)
      .execute();
    await seal(2, seqs[2] ?? 0, seqs[2] ?? 0);
    await rename(users[3] ?? '', 'u4 renamed');
    const pending = (await outbox()).filter((e) => e.delivered_batch === null);
    expect(pending).toHaveLength(5);
    const handedOut = await sequence();

    expect(await migrateToLatest(db, MIGRATIONS.slice(0, 15))).toEqual({ from: 14, to: 15 });
    expect(await currentVersion(db)).toBe(15);
    expect(await outbox()).toEqual(pending);
    expect(await sequence()).toBe(handedOut);
    expect(await schemaNames()).toEqual(['outbox_pending_row', 'sync_batches_last_seq']);

    // the next batch still starts after the sealed one, with the unsealed entries in seq order
    const body = await pendingBody(db, { afterSeq: seqs[2] ?? 0, limit: 100, maxBytes: 1e9 });
    expect(body?.count).toBe(4);
    expect(body?.firstSeq).toBe(seqs[3]);

    // a sealed batch's entries stay until its receipt; then they go by their range, in one statement
    await expect(
      db
        .transaction()
        .execute((trx) => removeDelivered(trx, { firstSeq: seqs[2] ?? 0, lastSeq: seqs[2] ?? 0 })),
    ).rejects.toThrow(/pending outbox entry/);
    const batch2 = await db.selectFrom('sync_batches').select('id').where('seq', '=', 2).executeTakeFirst();
    await receipt(batch2?.id ?? 0);
    expect(
      await db
        .transaction()
        .execute((trx) => removeDelivered(trx, { firstSeq: seqs[2] ?? 0, lastSeq: seqs[2] ?? 0 })),
    ).toBe(1);
    expect((await outbox()).map((e) => e.row_id)).toEqual([users[3], users[4], users[5], users[3]]);

    // unsealed pending entries cannot be removed or marked; coalescing still folds a row's changes
    await expect(
      db
        .deleteFrom('outbox')
        .where('seq', '=', seqs[4] ?? 0)
        .execute(),
    ).rejects.toThrow(/cannot be removed/);
    await expect(
      db
        .updateTable('outbox')
        .set({ delivered_batch: batch2?.id ?? 0 })
        .where('seq', '=', seqs[4] ?? 0)
        .execute(),
    ).rejects.toThrow(/immutable/);
    await rename(users[4] ?? '', 'u5 renamed');
    await rename(users[4] ?? '', 'u5 renamed again');
    const after = await outbox();
    expect(after.filter((e) => e.row_id === users[4]).map((e) => [e.op, e.row_version])).toEqual([
      ['insert', 3],
      ['update', 3],
    ]);
    expect(after.every((e) => e.delivered_batch === null)).toBe(true);
    // new entries continue the numbering
    await addUser('u7');
    expect((await outbox()).at(-1)?.seq).toBe((handedOut ?? 0) + 3);
  });
});
