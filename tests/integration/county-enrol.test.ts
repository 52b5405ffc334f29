// Enrolment end to end over real HTTPS (the test county: real TLS on 127.0.0.1, real SQLite file): a code
// from the county, redeemed by a desk key, gives a device the county then accepts batches from; replays,
// other keys, expired and unknown codes, malformed bodies and floods get their own answers.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnrolmentCode } from '../../src/server/enrolment/enrol';
import { addDevice } from '../../src/server/store/store';
import {
  ENROLMENT_PATH,
  ZERO_HASH,
  decodeEnrolmentCode,
  enrolResponseSchema,
  fingerprint,
  fromHex,
  generateSigningKeyPair,
  parseSignedReceipt,
  sealBatch,
  toHex,
  verifyReceipt,
  type EnrolResponse,
  type EnrolmentCode,
} from '../../src/shared/sync';
import {
  pinnedRequest,
  startTestCounty,
  type PinnedResponse,
  type TestCounty,
} from '../support/county-server';
import { COUNTY_DIALECTS } from '../support/county-db';

const DAY = 24 * 60 * 60 * 1000;

let county: TestCounty;
const pin = () => ({ certPem: county.tlsCertPem, fingerprint: county.tlsFingerprint });

function post(body: string, target: TestCounty = county): Promise<PinnedResponse> {
  return pinnedRequest(`${target.url}${ENROLMENT_PATH}`, pin(), {
    method: 'POST',
    body,
    headers: { 'Content-Type': 'application/json' },
  });
}

function redeem(code: EnrolmentCode, devicePublicKey: Uint8Array, target?: TestCounty) {
  return post(JSON.stringify({ secret: code.secret, devicePublicKey: toHex(devicePublicKey) }), target);
}

const errorOf = (response: PinnedResponse) => JSON.parse(response.text) as { error: string; reason: string };

async function newCode(station = '城关工作站'): Promise<EnrolmentCode> {
  const code = decodeEnrolmentCode(await county.enrol(station));
  if (!code) throw new Error('the county printed a code that does not decode');
  return code;
}

describe.each(COUNTY_DIALECTS)('county enrolment over HTTPS (%s)', (dialect) => {
  beforeAll(async () => {
    county = await startTestCounty({ dialect });
  });
  afterAll(async () => {
    await county.stop();
  });

  it('a code redeemed by a desk key creates a device the county accepts batches from', async () => {
    const code = await newCode();
    expect(code.url).toBe(county.url);
    expect(code.tls).toBe(county.tlsFingerprint);
    const desk = await generateSigningKeyPair();

    const response = await redeem(code, desk.publicKey);
    expect(response.status).toBe(200);
    const answer: EnrolResponse = enrolResponseSchema.parse(JSON.parse(response.text));
    expect(answer.station).toBe('城关工作站');
    expect(answer.deviceId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(answer.countyPublicKey).toBe(toHex(county.keys.encryption.publicKey));
    expect(answer.countyReceiptKey).toBe(toHex(county.keys.signing.publicKey));
    expect(answer.countyFingerprint).toBe(county.keys.fingerprint);
    expect(answer.receiptFingerprint).toBe(await fingerprint(county.keys.signing.publicKey));
    expect(answer.tlsFingerprint).toBe(code.tls);

    // The device is real: a batch sealed to the county key the answer gave is stored and receipted.
    const now = new Date().toISOString();
    const id = '0190a7c2-0000-7000-8000-000000000001';
    const line = { seq: 1, table: 'volunteers', id, op: 'insert', version: 1, changedAt: now, row: { id } };
    const batch = await sealBatch({
      device: answer.deviceId,
      epoch: 1,
      seq: 1,
      prev: ZERO_HASH,
      count: 1,
      createdAt: now,
      plaintext: gzipSync(`${JSON.stringify(line)}\n`),
      countyPublicKey: fromHex(answer.countyPublicKey) ?? new Uint8Array(),
      deviceSigningKey: desk.privateKey,
    });
    const put = await pinnedRequest(`${county.url}/v1/devices/${answer.deviceId}/batches/1/1`, pin(), {
      method: 'PUT',
      body: batch.bytes,
    });
    expect(put.status).toBe(200);
    const receipt = await verifyReceipt(
      parseSignedReceipt(put.text),
      fromHex(answer.countyReceiptKey) ?? new Uint8Array(),
    );
    expect(receipt).toMatchObject({ device: answer.deviceId, seq: 1, hash: batch.hash });
    // …and ingested (the server kicked the ingestor when it stored the batch).
    await county.ingestor.idle();
    const rows = await county.store.db
      .selectFrom('county_rows')
      .select(['table_name', 'row_id'])
      .where('device', '=', answer.deviceId)
      .execute();
    expect(rows).toEqual([{ table_name: 'volunteers', row_id: id }]);
  });

  it('the same secret and key again get the same answer (a lost response is retried)', async () => {
    const code = await newCode();
    const desk = await generateSigningKeyPair();
    const first = await redeem(code, desk.publicKey);
    const again = await redeem(code, desk.publicKey);
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(JSON.parse(again.text)).toEqual(JSON.parse(first.text));
    const devices = await county.store.db
      .selectFrom('devices')
      .select('id')
      .where('public_key', '=', toHex(desk.publicKey))
      .execute();
    expect(devices).toHaveLength(1);
  });

  it('refuses with 403 a used code with another key, an unknown code and an expired code', async () => {
    const code = await newCode();
    expect((await redeem(code, (await generateSigningKeyPair()).publicKey)).status).toBe(200);
    const otherKey = await redeem(code, (await generateSigningKeyPair()).publicKey);
    expect(otherKey.status).toBe(403);
    expect(errorOf(otherKey).error).toBe('ENROLMENT_REFUSED');

    const unknown = await redeem(
      { ...code, secret: 'ab'.repeat(16) },
      (await generateSigningKeyPair()).publicKey,
    );
    expect(unknown.status).toBe(403);
    expect(errorOf(unknown)).toEqual(errorOf(otherKey)); // one answer for every refusal

    const { code: old } = await createEnrolmentCode(county.store, {
      station: 'old',
      url: county.url,
      tlsFingerprint: county.tlsFingerprint,
      now: new Date(Date.now() - 8 * DAY),
    });
    const expired = await redeem(
      decodeEnrolmentCode(old) as EnrolmentCode,
      (await generateSigningKeyPair()).publicKey,
    );
    expect(expired.status).toBe(403);
    expect(errorOf(expired).error).toBe('ENROLMENT_REFUSED');
  });

  it('concurrent redeems of one code: one key wins, the same key always gets the same device', async () => {
    const code = await newCode();
    const keys = await Promise.all([1, 2, 3, 4].map(() => generateSigningKeyPair()));
    const answers = await Promise.all(keys.map((key) => redeem(code, key.publicKey)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 403, 403, 403]);

    const same = await generateSigningKeyPair();
    const again = await newCode();
    const replies = await Promise.all([1, 2, 3].map(() => redeem(again, same.publicKey)));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(new Set(replies.map((r) => r.text)).size).toBe(1);
  });

  it('refuses a device key that is already enrolled under another code', async () => {
    const desk = await generateSigningKeyPair();
    expect((await redeem(await newCode(), desk.publicKey)).status).toBe(200);
    const second = await redeem(await newCode(), desk.publicKey);
    expect(second.status).toBe(403);
  });

  it('answers malformed requests with 400, big ones with 413, other methods with 405', async () => {
    const notJson = await post('{not json');
    expect(notJson.status).toBe(400);
    expect(errorOf(notJson)).toEqual({ error: 'MALFORMED', reason: 'body is not JSON' });
    const missing = await post(JSON.stringify({ secret: 'ab'.repeat(16) }));
    expect(missing.status).toBe(400);
    expect(errorOf(missing)).toEqual({ error: 'MALFORMED', reason: 'invalid field(s): devicePublicKey' });
    const extra = await post(
      JSON.stringify({ secret: 'ab'.repeat(16), devicePublicKey: 'cd'.repeat(32), x: 1 }),
    );
    expect(extra.status).toBe(400);
    const big = await post(JSON.stringify({ secret: 'x'.repeat(5000) }));
    expect(big.status).toBe(413);
    const get = await pinnedRequest(`${county.url}${ENROLMENT_PATH}`, pin());
    expect(get.status).toBe(405);
  });

  it('after a restart (same port, same database) an enrolled device gets its answer again', async () => {
    const code = await newCode();
    const desk = await generateSigningKeyPair();
    const before = await redeem(code, desk.publicKey);
    const port = county.port;
    await county.restart();
    expect(county.port).toBe(port);
    const after = await redeem(code, desk.publicKey);
    expect(after.status).toBe(200);
    expect(after.text).toBe(before.text);
  });

  it('every answer carries a Date header', async () => {
    const response = await post('{}');
    expect(Math.abs(Date.parse(String(response.headers.date)) - Date.now())).toBeLessThan(60_000);
  });
});

describe('county rate limits', () => {
  let limited: TestCounty;
  const skewed = new Date('2031-05-06T07:08:09.000Z');

  beforeAll(async () => {
    limited = await startTestCounty({
      rateLimit: { burst: 3, perSecond: 0.01 },
      enrolRateLimit: { burst: 2, perSecond: 0.01 },
      now: () => skewed,
    });
  });
  afterAll(async () => {
    await limited.stop();
  });

  const limitedPin = () => ({ certPem: limited.tlsCertPem, fingerprint: limited.tlsFingerprint });

  it('enrolment is limited per remote address: 429 with Retry-After', async () => {
    const body = JSON.stringify({ secret: 'ab'.repeat(16), devicePublicKey: 'cd'.repeat(32) });
    const send = () =>
      pinnedRequest(`${limited.url}${ENROLMENT_PATH}`, limitedPin(), { method: 'POST', body });
    expect((await send()).status).toBe(403);
    expect((await send()).status).toBe(403);
    const third = await send();
    expect(third.status).toBe(429);
    expect(errorOf(third).error).toBe('RATE_LIMITED');
    expect(Number(third.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // The server's own clock is in the Date header (here a skewed one), so a desk can compare.
    expect(third.headers.date).toBe(skewed.toUTCString());
  });

  it('batch uploads are limited per device: 429 with Retry-After, other devices unaffected', async () => {
    const deviceA = '0190a7c2-1b2c-7d3e-8f40-00000000000a';
    const deviceB = '0190a7c2-1b2c-7d3e-8f40-00000000000b';
    // Enrolled: an unknown device is refused (401) before the per-device limit is even consulted.
    for (const id of [deviceA, deviceB]) {
      await addDevice(limited.store.db, {
        id,
        station: 'station',
        enrolmentCodeHash: '0'.repeat(64),
        publicKey: toHex((await generateSigningKeyPair()).publicKey),
        enrolledAt: skewed.toISOString(),
      });
    }
    const put = (device: string) =>
      pinnedRequest(`${limited.url}/v1/devices/${device}/batches/1/1`, limitedPin(), {
        method: 'PUT',
        body: 'not a batch',
      });
    for (let i = 0; i < 3; i += 1) expect((await put(deviceA)).status).toBe(400);
    const refused = await put(deviceA);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((await put(deviceB)).status).toBe(400);
    expect((await pinnedRequest(`${limited.url}/health`, limitedPin())).status).toBe(200);
  });
});
