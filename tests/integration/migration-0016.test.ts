// Migration 0016: the number of pending changes is kept in one row by triggers, not counted on every
// status read. After every kind of outbox write — capture, coalescing, delivery by range, a re-baseline's
// snapshot, a rolled-back transaction — the kept number equals COUNT(*) of the outbox.
import { type Kysely, sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/main/db/migrations';
import { migrateToLatest } from '../../src/main/db/migrator';
import type { DB } from '../../src/main/db/schema';
import { pendingCount, removeDelivered } from '../../src/main/sync/outbox';
import { appendSnapshot } from '../../src/main/sync/rebaseline';
import { outboxTestStore } from '../support/outbox-store';

const NOW = '2026-03-02T01:30:00.000Z';

describe('migration 0016: the pending count is kept, and always equals the outbox', () => {
  const store = outboxTestStore(NOW);
  const { outbox, addUser, rename } = store;
  let db: Kysely<DB>;
  beforeEach(() => {
    db = store.db;
  });
  const counted = async () =>
    Number((await sql<{ n: number }>`SELECT COUNT(*) AS n FROM outbox`.execute(db)).rows[0]?.n);
  /** A batch over outbox seqs first..last, marked delivered as a verified receipt does. */
  const deliver = async (seq: number, first: number, last: number) => {
    await sql`INSERT INTO sync_batches (epoch, seq, hash, first_seq, last_seq, change_count, byte_size,
        envelope, created_at, status, receipt, delivered_at) VALUES (1, ${seq}, ${'ab'.repeat(32)}, ${first}, ${last},
        ${last - first + 1}, 1, x'00', ${NOW}, 'delivered', '{}', ${NOW})`.execute(db);
    return db.transaction().execute((trx) => removeDelivered(trx, { firstSeq: first, lastSeq: last }));
  };

  it('v15 → v16 starts from the outbox as it is, then follows every insert and delete', async () => {
    await migrateToLatest(db, MIGRATIONS.slice(0, 15));
    const users: string[] = [];
    for (const name of ['u1', 'u2', 'u3', 'u4']) users.push(await addUser(name));
    expect(await migrateToLatest(db, MIGRATIONS.slice(0, 16))).toEqual({ from: 15, to: 16 });
    expect(await pendingCount(db)).toBe(4);

    // a captured insert: +1; an update right after its row's pending insert folds into it: ±0
    users.push(await addUser('u5'));
    expect(await pendingCount(db)).toBe(5);
    await rename(users[4] ?? '', 'u5 renamed');
    expect(await pendingCount(db)).toBe(5);

    // delivery of the first three entries by their range: −3; then an update of a delivered row: +1,
    // and a second one folds into that update (one entry removed, one added)
    const seqs = (await outbox()).map((e) => e.seq);
    expect(await deliver(1, seqs[0] ?? 0, seqs[2] ?? 0)).toBe(3);
    expect(await pendingCount(db)).toBe(2);
    await rename(users[0] ?? '', 'u1 again');
    await rename(users[0] ?? '', 'u1 once more');
    expect(await pendingCount(db)).toBe(3);
    expect(await pendingCount(db)).toBe(await counted());

    // a transaction that rolls back leaves the count as it was
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`INSERT INTO users (id, username, display_name, role, created_at, updated_at, origin_device)
          VALUES ('00000000-0000-7000-8000-000000000001', 'gone', 'gone', 'counsellor', ${NOW}, ${NOW},
          'desk-1')`.execute(trx);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await pendingCount(db)).toBe(3);

    // a re-baseline's snapshot: every row again, the entries it supersedes removed
    await db.transaction().execute((trx) => appendSnapshot(trx, new Date(NOW)));
    expect(await pendingCount(db)).toBe(await counted());
    expect(await pendingCount(db)).toBe(users.length);

    // the database refuses a count below zero rather than keep a wrong one
    await expect(sql`UPDATE outbox_pending_count SET pending = -1`.execute(db)).rejects.toThrow(/CHECK/);
  });

  it('a fresh store keeps it from the first write, through many writes and deliveries', async () => {
    await migrateToLatest(db);
    expect(await pendingCount(db)).toBe(0);
    const users: string[] = [];
    for (let i = 0; i < 40; i++) {
      users.push(await addUser(`v${i}`));
      if (i % 3 === 0) await rename(users[i >> 1] ?? '', `v${i} renamed`);
    }
    expect(await pendingCount(db)).toBe(await counted());
    let batch = 1;
    let seqs = (await outbox()).map((e) => e.seq);
    while (seqs.length > 0) {
      const last = seqs[Math.min(6, seqs.length - 1)] ?? 0;
      await deliver(batch++, seqs[0] ?? 0, last);
      expect(await pendingCount(db)).toBe(await counted());
      if (batch % 2 === 0) await rename(users[batch] ?? '', `again ${batch}`);
      seqs = (await outbox()).map((e) => e.seq);
    }
    expect(await pendingCount(db)).toBe(0);
  });
});
