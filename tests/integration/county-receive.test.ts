// The county verify-and-store path (src/server/receive/receive.ts) with real sealed batches, real key pairs
// and a real county database on each dialect (a SQLite file in a temp dir, a PostgreSQL database). Nothing
// mocked except the clock.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CountyError } from '../../src/server/errors';
import { generateCountyKeys } from '../../src/server/county/keys';
import { receiveBatch } from '../../src/server/receive/receive';
import { addDevice, type CountyStore } from '../../src/server/store/store';
import {
  SyncFormatError,
  ZERO_HASH,
  generateSigningKeyPair,
  sealBatch,
  toHex,
  verifyReceipt,
  type RawKeyPair,
  type SealedBatch,
} from '../../src/shared/sync';
import { COUNTY_DIALECTS, openTestCountyStore } from '../support/county-db';
import { tempDir } from '../support/tmp';

const keys = await generateCountyKeys();
const otherCounty = await generateCountyKeys();
const deviceKey = await generateSigningKeyPair();
const otherDeviceKey = await generateSigningKeyPair();
const DEVICE = '0190a7c2-1b2c-7d3e-8f40-5a6b7c8d9e0f';
const OTHER_DEVICE = '0190a7c2-1b2c-7d3e-8f40-5a6b7c8d9e10';
const NOW = new Date('2026-11-23T09:00:00.000Z');

const tmp = tempDir('county-receive-');
afterAll(() => tmp.cleanup());

/** The current test's county database (set by the dialect's beforeEach). */
let store: CountyStore;

interface SealOptions {
  seq?: number;
  prev?: string;
  signer?: RawKeyPair;
  countyPublicKey?: Uint8Array;
  device?: string;
  body?: string;
}

function seal(options: SealOptions = {}): Promise<SealedBatch> {
  const seq = options.seq ?? 1;
  return sealBatch({
    device: options.device ?? DEVICE,
    epoch: 1,
    seq,
    prev: options.prev ?? ZERO_HASH,
    count: 1,
    createdAt: '2026-11-23T08:30:00.000Z',
    plaintext: new TextEncoder().encode(options.body ?? `batch ${seq}`),
    countyPublicKey: options.countyPublicKey ?? keys.encryption.publicKey,
    deviceSigningKey: (options.signer ?? deviceKey).privateKey,
  });
}

function receive(batch: SealedBatch, address = batch.header) {
  const { device, epoch, seq } = address;
  return receiveBatch(store, keys, { device, epoch, seq }, batch.bytes, { now: () => NOW });
}

async function codeOf(work: () => Promise<unknown>): Promise<string> {
  try {
    await work();
    return 'NO_ERROR';
  } catch (e) {
    if (e instanceof CountyError || e instanceof SyncFormatError) return e.code;
    throw e;
  }
}

async function storedCount(): Promise<number> {
  const rows = await store.db.selectFrom('envelopes').select('seq').execute();
  return rows.length;
}

describe.each(COUNTY_DIALECTS)('receiveBatch (%s)', (dialect) => {
  beforeEach(async () => {
    store = await openTestCountyStore(dialect, tmp.dir);
    for (const [id, key] of [
      [DEVICE, deviceKey],
      [OTHER_DEVICE, otherDeviceKey],
    ] as const) {
      await addDevice(store.db, {
        id,
        station: 'station',
        enrolmentCodeHash: '0'.repeat(64),
        publicKey: toHex(key.publicKey),
        enrolledAt: NOW.toISOString(),
      });
    }
  });
  afterEach(() => store.close());

  it('stores a chain of batches and returns receipts that verify under the county receipt key', async () => {
    const first = await seal();
    const second = await seal({ seq: 2, prev: first.hash });
    const r1 = await receive(first);
    const r2 = await receive(second);
    expect(r1.stored && r2.stored).toBe(true);
    const receipt = await verifyReceipt(r2.signed, keys.signing.publicKey);
    expect(receipt).toEqual({
      v: 1,
      device: DEVICE,
      epoch: 1,
      seq: 2,
      hash: second.hash,
      receivedAt: NOW.toISOString(),
    });
    const rows = await store.db.selectFrom('envelopes').selectAll().orderBy('seq').execute();
    expect(rows.map((row) => [Number(row.seq), row.hash])).toEqual([
      [1, first.hash],
      [2, second.hash],
    ]);
    expect(Buffer.from(rows[1]?.bytes ?? []).equals(Buffer.from(second.bytes))).toBe(true);
  });

  it('answers a replay of the same bytes with the same receipt and stores nothing new', async () => {
    const batch = await seal();
    const first = await receive(batch);
    const again = await receiveBatch(store, keys, batch.header, batch.bytes, {
      now: () => new Date('2026-12-01T00:00:00.000Z'),
    });
    expect(again.stored).toBe(false);
    expect(again.text).toBe(first.text);
    expect(await storedCount()).toBe(1);
  });

  it('stores a batch delivered many times at once exactly once, with one receipt for all', async () => {
    const batch = await seal();
    const results = await Promise.all(Array.from({ length: 8 }, () => receive(batch)));
    expect(results.filter((result) => result.stored)).toHaveLength(1);
    expect(new Set(results.map((result) => result.text)).size).toBe(1);
    expect(await storedCount()).toBe(1);
  });

  it('refuses different bytes for a taken sequence number (CONFLICT)', async () => {
    await receive(await seal());
    const other = await seal({ body: 'other content' });
    expect(await codeOf(() => receive(other))).toBe('CONFLICT');
    expect(await storedCount()).toBe(1);
  });

  it('refuses a flipped bit in the ciphertext or the signature (BAD_SIGNATURE)', async () => {
    const batch = await seal();
    for (const index of [batch.bytes.length - 100, batch.bytes.length - 1]) {
      const flipped = Uint8Array.from(batch.bytes);
      flipped[index] = (flipped[index] ?? 0) ^ 0x01;
      expect(await codeOf(() => receiveBatch(store, keys, batch.header, flipped))).toBe('BAD_SIGNATURE');
    }
    expect(await storedCount()).toBe(0);
  });

  it('refuses a flipped bit in the clear header (BAD_SIGNATURE: the header is signed)', async () => {
    const batch = await seal();
    const at = Buffer.from(batch.bytes).indexOf(batch.header.createdAt, 0, 'latin1');
    const flipped = Uint8Array.from(batch.bytes);
    flipped[at] = (flipped[at] ?? 0) ^ 0x01; // '2026-…' becomes '3026-…': still a header that parses
    expect(await codeOf(() => receiveBatch(store, keys, batch.header, flipped))).toBe('BAD_SIGNATURE');
    expect(await storedCount()).toBe(0);
  });

  it('refuses a batch signed with another device key (BAD_SIGNATURE)', async () => {
    const forged = await seal({ signer: otherDeviceKey });
    expect(await codeOf(() => receive(forged))).toBe('BAD_SIGNATURE');
    expect(await storedCount()).toBe(0);
  });

  it('refuses an unknown device (UNKNOWN_DEVICE)', async () => {
    const stranger = await seal({ device: '0190a7c2-1b2c-7d3e-8f40-000000000000' });
    expect(await codeOf(() => receive(stranger))).toBe('UNKNOWN_DEVICE');
  });

  it('refuses a skipped sequence number (SEQUENCE_GAP) and a broken chain (CHAIN_BROKEN)', async () => {
    const first = await seal();
    await receive(first);
    expect(await codeOf(async () => receive(await seal({ seq: 3, prev: first.hash })))).toBe('SEQUENCE_GAP');
    expect(await codeOf(async () => receive(await seal({ seq: 2, prev: 'a'.repeat(64) })))).toBe(
      'CHAIN_BROKEN',
    );
    // A first batch must be seq 1 even for a device the county has never heard from in this epoch.
    const late = await seal({ device: OTHER_DEVICE, signer: otherDeviceKey, seq: 2, prev: first.hash });
    expect(await codeOf(() => receive(late))).toBe('SEQUENCE_GAP');
    expect(await storedCount()).toBe(1);
  });

  it('refuses a batch sealed to another county key (WRONG_COUNTY_KEY)', async () => {
    const elsewhere = await seal({ countyPublicKey: otherCounty.encryption.publicKey });
    expect(await codeOf(() => receive(elsewhere))).toBe('WRONG_COUNTY_KEY');
  });

  it('refuses a batch sent to another address than its header names (ADDRESS_MISMATCH)', async () => {
    const batch = await seal();
    expect(await codeOf(() => receive(batch, { ...batch.header, seq: 2 }))).toBe('ADDRESS_MISMATCH');
  });

  it('refuses bytes that are not an envelope (MALFORMED)', async () => {
    const batch = await seal();
    const truncated = batch.bytes.subarray(0, batch.bytes.length - 10);
    expect(await codeOf(() => receiveBatch(store, keys, batch.header, truncated))).toBe('MALFORMED');
    expect(await codeOf(() => receiveBatch(store, keys, batch.header, new Uint8Array(3)))).toBe('MALFORMED');
  });
});
