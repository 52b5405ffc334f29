import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/main/desk/store';
import { uuidv7 } from '../../src/main/desk/ids';
import { generateDatabaseKey } from '../../src/main/desk/keyring';
import {
  changeBytes,
  changeLine,
  pendingBody,
  pendingChanges,
  pendingCount,
  removeDelivered,
  type OutboxChange,
} from '../../src/main/sync/outbox';
import { tempDir } from '../support/tmp';

const NOW = '2026-03-02T01:30:00.000Z';
const N = 23;

describe('outbox reading: pending changes by count and bytes, delivery, pruning', () => {
  let tmp: ReturnType<typeof tempDir>;
  let store: Store;

  beforeEach(async () => {
    tmp = tempDir();
    store = await openStore(tmp.dir, generateDatabaseKey(), { create: true });
    // N captured inserts of different sizes (CJK names: bytes are not characters)
    for (let i = 0; i < N; i++) {
      await store.db
        .insertInto('users')
        .values({
          id: uuidv7(),
          username: `user.${i}`,
          display_name: '辅导员'.repeat(1 + (i % 5)),
          role: 'counsellor',
          created_at: NOW,
          updated_at: NOW,
          origin_device: 'desk-1',
        })
        .execute();
    }
  });
  afterEach(async () => {
    await store.close();
    tmp.cleanup();
  });

  /** Every pending change, page by page, each page after the last seq of the one before. */
  async function pages(limit: number, maxBytes: number): Promise<OutboxChange[][]> {
    const out: OutboxChange[][] = [];
    let afterSeq = 0;
    for (;;) {
      const page = await pendingChanges(store.db, { afterSeq, limit, maxBytes });
      if (page.length === 0) return out;
      out.push(page);
      afterSeq = page.at(-1)?.seq ?? afterSeq;
    }
  }

  it('a change line is the entry with its row as an object, and its size is UTF-8 bytes', async () => {
    const [first] = await pendingChanges(store.db, { limit: 1, maxBytes: 1 });
    if (!first) throw new Error('no change');
    const row = await store.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', first.id)
      .executeTakeFirstOrThrow();
    const line = JSON.parse(changeLine(first)) as Record<string, unknown>;
    expect(line).toEqual({
      seq: first.seq,
      table: 'users',
      id: row.id,
      op: 'insert',
      version: 1,
      changedAt: first.changedAt,
      row,
    });
    expect(changeBytes(first)).toBe(Buffer.from(changeLine(first), 'utf8').length);
    expect(changeBytes(first)).toBeGreaterThan(changeLine(first).length);
  });

  it('pages by count: every change once, in seq order', async () => {
    const all = await pendingChanges(store.db, { limit: 1000, maxBytes: 1e9 });
    expect(all).toHaveLength(N);
    const seqs = all.map((c) => c.seq);
    expect(seqs.every((s, i) => i === 0 || s > (seqs[i - 1] as number))).toBe(true);

    const byFive = await pages(5, 1e9);
    expect(byFive.map((p) => p.length)).toEqual([5, 5, 5, 5, 3]);
    expect(byFive.flat()).toEqual(all);
  });

  it('pages by bytes: as many whole lines as fit, but always at least one', async () => {
    const all = await pendingChanges(store.db, { limit: 1000, maxBytes: 1e9 });
    const sizes = all.map(changeBytes);
    const firstFour = sizes.slice(0, 4).reduce((a, b) => a + b, 0);

    expect(await pendingChanges(store.db, { limit: 1000, maxBytes: firstFour })).toEqual(all.slice(0, 4));
    expect(await pendingChanges(store.db, { limit: 1000, maxBytes: firstFour - 1 })).toEqual(all.slice(0, 3));
    // a single change larger than the bound still goes, alone
    expect(await pendingChanges(store.db, { limit: 1000, maxBytes: 1 })).toEqual(all.slice(0, 1));
    // the count bound applies together with the bytes bound
    expect(await pendingChanges(store.db, { limit: 2, maxBytes: firstFour })).toEqual(all.slice(0, 2));

    const budget = Math.max(...sizes) * 3;
    const byBytes = await pages(1000, budget);
    expect(byBytes.flat()).toEqual(all);
    for (const page of byBytes) {
      const bytes = page.map(changeBytes).reduce((a, b) => a + b, 0);
      expect(bytes).toBeLessThanOrEqual(budget);
    }
    // pages are greedy: the next line would not have fitted
    byBytes.slice(0, -1).forEach((page, i) => {
      const bytes = page.map(changeBytes).reduce((a, b) => a + b, 0);
      const next = byBytes[i + 1]?.[0];
      expect(bytes + (next ? changeBytes(next) : 0)).toBeGreaterThan(budget);
    });

    await expect(pendingChanges(store.db, { limit: 0, maxBytes: 10 })).rejects.toThrow(RangeError);
    await expect(pendingChanges(store.db, { limit: 1, maxBytes: 0 })).rejects.toThrow(RangeError);
  });

  it('a batch body of plain entries: whole when the next entries fit, cut by a running sum when not', async () => {
    // Every entry here is plain (no JSON escapes), so SQL writes each body: in one aggregate when the
    // `limit` next entries fit in maxBytes, with the windowed cut when they do not — the same bytes.
    const all = await pendingChanges(store.db, { limit: 1000, maxBytes: 1e9 });
    const sizes = all.map(changeBytes);
    const upTo = (n: number) => sizes.slice(0, n).reduce((a, b) => a + b, 0);
    const cases: [limit: number, maxBytes: number, count: number][] = [
      [1000, 1e9, N], // all fit
      [1000, upTo(N), N], // exactly fits
      [1000, upTo(N) - 1, N - 1], // one byte short: cut before the last
      [5, upTo(5), 5], // the count bound
      [1000, upTo(7) + 1, 7], // cut in the middle
      [1000, 1, 1], // one entry larger than the bound still goes, alone
    ];
    for (const [limit, maxBytes, count] of cases) {
      const body = await pendingBody(store.db, { limit, maxBytes });
      const expected = all.slice(0, count);
      expect(body?.body.toString('utf8')).toBe(expected.map((c) => `${changeLine(c)}\n`).join(''));
      expect(body).toMatchObject({ firstSeq: all[0]?.seq, lastSeq: expected.at(-1)?.seq, count });
    }
    expect(
      await pendingBody(store.db, { afterSeq: all.at(-1)?.seq ?? 0, limit: 10, maxBytes: 1e9 }),
    ).toBeNull();
  });

  it('a batch body is the change lines of the same changes, byte for byte, under the same bounds', async () => {
    // an id that JSON must escape takes the row-by-row path; the bytes are the same either way
    await store.db
      .insertInto('users')
      .values({
        id: 'odd "id"\n\u0001é',
        username: 'user.odd',
        display_name: '辅导员',
        role: 'counsellor',
        created_at: NOW,
        updated_at: NOW,
        origin_device: 'desk-1',
      })
      .execute();
    for (const [limit, maxBytes] of [
      [1000, 1e9],
      [7, 1e9],
      [1000, 900],
      [5, 1500],
      [1000, 1],
    ] as const) {
      let afterSeq = 0;
      for (;;) {
        const changes = await pendingChanges(store.db, { afterSeq, limit, maxBytes });
        const body = await pendingBody(store.db, { afterSeq, limit, maxBytes });
        if (changes.length === 0) {
          expect(body).toBeNull();
          break;
        }
        expect(body?.body.toString('utf8')).toBe(changes.map((c) => `${changeLine(c)}\n`).join(''));
        expect(body).toMatchObject({
          firstSeq: changes[0]?.seq,
          lastSeq: changes.at(-1)?.seq,
          count: changes.length,
        });
        afterSeq = changes.at(-1)?.seq ?? afterSeq;
      }
    }
  });

  it('removes exactly a delivered batch, once; nothing outside a delivered batch can be removed', async () => {
    const all = await pendingChanges(store.db, { limit: 1000, maxBytes: 1e9 });
    expect(await pendingCount(store.db)).toBe(N);
    const batch = all.slice(0, 10);
    const range = { firstSeq: batch[0]?.seq ?? 0, lastSeq: batch.at(-1)?.seq ?? 0 };
    const record = (status: 'sealed' | 'delivered', first: number, last: number) =>
      sql`INSERT INTO sync_batches (epoch, seq, hash, first_seq, last_seq, change_count, byte_size, envelope,
          created_at, status, receipt, delivered_at) VALUES (1, ${last}, ${'ab'.repeat(32)}, ${first}, ${last},
          ${last - first + 1}, 1, x'00', ${NOW}, ${status}, ${status === 'sealed' ? null : '{}'},
          ${status === 'sealed' ? null : NOW})`.execute(store.db);

    // sealed, not delivered: the guard refuses
    await record('sealed', range.firstSeq, range.lastSeq);
    await expect(store.db.transaction().execute((trx) => removeDelivered(trx, range))).rejects.toThrow(
      /pending outbox entry/,
    );
    await sql`UPDATE sync_batches SET status = 'delivered', receipt = '{}', delivered_at = ${NOW}`.execute(
      store.db,
    );
    expect(await store.db.transaction().execute((trx) => removeDelivered(trx, range))).toBe(10);
    // a receipt imported twice changes nothing
    expect(await store.db.transaction().execute((trx) => removeDelivered(trx, range))).toBe(0);
    expect(await pendingCount(store.db)).toBe(N - 10);
    expect(await pendingChanges(store.db, { limit: 1000, maxBytes: 1e9 })).toEqual(all.slice(10));
    expect(await store.db.selectFrom('outbox').select('seq').orderBy('seq').execute()).toEqual(
      all.slice(10).map((c) => ({ seq: c.seq })),
    );
    // a range reaching past the delivered batch is refused as a whole
    const beyond = { firstSeq: range.firstSeq, lastSeq: all.at(-1)?.seq ?? 0 };
    await expect(store.db.transaction().execute((trx) => removeDelivered(trx, beyond))).rejects.toThrow(
      /pending outbox entry/,
    );
    expect(await pendingCount(store.db)).toBe(N - 10);
    // entries are never marked: delivered_batch stays NULL
    await expect(sql`UPDATE outbox SET delivered_batch = 1`.execute(store.db)).rejects.toThrow(/immutable/);
  });
});
