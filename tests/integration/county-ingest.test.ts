// County ingest (src/server/ingest/ingest.ts) on SQLite and PostgreSQL: batches made by real desks (their own
// encrypted stores, capture triggers, outbox and batch builder) go through the county's verify-and-store path
// and are applied into county_rows. Nothing mocked except the clock.
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BuiltBatch } from '../../src/main/sync/batch-builder';
import { changeLine } from '../../src/main/sync/outbox';
import { createIngestor, ingestPending, unblockDevice } from '../../src/server/ingest/ingest';
import { generateCountyKeys } from '../../src/server/county/keys';
import { receiveBatch } from '../../src/server/receive/receive';
import { addDevice, type CountyStore } from '../../src/server/store/store';
import { ZERO_HASH, generateSigningKeyPair, sealBatch, toHex } from '../../src/shared/sync';
import { COUNTY_DIALECTS, openTestCountyStore } from '../support/county-db';
import {
  NOW,
  addUsers,
  countyRows,
  deliver,
  deskRows,
  enrolAtCounty,
  liveCountyRows,
  plainDesk,
  sealAll,
  startNewEpoch,
  workloadDesk,
  type SyncDesk,
} from '../support/sync-desks';
import { tempDir } from '../support/tmp';

const keys = await generateCountyKeys();
const otherCounty = await generateCountyKeys();
const A = '0190a7c2-1b2c-7d3e-8f40-00000000000a';
const B = '0190a7c2-1b2c-7d3e-8f40-00000000000b';
const C = '0190a7c2-1b2c-7d3e-8f40-00000000000c';

type Rows = Map<string, Record<string, unknown>>;

let deskA: SyncDesk;
let deskB: SyncDesk;
let deskC: SyncDesk;
/** A's first epoch: the services workload, a soft-deleted case and a hard-deleted referral event. */
let a1: BuiltBatch[];
let rowsA1: Rows;
/** A's second epoch (as after a restored backup): every change again, plus later ones. */
let a2: BuiltBatch[];
let rowsA2: Rows;
let hardDeleted: string;
let b1: BuiltBatch[];
let rowsB: Rows;
/** C is pinned to another county's key. */
let c1: BuiltBatch[];
const tmp = tempDir('county-ingest-');

beforeAll(async () => {
  deskA = await workloadDesk(A, keys);
  const at = NOW.toISOString();
  const event = await deskA.db
    .selectFrom('referral_events')
    .select('id')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  await deskA.db.deleteFrom('referral_events').where('id', '=', event.id).execute();
  hardDeleted = `referral_events/${event.id}`;
  const marital = await deskA.db
    .selectFrom('cases')
    .select('id')
    .where('type', '=', 'marital')
    .executeTakeFirstOrThrow();
  await deskA.db
    .updateTable('cases')
    .set((eb) => ({ deleted_at: at, updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', marital.id)
    .execute();
  a1 = await sealAll(deskA, keys, 5);
  rowsA1 = await deskRows(deskA.db);

  await deskA.db
    .updateTable('users')
    .set((eb) => ({ display_name: '新名字', updated_at: at, version: eb('version', '+', 1) }))
    .where('role', '=', 'counsellor')
    .execute();
  await addUsers(deskA.db, 3, A);
  await startNewEpoch(deskA.db);
  a2 = await sealAll(deskA, keys, 9);
  rowsA2 = await deskRows(deskA.db);

  deskB = await plainDesk(B, keys);
  await addUsers(deskB.db, 11, B);
  b1 = await sealAll(deskB, keys, 4);
  rowsB = await deskRows(deskB.db);

  deskC = await plainDesk(C, otherCounty);
  await addUsers(deskC.db, 3, C);
  c1 = await sealAll(deskC, otherCounty, 10);
}, 120_000);

afterAll(async () => {
  await deskA?.close();
  await deskB?.close();
  await deskC?.close();
  tmp.cleanup();
});

const changesIn = (batches: readonly BuiltBatch[]) => batches.reduce((n, b) => n + b.count, 0);

/** The county state after exactly `batches` (from A's first): the last change per row, from A's outbox. */
async function expectedFromOutbox(
  batches: readonly BuiltBatch[],
): Promise<Map<string, { row: unknown; deleted: number }>> {
  const first = batches[0]?.firstSeq ?? 0;
  const last = batches.at(-1)?.lastSeq ?? 0;
  const entries = await deskA.db
    .selectFrom('outbox')
    .selectAll()
    .where('seq', '>=', first)
    .where('seq', '<=', last)
    .orderBy('seq')
    .execute();
  const out = new Map<string, { row: unknown; deleted: number }>();
  for (const e of entries) {
    out.set(`${e.table_name}/${e.row_id}`, {
      row: JSON.parse(e.payload),
      deleted: e.op === 'delete' ? 1 : 0,
    });
  }
  return out;
}

describe.each(COUNTY_DIALECTS)('county ingest (%s)', (dialect) => {
  let county: CountyStore;

  beforeEach(async () => {
    county = await openTestCountyStore(dialect, tmp.dir);
    await enrolAtCounty(county, deskA, '明水街道');
    await enrolAtCounty(county, deskB, '埠村街道');
    await enrolAtCounty(county, deskC, '相公庄街道');
  });
  afterEach(() => county.close());

  const ingest = (options?: Parameters<typeof ingestPending>[2]) =>
    ingestPending(county, keys, { now: () => NOW, ...options });
  const progress = () =>
    county.db.selectFrom('ingest_progress').selectAll().orderBy('device').orderBy('epoch').execute();
  const allCountyRows = () =>
    county.db
      .selectFrom('county_rows')
      .selectAll()
      .orderBy('device')
      .orderBy('table_name')
      .orderBy('row_id')
      .execute();

  /** Flips one ciphertext bit of a stored envelope, as a failing disk or a hand in the database would. */
  async function damageStored(device: string, epoch: number, seq: number): Promise<void> {
    const where = county.db
      .selectFrom('envelopes')
      .select('bytes')
      .where('device', '=', device)
      .where('epoch', '=', epoch)
      .where('seq', '=', seq);
    const bytes = Buffer.from((await where.executeTakeFirstOrThrow()).bytes);
    const at = bytes.length - 64 - 20; // inside the ciphertext, before the signature
    bytes[at] = (bytes[at] ?? 0) ^ 0x01;
    await county.db
      .updateTable('envelopes')
      .set({ bytes })
      .where('device', '=', device)
      .where('epoch', '=', epoch)
      .where('seq', '=', seq)
      .execute();
  }

  it("applies the desks' batches: county_rows equal every desk row; a second run changes nothing", async () => {
    await deliver(county, keys, A, a1);
    await deliver(county, keys, B, b1);
    expect(a1.length).toBeGreaterThan(4);
    expect(await ingest()).toEqual({
      batches: a1.length + b1.length,
      changes: changesIn(a1) + changesIn(b1),
      blocked: 0,
    });

    expect(await liveCountyRows(county, A)).toEqual(rowsA1);
    expect(await liveCountyRows(county, B)).toEqual(rowsB);
    const rowsOfA = await countyRows(county, A);
    expect([...rowsOfA].filter(([, r]) => r.deleted === 1).map(([key]) => key)).toEqual([hardDeleted]);
    for (const [key, r] of rowsOfA) {
      if (r.deleted === 0) expect(r.version, key).toBe(rowsA1.get(key)?.version);
      expect(r.epoch).toBe(1);
    }
    // every synced table of the workload arrived, the soft-deleted case as the desk holds it
    const tables = new Set([...rowsA1.keys()].map((key) => key.split('/')[0]));
    expect(tables).toEqual(
      new Set([
        'users',
        'cases',
        'case_parties',
        'counselling_records',
        'record_addenda',
        'dv_disclosures',
        'referrals',
        'referral_events',
        'supervision_items',
      ]),
    );
    expect([...rowsA1.values()].some((row) => row.deleted_at !== null)).toBe(true);

    const before = { rows: await allCountyRows(), progress: await progress() };
    expect(before.progress.map((p) => [p.device, p.epoch, p.last_seq, p.status])).toEqual([
      [A, 1, a1.length, 'active'],
      [B, 1, b1.length, 'active'],
    ]);
    expect(await ingest({ now: () => new Date('2027-01-01T00:00:00.000Z') })).toEqual({
      batches: 0,
      changes: 0,
      blocked: 0,
    });
    expect({ rows: await allCountyRows(), progress: await progress() }).toEqual(before);
  });

  it("a crash inside a batch's transaction rolls that batch back; the re-run applies each batch once", async () => {
    await deliver(county, keys, A, a1);
    const crash = ingest({
      beforeCommit: ({ seq }) => {
        if (seq === 3) throw new Error('power cut');
      },
    });
    await expect(crash).rejects.toThrow('power cut');
    expect((await progress()).map((p) => [p.epoch, p.last_seq, p.status])).toEqual([[1, 2, 'active']]);
    const partial = await countyRows(county, A);
    const expected = await expectedFromOutbox(a1.slice(0, 2));
    expect(new Map([...partial].map(([key, r]) => [key, { row: r.row, deleted: r.deleted }]))).toEqual(
      expected,
    );
    expect(Math.max(...[...partial.values()].map((r) => r.seq))).toBe(2);

    expect(await ingest()).toEqual({ batches: a1.length - 2, changes: changesIn(a1.slice(2)), blocked: 0 });
    expect(await liveCountyRows(county, A)).toEqual(rowsA1);
    expect((await progress()).map((p) => p.last_seq)).toEqual([a1.length]);
    expect(await ingest()).toEqual({ batches: 0, changes: 0, blocked: 0 });
  });

  it('passes running at once (serve and import) still apply each batch exactly once', async () => {
    await deliver(county, keys, A, a1);
    await deliver(county, keys, B, b1);
    const passes = await Promise.all([ingest(), ingest(), ingest()]);
    expect(passes.reduce((n, p) => n + p.batches, 0)).toBe(a1.length + b1.length);
    expect(passes.reduce((n, p) => n + p.changes, 0)).toBe(changesIn(a1) + changesIn(b1));
    expect(await liveCountyRows(county, A)).toEqual(rowsA1);
    expect(await liveCountyRows(county, B)).toEqual(rowsB);
  });

  it('the ingestor runs one pass at a time, never loses a kick, and stops when closed', async () => {
    const errors: unknown[] = [];
    const ingestor = createIngestor(county, keys, { now: () => NOW, onError: (e) => errors.push(e) });
    await ingestor.idle(); // nothing running: resolves at once
    for (const b of a1) {
      await deliver(county, keys, A, [b]);
      ingestor.kick();
      ingestor.kick();
    }
    await ingestor.idle();
    expect(errors).toEqual([]);
    expect(await liveCountyRows(county, A)).toEqual(rowsA1);
    expect((await progress()).map((p) => p.last_seq)).toEqual([a1.length]);

    await ingestor.close();
    await deliver(county, keys, B, b1);
    ingestor.kick();
    await ingestor.idle();
    expect((await progress()).map((p) => p.device)).toEqual([A]);

    // A pass that fails (the database is gone) reaches onError, never the caller.
    const broken = createIngestor(county, keys, { onError: (e) => errors.push(e) });
    await county.close();
    broken.kick();
    await broken.idle();
    expect(errors).toHaveLength(1);
  });

  it('a later epoch supersedes what is left of an earlier one', async () => {
    await deliver(county, keys, A, a1.slice(0, 2));
    expect((await ingest()).batches).toBe(2);
    await deliver(county, keys, A, a2);
    expect(await ingest()).toEqual({ batches: a2.length, changes: changesIn(a2), blocked: 0 });
    // the rest of epoch 1 arrives late (a USB stick found in a drawer): stored, never applied, and even
    // a damaged one of them does not block the device (it is superseded before anything is opened)
    await deliver(county, keys, A, a1.slice(2));
    await damageStored(A, 1, 3);
    const rowsBefore = await allCountyRows();
    expect(await ingest()).toEqual({ batches: 0, changes: 0, blocked: 0 });
    expect(await allCountyRows()).toEqual(rowsBefore);
    expect((await progress()).map((p) => [p.epoch, p.last_seq, p.status])).toEqual([
      [1, 2, 'superseded'],
      [2, a2.length, 'active'],
    ]);
    expect(await liveCountyRows(county, A)).toEqual(rowsA2);
    expect(a2.every((b) => b.epoch === 2)).toBe(true);
  });

  // The later epoch re-sends every row at the same or a higher version, so it has the last word; a lower
  // version would not (the county never rolls a row back: county-at-rest.test.ts).
  it('two pending epochs in one pass apply in ascending order: the later epoch has the last word', async () => {
    await deliver(county, keys, A, a2);
    await deliver(county, keys, A, a1);
    expect(await ingest()).toEqual({
      batches: a1.length + a2.length,
      changes: changesIn(a1) + changesIn(a2),
      blocked: 0,
    });
    expect(await liveCountyRows(county, A)).toEqual(rowsA2);
    expect([...(await countyRows(county, A)).values()].every((r) => r.epoch === 2)).toBe(true);
  });

  it('a stored envelope altered after receipt blocks its device (DECRYPT_FAILED); nothing of it is applied', async () => {
    await deliver(county, keys, A, a1);
    await deliver(county, keys, B, b1);
    await damageStored(A, 1, 2);

    expect(await ingest()).toEqual({
      batches: 1 + b1.length,
      changes: a1[0]!.count + changesIn(b1),
      blocked: 1,
    });
    expect((await progress()).map((p) => [p.device, p.last_seq, p.status, p.reason])).toEqual([
      [A, 1, 'blocked', 'DECRYPT_FAILED'],
      [B, b1.length, 'active', null],
    ]);
    expect(await liveCountyRows(county, B)).toEqual(rowsB);
    const ofA = await countyRows(county, A);
    expect(new Map([...ofA].map(([key, r]) => [key, { row: r.row, deleted: r.deleted }]))).toEqual(
      await expectedFromOutbox(a1.slice(0, 1)),
    );
    expect(await ingest()).toEqual({ batches: 0, changes: 0, blocked: 0 });

    // The operator restores the envelope (flipping the bit back) and unblocks: the rest of A applies once.
    await damageStored(A, 1, 2);
    expect(await unblockDevice(county, B)).toBe(0);
    expect(await unblockDevice(county, A)).toBe(1);
    expect(await ingest()).toEqual({ batches: a1.length - 1, changes: changesIn(a1.slice(1)), blocked: 0 });
    expect(await liveCountyRows(county, A)).toEqual(rowsA1);
    expect(await unblockDevice(county, A)).toBe(0);
  });

  it('a signed batch whose body breaks the change-line rules is blocked (MALFORMED), others go on', async () => {
    const id = (n: number) => `0190a7c2-0000-7000-8000-${String(n).padStart(12, '0')}`;
    const line = (seq: number, n: number) =>
      changeLine({
        seq,
        table: 'users',
        id: id(n),
        op: 'insert',
        version: 1,
        changedAt: NOW.toISOString(),
        rowJson: `{"id":"${id(n)}"}`,
      });
    const bodies: [string, Uint8Array, number][] = [
      ['count differs', gzipSync(`${line(1, 1)}\n${line(2, 2)}\n`), 3],
      ['seq decreasing', gzipSync(`${line(2, 1)}\n${line(1, 2)}\n`), 2],
      ['not gzip', new TextEncoder().encode(`${line(1, 1)}\n`), 1],
      ['bad line', gzipSync(`${line(1, 1).replace('"insert"', '"upsert"')}\n`), 1],
    ];
    for (const [index, [, plaintext, count]] of bodies.entries()) {
      const device = `0190a7c2-1b2c-7d3e-8f40-0000000000d${index}`;
      const signer = await generateSigningKeyPair();
      await addDevice(county.db, {
        id: device,
        station: '测试',
        enrolmentCodeHash: '0'.repeat(64),
        publicKey: toHex(signer.publicKey),
        enrolledAt: NOW.toISOString(),
      });
      const sealed = await sealBatch({
        device,
        epoch: 1,
        seq: 1,
        prev: ZERO_HASH,
        count,
        createdAt: NOW.toISOString(),
        plaintext,
        countyPublicKey: keys.encryption.publicKey,
        deviceSigningKey: signer.privateKey,
      });
      await receiveBatch(county, keys, { device, epoch: 1, seq: 1 }, sealed.bytes);
    }
    await deliver(county, keys, B, b1);
    expect(await ingest()).toEqual({ batches: b1.length, changes: changesIn(b1), blocked: bodies.length });
    const blocked = (await progress()).filter((p) => p.status === 'blocked');
    expect(blocked.map((p) => [p.last_seq, p.reason])).toEqual(bodies.map(() => [0, 'MALFORMED']));
    const rows = await county.db.selectFrom('county_rows').select('device').distinct().execute();
    expect(rows.map((r) => r.device)).toEqual([B]);
  });

  it('a batch sealed to another county key is refused at receive and nothing is applied', async () => {
    for (const b of c1) {
      await expect(
        receiveBatch(county, keys, { device: C, epoch: b.epoch, seq: b.seq }, b.bytes),
      ).rejects.toMatchObject({ code: 'WRONG_COUNTY_KEY' });
    }
    expect(await ingest()).toEqual({ batches: 0, changes: 0, blocked: 0 });
    expect(await county.db.selectFrom('envelopes').select('id').execute()).toEqual([]);
    expect(await allCountyRows()).toEqual([]);
    expect(await progress()).toEqual([]);
  });
});
