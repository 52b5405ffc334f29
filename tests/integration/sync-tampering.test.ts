// Tampering, end to end: real desks (encrypted store, capture triggers, the desk's batch builder) enrolled
// over HTTPS with a real county server (pinned certificate, real ingestor) on each dialect. Every tampered
// or misdirected batch is PUT to the county's real server and must come back with its own status and
// error code — and leave the county exactly as it was: no envelope, no receipt, no row, no ingest progress,
// even after an ingest pass. county-receive.test.ts checks each refusal of receiveBatch one by one; this
// file checks that nothing of a refused batch gets anywhere.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/main/desk/store';
import { uuidv7 } from '../../src/main/desk/ids';
import { generateDatabaseKey } from '../../src/main/desk/keyring';
import { buildNextBatch, type BuiltBatch } from '../../src/main/sync/batch-builder';
import { storeSyncHost } from '../../src/main/sync/host';
import { readSyncState } from '../../src/main/sync/state';
import { SyncService } from '../../src/main/sync/service';
import { generateCountyKeys } from '../../src/server/county/keys';
import { ZERO_HASH, fromHex } from '../../src/shared/sync';
import { COUNTY_DIALECTS } from '../support/county-db';
import { pinnedRequest, startTestCounty, type TestCounty } from '../support/county-server';
import { addUsers, plainDesk, sealAll } from '../support/sync-desks';
import { flipBit, headerValue, hexDigit, layout } from '../support/envelope-bits';
import { tempDir } from '../support/tmp';

const otherCounty = await generateCountyKeys();

/** Ten changes a batch: `"count":10` is where one flipped bit makes a header parse but not canonically. */
const PER_BATCH = 10;

interface TestDesk {
  store: Store;
  deviceId: string;
  /** The desk's batch builder sealing the next PER_BATCH pending changes (to another key if given). */
  seal(countyPublicKey?: Uint8Array): Promise<BuiltBatch>;
  close(): Promise<void>;
}

interface Address {
  device: string;
  epoch: number;
  seq: number;
}

interface Answer {
  status: number;
  text: string;
  error: string | null;
  reason: string | null;
}

describe.each(COUNTY_DIALECTS)('tampered and misdirected batches over HTTPS (%s)', (dialect) => {
  let county: TestCounty;
  const opened: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    county = await startTestCounty({ dialect });
  });
  afterAll(async () => {
    for (const desk of opened) await desk.close();
    await county.stop();
  });

  /** A fresh desk store with `changes` captured users, enrolled at the county over HTTPS. */
  async function enrolledDesk(changes = 3 * PER_BATCH): Promise<TestDesk> {
    const tmp = tempDir('counseldesk-tamper-desk-');
    const store = await openStore(tmp.dir, generateDatabaseKey(), { create: true });
    const service = new SyncService(storeSyncHost({ db: store.db, dataDir: tmp.dir }));
    const status = await service.enrol(await county.enrol('城关镇'));
    await service.close();
    const deviceId = status.enrolment?.deviceId ?? '';
    await addUsers(store.db, changes, deviceId);
    const desk: TestDesk = {
      store,
      deviceId,
      async seal(countyPublicKey) {
        const state = await readSyncState(store.db);
        const batch = await buildNextBatch(store.db, {
          countyPublicKey: countyPublicKey ?? fromHex(state.county_public_key ?? '') ?? new Uint8Array(),
          now: new Date(),
          maxChanges: PER_BATCH,
          maxBytes: 2 * 1024 * 1024,
        });
        if (!batch) throw new Error('nothing pending to seal');
        return batch;
      },
      async close() {
        await store.close();
        tmp.cleanup();
      },
    };
    opened.push(desk);
    return desk;
  }

  const addressOf = (desk: TestDesk, batch: BuiltBatch): Address => ({
    device: desk.deviceId,
    epoch: batch.epoch,
    seq: batch.seq,
  });

  async function put(address: Address, bytes: Uint8Array): Promise<Answer> {
    const path = `/v1/devices/${address.device}/batches/${address.epoch}/${address.seq}`;
    const pin = { certPem: county.tlsCertPem, fingerprint: county.tlsFingerprint };
    const response = await pinnedRequest(`${county.url}${path}`, pin, { method: 'PUT', body: bytes });
    const json = JSON.parse(response.text) as { error?: string; reason?: string };
    return {
      status: response.status,
      text: response.text,
      error: json.error ?? null,
      reason: json.reason ?? null,
    };
  }

  /** Everything a batch could leave behind at the county, in a stable order. */
  async function countyState() {
    const { db } = county.store;
    return {
      envelopes: await db
        .selectFrom('envelopes')
        .select(['device', 'epoch', 'seq', 'hash', 'received_at'])
        .orderBy('device')
        .orderBy('epoch')
        .orderBy('seq')
        .execute(),
      receipts: await db
        .selectFrom('receipts')
        .selectAll()
        .orderBy('device')
        .orderBy('epoch')
        .orderBy('seq')
        .execute(),
      rows: await db
        .selectFrom('county_rows')
        .selectAll()
        .orderBy('device')
        .orderBy('table_name')
        .orderBy('row_id')
        .execute(),
      progress: await db
        .selectFrom('ingest_progress')
        .selectAll()
        .orderBy('device')
        .orderBy('epoch')
        .execute(),
    };
  }

  async function settled() {
    county.ingestor.kick();
    await county.ingestor.idle();
    return countyState();
  }

  async function deliver(desk: TestDesk, batch: BuiltBatch): Promise<Answer> {
    const answer = await put(addressOf(desk, batch), batch.bytes);
    expect(answer.status, answer.text).toBe(200);
    await settled();
    return answer;
  }

  /** The exact refusal, then: nothing stored under any address, nothing applied after an ingest pass. */
  async function expectRefused(
    address: Address,
    bytes: Uint8Array,
    expected: { status: number; error: string; reason?: string },
    what = '',
  ): Promise<void> {
    const before = await settled();
    const answer = await put(address, bytes);
    expect({ status: answer.status, error: answer.error, reason: answer.reason }, what).toEqual({
      reason: expect.any(String) as unknown,
      ...expected,
    });
    const after = await settled();
    expect(after, what).toEqual(before);
    const hash = createHash('sha256').update(bytes).digest('hex');
    expect(after.envelopes.some((e) => e.hash === hash)).toBe(false);
  }

  /** The county's rows of a device after ingest: how many, and the highest batch that set one. */
  async function applied(device: string): Promise<{ rows: number; lastSeq: number }> {
    const state = await settled();
    const mine = state.rows.filter((r) => r.device === device);
    const progress = state.progress.find((p) => p.device === device);
    return { rows: mine.length, lastSeq: Number(progress?.last_seq ?? 0) };
  }

  it('a flipped bit in the clear header: refused by the check it breaks, nothing stored or applied', async () => {
    const desk = await enrolledDesk();
    await deliver(desk, await desk.seal());
    const batch = await desk.seal(); // seq 2: a real prev hash, count 10
    expect([batch.seq, batch.count]).toEqual([2, PER_BATCH]);
    const address = addressOf(desk, batch);
    const { bytes } = batch;
    const { header } = layout(bytes);
    const cases: [string, number, number, { status: number; error: string; reason?: string }][] = [
      [
        'opening brace',
        header,
        0x01,
        { status: 400, error: 'MALFORMED', reason: 'header is not UTF-8 JSON' },
      ],
      ['key "seq" → "req"', headerValue(bytes, 'seq', -5), 0x01, { status: 400, error: 'MALFORMED' }],
      [
        'count 10 → "1 " (valid JSON, not canonical)',
        headerValue(bytes, 'count', 1),
        0x10,
        {
          status: 400,
          error: 'MALFORMED',
          reason: 'header is not canonical JSON',
        },
      ],
      ['v', headerValue(bytes, 'v'), 0x01, { status: 400, error: 'UNSUPPORTED_VERSION' }],
      ['suite', headerValue(bytes, 'suite'), 0x01, { status: 400, error: 'UNSUPPORTED_SUITE' }],
      ['compression', headerValue(bytes, 'compression'), 0x01, { status: 400, error: 'MALFORMED' }],
      ['epoch 1 → 0', headerValue(bytes, 'epoch'), 0x01, { status: 400, error: 'MALFORMED' }],
      ['seq 2 → 3', headerValue(bytes, 'seq'), 0x01, { status: 400, error: 'ADDRESS_MISMATCH' }],
      ['device', hexDigit(bytes, 'device'), 0x01, { status: 400, error: 'ADDRESS_MISMATCH' }],
      ['prev', hexDigit(bytes, 'prev'), 0x01, { status: 401, error: 'BAD_SIGNATURE' }],
      ['count 10 → 11', headerValue(bytes, 'count', 1), 0x01, { status: 401, error: 'BAD_SIGNATURE' }],
      ['createdAt', headerValue(bytes, 'createdAt'), 0x01, { status: 401, error: 'BAD_SIGNATURE' }],
      ['countyKey', hexDigit(bytes, 'countyKey'), 0x01, { status: 401, error: 'BAD_SIGNATURE' }],
    ];
    for (const [what, index, mask, expected] of cases) {
      const flipped = flipBit(bytes, index, mask);
      expect(flipped, what).not.toEqual(bytes);
      await expectRefused(address, flipped, expected, what);
    }
    // The untouched batch still goes through afterwards: the refusals left nothing in its way.
    await deliver(desk, batch);
    expect(await applied(desk.deviceId)).toEqual({ rows: 2 * PER_BATCH, lastSeq: 2 });
  });

  it('a flipped bit in the framing, the encapsulated key or the ciphertext: refused, nothing applied', async () => {
    const desk = await enrolledDesk();
    await deliver(desk, await desk.seal());
    const batch = await desk.seal();
    const at = layout(batch.bytes);
    const cases: [number, { status: number; error: string }][] = [
      [at.version, { status: 400, error: 'UNSUPPORTED_VERSION' }],
      [at.headerLength + 3, { status: 400, error: 'MALFORMED' }],
      [at.enc, { status: 401, error: 'BAD_SIGNATURE' }],
      [at.ciphertext, { status: 401, error: 'BAD_SIGNATURE' }],
      [Math.floor((at.ciphertext + at.signature) / 2), { status: 401, error: 'BAD_SIGNATURE' }],
      [at.signature - 1, { status: 401, error: 'BAD_SIGNATURE' }], // the last byte of the GCM tag
    ];
    for (const [index, expected] of cases) {
      await expectRefused(addressOf(desk, batch), flipBit(batch.bytes, index), expected);
    }
    await deliver(desk, batch);
    expect(await applied(desk.deviceId)).toEqual({ rows: 2 * PER_BATCH, lastSeq: 2 });
  });

  it('a flipped bit in the signature: 401 BAD_SIGNATURE, nothing applied', async () => {
    const desk = await enrolledDesk();
    const batch = await desk.seal(); // the device's first batch: nothing of it may reach the county
    const { signature } = layout(batch.bytes);
    for (const index of [signature, signature + 31, batch.bytes.length - 1]) {
      await expectRefused(addressOf(desk, batch), flipBit(batch.bytes, index), {
        status: 401,
        error: 'BAD_SIGNATURE',
      });
    }
    expect(await applied(desk.deviceId)).toEqual({ rows: 0, lastSeq: 0 });
    await deliver(desk, batch);
    expect(await applied(desk.deviceId)).toEqual({ rows: PER_BATCH, lastSeq: 1 });
  });

  it('a replayed batch: 200 with the byte-identical receipt, applied once', async () => {
    const desk = await enrolledDesk(PER_BATCH);
    const first = await desk.seal();
    const firstAnswer = await deliver(desk, first);
    // Batch 2 changes a row batch 1 inserted: a second application of batch 1 would set it back.
    const changed = await desk.store.db.selectFrom('users').select('id').limit(1).executeTakeFirstOrThrow();
    await desk.store.db
      .updateTable('users')
      .set((eb) => ({ display_name: '调解员', version: eb('version', '+', 1) }))
      .where('id', '=', changed.id)
      .execute();
    const second = await desk.seal();
    const secondAnswer = await deliver(desk, second);
    const before = await settled();

    for (const [batch, answer] of [
      [first, firstAnswer],
      [second, secondAnswer],
      [first, firstAnswer],
    ] as const) {
      const again = await put(addressOf(desk, batch), batch.bytes);
      expect(again.status).toBe(200);
      expect(Buffer.from(again.text).equals(Buffer.from(answer.text))).toBe(true);
    }
    const after = await settled();
    expect(after).toEqual(before);
    const row = after.rows.find((r) => r.device === desk.deviceId && r.row_id === changed.id);
    expect(row).toMatchObject({ version: 2, seq: 2 });
    const ref = { device: desk.deviceId, table: row?.table_name ?? '', id: changed.id };
    expect(JSON.parse(county.store.rows.open(ref, row?.row_json ?? ''))).toMatchObject({
      display_name: '调解员',
    });
    expect(await applied(desk.deviceId)).toEqual({ rows: PER_BATCH, lastSeq: 2 });
  });

  it("another enrolled device's batch: misaddressed 400, forged under this device's name 401", async () => {
    const desk = await enrolledDesk();
    const other = await enrolledDesk();
    await deliver(desk, await desk.seal());
    // The other desk's own genuine batch, PUT to this device's address.
    const genuine = await other.seal();
    await expectRefused({ ...addressOf(desk, genuine), seq: 1 }, genuine.bytes, {
      status: 400,
      error: 'ADDRESS_MISMATCH',
    });
    // The other desk takes this device's name and place in the chain: only its signing key differs.
    const mine = await readSyncState(desk.store.db);
    await other.store.db
      .updateTable('sync_state')
      .set({ device_id: desk.deviceId, next_seq: mine.next_seq, last_hash: mine.last_hash })
      .execute();
    const forged = await other.seal();
    expect(forged.seq).toBe(2);
    await expectRefused(addressOf(desk, forged), forged.bytes, { status: 401, error: 'BAD_SIGNATURE' });
    expect(await applied(desk.deviceId)).toEqual({ rows: PER_BATCH, lastSeq: 1 });
    // Each desk's own batches still go where they belong.
    await deliver(other, genuine);
    await deliver(desk, await desk.seal());
    expect(await applied(desk.deviceId)).toEqual({ rows: 2 * PER_BATCH, lastSeq: 2 });
    expect(await applied(other.deviceId)).toEqual({ rows: PER_BATCH, lastSeq: 1 });
  });

  it('a batch from a device the county never enrolled: 401 UNKNOWN_DEVICE', async () => {
    const stranger = await plainDesk(uuidv7(), county.keys);
    opened.push(stranger);
    await addUsers(stranger.db, PER_BATCH, stranger.deviceId);
    const [batch] = await sealAll(stranger, county.keys, PER_BATCH);
    if (!batch) throw new Error('no batch sealed');
    await expectRefused({ device: stranger.deviceId, epoch: batch.epoch, seq: batch.seq }, batch.bytes, {
      status: 401,
      error: 'UNKNOWN_DEVICE',
    });
  });

  it('a skipped sequence number: 422 SEQUENCE_GAP, and the gap can still be filled', async () => {
    const desk = await enrolledDesk();
    const [first, second, third] = [await desk.seal(), await desk.seal(), await desk.seal()];
    await deliver(desk, first);
    await expectRefused(addressOf(desk, third), third.bytes, { status: 422, error: 'SEQUENCE_GAP' });
    expect(await applied(desk.deviceId)).toEqual({ rows: PER_BATCH, lastSeq: 1 });
    await deliver(desk, second);
    await deliver(desk, third);
    expect(await applied(desk.deviceId)).toEqual({ rows: 3 * PER_BATCH, lastSeq: 3 });
  });

  /**
   * A desk that delivered batch 1 and then went back in time without noticing (a backup restored with its
   * sync mark): it seals the same changes again as a new batch 1 (other bytes: a fresh HPKE key) and a
   * batch 2 chained to that one, not to the batch 1 the county holds.
   */
  async function rewoundDesk() {
    const desk = await enrolledDesk(2 * PER_BATCH);
    const delivered = await desk.seal();
    await deliver(desk, delivered);
    await desk.store.db.transaction().execute(async (trx) => {
      await trx.updateTable('sync_state').set({ next_seq: 1, last_hash: ZERO_HASH }).execute();
      await trx.deleteFrom('sync_batches').execute();
    });
    const again = await desk.seal();
    const next = await desk.seal();
    expect([again.seq, next.seq]).toEqual([1, 2]);
    expect(again.hash).not.toBe(delivered.hash);
    return { desk, again, next };
  }

  it('a broken prev chain: 422 CHAIN_BROKEN', async () => {
    const { desk, next } = await rewoundDesk();
    await expectRefused(addressOf(desk, next), next.bytes, { status: 422, error: 'CHAIN_BROKEN' });
    expect(await applied(desk.deviceId)).toEqual({ rows: PER_BATCH, lastSeq: 1 });
  });

  it('different bytes for a taken sequence number: 409 CONFLICT', async () => {
    const { desk, again } = await rewoundDesk();
    await expectRefused(addressOf(desk, again), again.bytes, { status: 409, error: 'CONFLICT' });
    expect(await applied(desk.deviceId)).toEqual({ rows: PER_BATCH, lastSeq: 1 });
  });

  it('a batch sealed to another county key: 422 WRONG_COUNTY_KEY', async () => {
    const desk = await enrolledDesk();
    const elsewhere = await desk.seal(otherCounty.encryption.publicKey);
    await expectRefused(addressOf(desk, elsewhere), elsewhere.bytes, {
      status: 422,
      error: 'WRONG_COUNTY_KEY',
    });
    expect(await applied(desk.deviceId)).toEqual({ rows: 0, lastSeq: 0 });
  });
});
