// The county HTTP endpoint (src/server/http/http.ts) over real loopback HTTP on 127.0.0.1, with real sealed
// batches and a real SQLite file. Plain HTTP in this slice; TLS comes with the CLI.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCountyServer } from '../../src/server/http/http';
import { generateCountyKeys } from '../../src/server/county/keys';
import { addDevice, openSqliteStore, type CountyStore } from '../../src/server/store/store';
import {
  ZERO_HASH,
  generateSigningKeyPair,
  parseSignedReceipt,
  sealBatch,
  toHex,
  verifyReceipt,
  type SealedBatch,
} from '../../src/shared/sync';

const keys = await generateCountyKeys();
const deviceKey = await generateSigningKeyPair();
const DEVICE = '0190a7c2-1b2c-7d3e-8f40-5a6b7c8d9e0f';
const MAX_BODY = 64 * 1024;

const root = mkdtempSync(join(tmpdir(), 'county-http-'));
let store: CountyStore;
let server: ReturnType<typeof createCountyServer>;
let base = '';

beforeAll(async () => {
  store = await openSqliteStore(join(root, 'county.db'));
  await addDevice(store.db, {
    id: DEVICE,
    station: 'station',
    enrolmentCodeHash: '0'.repeat(64),
    publicKey: toHex(deviceKey.publicKey),
    enrolledAt: '2026-11-23T08:00:00.000Z',
  });
  server = createCountyServer({ store, keys, maxBodyBytes: MAX_BODY });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await store.close();
  rmSync(root, { recursive: true, force: true });
});

function seal(seq: number, prev: string, body = `batch ${seq}`): Promise<SealedBatch> {
  return sealBatch({
    device: DEVICE,
    epoch: 1,
    seq,
    prev,
    count: 1,
    createdAt: '2026-11-23T08:30:00.000Z',
    plaintext: new TextEncoder().encode(body),
    countyPublicKey: keys.encryption.publicKey,
    deviceSigningKey: deviceKey.privateKey,
  });
}

async function put(path: string, body: Uint8Array): Promise<{ status: number; text: string }> {
  const response = await fetch(`${base}${path}`, { method: 'PUT', body });
  return { status: response.status, text: await response.text() };
}

const pathOf = (batch: SealedBatch, device = DEVICE) =>
  `/v1/devices/${device}/batches/${batch.header.epoch}/${batch.header.seq}`;

const errorOf = (text: string) => JSON.parse(text) as { error: string; reason: string };

describe('county HTTP', () => {
  it('answers GET /health', async () => {
    const response = await fetch(`${base}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('stores a batch, answers with a signed receipt, and answers a replay with the same receipt', async () => {
    const batch = await seal(1, ZERO_HASH);
    const first = await put(pathOf(batch), batch.bytes);
    expect(first.status).toBe(200);
    const receipt = await verifyReceipt(parseSignedReceipt(first.text), keys.signing.publicKey);
    expect(receipt).toMatchObject({ device: DEVICE, epoch: 1, seq: 1, hash: batch.hash });

    const again = await put(pathOf(batch), batch.bytes);
    expect(again).toEqual(first);

    const different = await seal(1, ZERO_HASH, 'other content');
    const conflict = await put(pathOf(different), different.bytes);
    expect(conflict.status).toBe(409);
    expect(errorOf(conflict.text).error).toBe('CONFLICT');

    const gap = await seal(3, batch.hash);
    const skipped = await put(pathOf(gap), gap.bytes);
    expect(skipped.status).toBe(422);
    expect(errorOf(skipped.text).error).toBe('SEQUENCE_GAP');
  });

  it('answers an unknown device with 401', async () => {
    const batch = await seal(1, ZERO_HASH);
    const stranger = '0190a7c2-1b2c-7d3e-8f40-000000000000';
    const bytes = (
      await sealBatch({
        ...batch.header,
        device: stranger,
        plaintext: new Uint8Array(4),
        countyPublicKey: keys.encryption.publicKey,
        deviceSigningKey: deviceKey.privateKey,
      })
    ).bytes;
    const response = await put(pathOf(batch, stranger), bytes);
    expect(response.status).toBe(401);
    expect(errorOf(response.text).error).toBe('UNKNOWN_DEVICE');
  });

  it('answers malformed requests with 400 and a reason', async () => {
    const garbage = await put(`/v1/devices/${DEVICE}/batches/1/9`, new TextEncoder().encode('not a batch'));
    expect(garbage.status).toBe(400);
    expect(errorOf(garbage.text)).toEqual({ error: 'MALFORMED', reason: 'magic' });

    const badAddress = await put(`/v1/devices/not-a-device/batches/0/1`, new Uint8Array(1));
    expect(badAddress.status).toBe(400);
    expect(errorOf(badAddress.text).error).toBe('MALFORMED');

    const batch = await seal(2, 'b'.repeat(64));
    const misaddressed = await put(`/v1/devices/${DEVICE}/batches/1/5`, batch.bytes);
    expect(misaddressed.status).toBe(400);
    expect(errorOf(misaddressed.text).error).toBe('ADDRESS_MISMATCH');
  });

  it('refuses a body over the limit with 413, and unknown routes and methods', async () => {
    const tooBig = await put(`/v1/devices/${DEVICE}/batches/1/9`, new Uint8Array(MAX_BODY + 1));
    expect(tooBig.status).toBe(413);
    expect((await fetch(`${base}/v2/anything`)).status).toBe(404);
    expect((await fetch(`${base}/v1/devices/${DEVICE}/batches/1/1`)).status).toBe(405);
  });
});
