// Revoking a desk (`county revoke`, issue 10) over real HTTPS on each dialect: after revocation the
// device's uploads are refused with 403 DEVICE_REVOKED before anything is stored (over HTTPS and through the
// USB path alike), its enrolment replay is refused the same way, what it sent before stays, and the
// operator's action is in the county's audit log with ids only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countyFailure } from '../../src/main/sync/transport';
import { receiveBatch } from '../../src/server/receive/receive';
import { revokeDevice } from '../../src/server/store/store';
import {
  ENROLMENT_PATH,
  decodeEnrolmentCode,
  enrolResponseSchema,
  generateSigningKeyPair,
  toHex,
  type EnrolResponse,
} from '../../src/shared/sync';
import { errorMessages } from '../../src/shared/i18n/errors';
import { testDevice, type TestDevice } from '../support/county-batches';
import { COUNTY_DIALECTS } from '../support/county-db';
import {
  pinnedRequest,
  startTestCounty,
  type PinnedResponse,
  type TestCounty,
} from '../support/county-server';

const errorOf = (response: PinnedResponse) => JSON.parse(response.text) as { error: string; reason: string };

describe.each(COUNTY_DIALECTS)('revoking a desk (%s)', (dialect) => {
  let county: TestCounty;
  const pin = () => ({ certPem: county.tlsCertPem, fingerprint: county.tlsFingerprint });

  beforeAll(async () => {
    county = await startTestCounty({ dialect });
  });
  afterAll(async () => {
    await county.stop();
  });

  async function enrolled(): Promise<{ device: TestDevice; answer: EnrolResponse; secret: string }> {
    const code = decodeEnrolmentCode(await county.enrol('城关镇工作站'));
    if (!code) throw new Error('no code');
    // The desk's key is made first; the county assigns the device id.
    const key = await generateSigningKeyPair();
    const response = await redeem(code.secret, key.publicKey);
    expect(response.status).toBe(200);
    const answer = enrolResponseSchema.parse(JSON.parse(response.text));
    const device = await testDevice(answer.deviceId, county.keys, key);
    return { device, answer, secret: code.secret };
  }

  function redeem(secret: string, publicKey: Uint8Array) {
    return pinnedRequest(`${county.url}${ENROLMENT_PATH}`, pin(), {
      method: 'POST',
      body: JSON.stringify({ secret, devicePublicKey: toHex(publicKey) }),
      headers: { 'Content-Type': 'application/json' },
    });
  }

  function put(batch: { address: { device: string; epoch: number; seq: number }; bytes: Uint8Array }) {
    const { device, epoch, seq } = batch.address;
    return pinnedRequest(`${county.url}/v1/devices/${device}/batches/${epoch}/${seq}`, pin(), {
      method: 'PUT',
      body: batch.bytes,
    });
  }

  const volunteer = (n: number) => {
    const id = `0190a7c2-0000-7000-8000-${String(n).padStart(12, '0')}`;
    return { table: 'volunteers', id, version: 1, row: { id, active: 1, deleted_at: null } };
  };

  it('refuses the revoked device’s uploads (HTTPS and USB) and enrolment replay; keeps what it sent; audits', async () => {
    const { device, answer, secret } = await enrolled();
    const other = await enrolled();
    const first = await device.batch(1, [volunteer(1)]);
    expect((await put(first)).status).toBe(200);
    await county.ingestor.idle();

    expect(await revokeDevice(county.store, answer.deviceId, new Date())).toBe(true);

    const second = await device.batch(1, [volunteer(2)]);
    const refused = await put(second);
    expect(refused.status).toBe(403);
    expect(errorOf(refused).error).toBe('DEVICE_REVOKED');
    // The same batch on a USB stick: the same verify-and-store path refuses it.
    await expect(receiveBatch(county.store, county.keys, second.address, second.bytes)).rejects.toMatchObject(
      { code: 'DEVICE_REVOKED' },
    );
    // A replay of its first (stored) batch is refused too: nothing of this device is answered any more.
    expect(errorOf(await put(first)).error).toBe('DEVICE_REVOKED');

    // Enrolment replay with the very secret and key that enrolled it: refused, not a fresh answer.
    const replay = await redeem(secret, device.key.publicKey);
    expect(replay.status).toBe(403);
    expect(errorOf(replay).error).toBe('DEVICE_REVOKED');

    const envelopes = await county.store.db
      .selectFrom('envelopes')
      .select('seq')
      .where('device', '=', answer.deviceId)
      .execute();
    expect(envelopes.map((e) => Number(e.seq))).toEqual([1]);
    const rows = await county.store.db
      .selectFrom('county_rows')
      .select('row_id')
      .where('device', '=', answer.deviceId)
      .execute();
    expect(rows).toEqual([{ row_id: volunteer(1).id }]);

    // Other desks go on.
    expect((await put(await other.device.batch(1, [volunteer(3)]))).status).toBe(200);

    const audit = await county.store.db
      .selectFrom('county_audit')
      .select(['action', 'device'])
      .where('action', '=', 'revoke')
      .execute();
    expect(audit).toEqual([{ action: 'revoke', device: answer.deviceId }]);
    // Revoking again keeps the first time; an unknown device is said so.
    const before = await county.store.db
      .selectFrom('devices')
      .select('revoked_at')
      .where('id', '=', answer.deviceId)
      .executeTakeFirstOrThrow();
    expect(await revokeDevice(county.store, answer.deviceId, new Date(Date.now() + 60_000))).toBe(true);
    const after = await county.store.db
      .selectFrom('devices')
      .select('revoked_at')
      .where('id', '=', answer.deviceId)
      .executeTakeFirstOrThrow();
    expect(after.revoked_at).toBe(before.revoked_at);
    expect(await revokeDevice(county.store, '0190a7c2-0000-7000-8000-00000000dead', new Date())).toBe(false);
  });
});

describe('the desk’s message for a revoked desk', () => {
  it('maps the county’s 403 DEVICE_REVOKED to its own code, not a generic rejection', () => {
    const error = countyFailure({
      status: 403,
      body: Buffer.from('{"error":"DEVICE_REVOKED","reason":"revoked"}'),
      headers: {},
    });
    expect(error.code).toBe('SYNC_DEVICE_REVOKED');
  });

  it('has a Chinese and an English text', () => {
    expect(errorMessages['zh-CN'].SYNC_DEVICE_REVOKED).toContain('注销');
    expect(errorMessages.en.SYNC_DEVICE_REVOKED).toContain('revoked');
  });
});
