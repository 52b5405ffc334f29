// Desk batch building and receipts against the real county receiver: a real encrypted desk store and a
// real county SQLite file in temp dirs, real keys. Nothing mocked except the clock.
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/main/desk/store';
import { uuidv7 } from '../../src/main/desk/ids';
import { generateDatabaseKey } from '../../src/main/desk/keyring';
import { applyReceipt, buildNextBatch, type BuiltBatch } from '../../src/main/sync/batch-builder';
import { DeskSyncError } from '../../src/main/sync/errors';
import { changeLine, pendingCount } from '../../src/main/sync/outbox';
import { initSyncState, pinCountyKeys } from '../../src/main/sync/state';
import { generateCountyKeys, type CountyKeys } from '../../src/server/county/keys';
import { receiveBatch } from '../../src/server/receive/receive';
import { addDevice, openSqliteStore, type CountyStore } from '../../src/server/store/store';
import {
  SyncFormatError,
  openBatch,
  parseEnvelope,
  signReceipt,
  type SignedReceipt,
} from '../../src/shared/sync';
import { tempDir } from '../support/tmp';

const DEVICE = '0190a7c2-1b2c-7d3e-8f40-5a6b7c8d9e0f';
const NOW = new Date('2026-11-23T09:00:00.000Z');
const N = 11;

describe('sync batches: build, deliver to the county, apply receipts', () => {
  let tmp: ReturnType<typeof tempDir>;
  let desk: Store;
  let county: CountyStore;
  let keys: CountyKeys;
  let dbKey: Buffer;

  beforeEach(async () => {
    tmp = tempDir();
    dbKey = generateDatabaseKey();
    desk = await openStore(tmp.dir, dbKey, { create: true });
    keys = await generateCountyKeys();
    const state = await initSyncState(desk.db, { deviceId: DEVICE, now: NOW.toISOString() });
    await pinCountyKeys(desk.db, {
      countyPublicKey: keys.encryption.publicKey,
      countyReceiptKey: keys.signing.publicKey,
      now: NOW.toISOString(),
    });
    county = await openSqliteStore(join(tmp.dir, 'county.db'));
    await addDevice(county.db, {
      id: DEVICE,
      station: 'station',
      enrolmentCodeHash: '0'.repeat(64),
      publicKey: state.device_public_key,
      enrolledAt: NOW.toISOString(),
    });
    await addUsers(N);
  });
  afterEach(async () => {
    await county.close();
    await desk.close();
    tmp.cleanup();
  });

  /** Casework-shaped writes the capture triggers record (CJK text: bytes are not characters). */
  async function addUsers(n: number): Promise<void> {
    for (let i = 0; i < n; i++) {
      await desk.db
        .insertInto('users')
        .values({
          id: uuidv7(),
          username: `user.${uuidv7()}`,
          display_name: '辅导员'.repeat(1 + (i % 4)),
          role: 'counsellor',
          created_at: NOW.toISOString(),
          updated_at: NOW.toISOString(),
          origin_device: DEVICE,
        })
        .execute();
    }
  }

  const build = (maxChanges: number, maxBytes = 1_000_000) =>
    buildNextBatch(desk.db, { countyPublicKey: keys.encryption.publicKey, now: NOW, maxChanges, maxBytes });

  async function buildAll(maxChanges: number, maxBytes?: number): Promise<BuiltBatch[]> {
    const out: BuiltBatch[] = [];
    for (let b = await build(maxChanges, maxBytes); b; b = await build(maxChanges, maxBytes)) out.push(b);
    return out;
  }

  const deliver = async (b: BuiltBatch) =>
    (await receiveBatch(county, keys, { device: DEVICE, epoch: b.epoch, seq: b.seq }, b.bytes)).signed;

  const outboxRows = () => desk.db.selectFrom('outbox').selectAll().orderBy('seq').execute();
  const snapshot = async () => ({
    state: await desk.db.selectFrom('sync_state').selectAll().execute(),
    batches: await desk.db.selectFrom('sync_batches').selectAll().orderBy('id').execute(),
    outbox: await outboxRows(),
  });

  it('bounded by count: consecutive seqs chained by hash, disjoint ranges, then null', async () => {
    const batches = await buildAll(4);
    expect(batches.map((b) => [b.seq, b.count])).toEqual([
      [1, 4],
      [2, 4],
      [3, 3],
    ]);
    for (let i = 1; i < batches.length; i++) {
      const prev = batches[i - 1];
      const cur = batches[i];
      if (!prev || !cur) throw new Error('missing batch');
      expect(parseEnvelope(cur.bytes).header.prev).toBe(prev.hash);
      expect(cur.firstSeq).toBeGreaterThan(prev.lastSeq);
    }
    expect(await build(4)).toBeNull();
    expect(await pendingCount(desk.db)).toBe(N); // sealed is not delivered
  });

  it('bounded by bytes: every batch of several changes keeps its lines within maxBytes', async () => {
    const maxBytes = 1200;
    const batches = await buildAll(100, maxBytes);
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.reduce((s, b) => s + b.count, 0)).toBe(N);
    const rows = await outboxRows();
    for (const b of batches) {
      const inBatch = rows.filter((r) => r.seq >= b.firstSeq && r.seq <= b.lastSeq);
      const size = inBatch
        .map((r) =>
          changeLine({
            seq: r.seq,
            table: r.table_name,
            id: r.row_id,
            op: r.op,
            version: r.row_version,
            changedAt: r.changed_at,
            rowJson: r.payload,
          }),
        )
        .reduce((s, l) => s + Buffer.byteLength(l, 'utf8'), 0);
      if (b.count > 1) expect(size).toBeLessThanOrEqual(maxBytes);
    }
  });

  it('delivered to the county: receipts applied → outbox emptied; the county reads the outbox lines', async () => {
    const batches = await buildAll(3);
    // what the batches carry, read before delivery removes it
    const rows = await outboxRows();
    for (const b of batches) {
      const result = await applyReceipt(desk.db, await deliver(b), keys.signing.publicKey, NOW);
      expect(result).toEqual({ epoch: 1, seq: b.seq, applied: true, delivered: b.count });
    }
    expect(await pendingCount(desk.db)).toBe(0);
    expect(await outboxRows()).toEqual([]);
    const stored = await county.db.selectFrom('envelopes').selectAll().orderBy('seq').execute();
    expect(stored).toHaveLength(batches.length);
    const lines: string[] = [];
    for (const env of stored) {
      const plain = gunzipSync(await openBatch(parseEnvelope(env.bytes), keys.encryption.privateKey));
      const text = plain.toString('utf8');
      expect(text.endsWith('\n')).toBe(true);
      lines.push(...text.slice(0, -1).split('\n'));
    }
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual(
      rows.map((r) => ({
        seq: r.seq,
        table: r.table_name,
        id: r.row_id,
        op: r.op,
        version: r.row_version,
        changedAt: r.changed_at,
        row: JSON.parse(r.payload) as unknown,
      })),
    );
    const delivered = await desk.db.selectFrom('sync_batches').selectAll().orderBy('seq').execute();
    expect(delivered.every((b) => b.status === 'delivered' && b.receipt !== null)).toBe(true);
  });

  it('a replayed receipt is harmless; later changes go into the next batch', async () => {
    const [b1] = await buildAll(100);
    if (!b1) throw new Error('no batch');
    const receipt = await deliver(b1);
    await applyReceipt(desk.db, receipt, keys.signing.publicKey, NOW);
    const before = await snapshot();
    expect(await applyReceipt(desk.db, receipt, keys.signing.publicKey, NOW)).toEqual({
      epoch: 1,
      seq: 1,
      applied: false,
      delivered: 0,
    });
    expect(await snapshot()).toEqual(before);
    await addUsers(2);
    const b2 = await build(100);
    expect(b2).toMatchObject({ seq: 2, count: 2, firstSeq: b1.lastSeq + 1 });
  });

  it('unknown batch, wrong hash, foreign key or device: typed errors and nothing changed', async () => {
    const [b1] = await buildAll(100);
    if (!b1) throw new Error('no batch');
    const good = await deliver(b1);
    const before = await snapshot();
    const signed = (over: Partial<SignedReceipt['receipt']>) =>
      signReceipt({ ...good.receipt, ...over }, keys.signing.privateKey);
    await expect(
      applyReceipt(desk.db, await signed({ seq: 9 }), keys.signing.publicKey),
    ).rejects.toMatchObject({ code: 'UNKNOWN_BATCH' });
    await expect(
      applyReceipt(
        desk.db,
        await signed({ device: '0190a7c2-1b2c-7d3e-8f40-5a6b7c8d9e10' }),
        keys.signing.publicKey,
      ),
    ).rejects.toBeInstanceOf(DeskSyncError);
    await expect(
      applyReceipt(desk.db, await signed({ hash: 'ab'.repeat(32) }), keys.signing.publicKey),
    ).rejects.toMatchObject({ code: 'RECEIPT_MISMATCH' });
    const other = await generateCountyKeys();
    const forged = await signReceipt(good.receipt, other.signing.privateKey);
    await expect(applyReceipt(desk.db, forged, keys.signing.publicKey)).rejects.toBeInstanceOf(
      SyncFormatError,
    );
    expect(await snapshot()).toEqual(before);
  });

  it('a build that fails before commit leaves nothing; the rebuild takes exactly the same changes', async () => {
    const before = await snapshot();
    await expect(
      buildNextBatch(desk.db, { countyPublicKey: new Uint8Array(5), now: NOW, maxChanges: 5, maxBytes: 1e6 }),
    ).rejects.toMatchObject({ code: 'BAD_KEY' });
    expect(await snapshot()).toEqual(before);
    const first = await build(5);
    expect(first).toMatchObject({ seq: 1, count: 5, firstSeq: before.outbox[0]?.seq });
    // a restart (the store closed and opened again) continues after the sealed batch, not over it
    await desk.close();
    desk = await openStore(tmp.dir, dbKey);
    const second = await build(100);
    expect(second).toMatchObject({ seq: 2, count: N - 5, firstSeq: (first?.lastSeq ?? 0) + 1 });
  });
});
