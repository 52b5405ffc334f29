import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  encodeEnrolmentCode,
  enrolRequestSchema,
  enrolResponseSchema,
  fingerprint,
  toHex,
  type EnrolRequest,
  type EnrolResponse,
} from '../../shared/sync';
import { CountyError } from '../errors';
import type { CountyKeys } from '../county';
import { addDevice, type CountyStore } from '../store';

/**
 * One-time enrolment codes (docs/sync-format.md, "Enrolment"). The county keeps only SHA-256 of each
 * secret, so a copy of the database does not hold usable codes, and a code is looked up by that hash (an
 * index lookup on a value the caller cannot steer, not a comparison that leaks how much of it matched).
 * Every refusal — unknown, expired, redeemed by another key — is the same ENROLMENT_REFUSED, so the answer
 * tells a guesser nothing.
 */
export const DEFAULT_ENROLMENT_DAYS = 7;
export const MAX_STATION_LENGTH = 100;

const DAY_MS = 24 * 60 * 60 * 1000;
const REFUSED = 'the code is unknown, expired or already used';

export interface EnrolmentCodeInput {
  station: string;
  url: string;
  tlsFingerprint: string;
  now: Date;
  validDays?: number;
}

function secretHash(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** The station name as stored and shown: trimmed, 1–100 characters, no control characters. */
export function checkStation(station: string): string {
  const name = station.trim();
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (name.length === 0 || name.length > MAX_STATION_LENGTH || /[\u0000-\u001f\u007f]/.test(name)) {
    throw new CountyError(
      'INVALID_STATION',
      `station name must be 1–${MAX_STATION_LENGTH} printable characters`,
    );
  }
  return name;
}

/** Creates and records a one-time code; the code itself is returned once and never stored. */
export async function createEnrolmentCode(
  store: CountyStore,
  input: EnrolmentCodeInput,
): Promise<{ code: string; expiresAt: string }> {
  const station = checkStation(input.station);
  const secret = randomBytes(16).toString('hex');
  // encodeEnrolmentCode validates url and fingerprint, so nothing is recorded for a code that cannot exist.
  const code = encodeEnrolmentCode({ url: input.url, secret, tls: input.tlsFingerprint });
  const expiresAt = new Date(input.now.getTime() + (input.validDays ?? DEFAULT_ENROLMENT_DAYS) * DAY_MS);
  await store.db
    .insertInto('enrolments')
    .values({
      secret_hash: secretHash(secret),
      station,
      created_at: input.now.toISOString(),
      expires_at: expiresAt.toISOString(),
      device_id: null,
      redeemed_at: null,
    })
    .execute();
  return { code, expiresAt: expiresAt.toISOString() };
}

async function answer(
  keys: CountyKeys,
  tlsFingerprint: string,
  deviceId: string,
  station: string,
): Promise<EnrolResponse> {
  return enrolResponseSchema.parse({
    deviceId,
    station,
    countyPublicKey: toHex(keys.encryption.publicKey),
    countyReceiptKey: toHex(keys.signing.publicKey),
    countyFingerprint: keys.fingerprint,
    receiptFingerprint: await fingerprint(keys.signing.publicKey),
    tlsFingerprint,
  });
}

/** Thrown inside the redeem transaction when another request redeemed the code first. */
class LostRace extends Error {}

/**
 * Redeems a code for one device key: creates the device (county-assigned UUID) and answers with the
 * county's keys. The same secret with the same key again gets the same answer (a desk whose response was
 * lost retries); anything else is ENROLMENT_REFUSED.
 */
export async function redeemEnrolment(
  store: CountyStore,
  keys: CountyKeys,
  tlsFingerprint: string,
  request: EnrolRequest,
  now: Date,
): Promise<EnrolResponse> {
  const checked = enrolRequestSchema.safeParse(request);
  if (!checked.success) throw new CountyError('ENROLMENT_REFUSED', 'malformed request');
  const { secret, devicePublicKey } = checked.data;
  const hash = secretHash(secret);

  for (let attempt = 0; attempt < 3; attempt += 1) {
    const enrolment = await store.db
      .selectFrom('enrolments')
      .selectAll()
      .where('secret_hash', '=', hash)
      .executeTakeFirst();
    if (!enrolment) throw new CountyError('ENROLMENT_REFUSED', REFUSED);

    if (enrolment.device_id !== null) {
      const device = await store.db
        .selectFrom('devices')
        .select(['id', 'station', 'public_key', 'revoked_at'])
        .where('id', '=', enrolment.device_id)
        .executeTakeFirst();
      if (!device || device.public_key !== devicePublicKey)
        throw new CountyError('ENROLMENT_REFUSED', REFUSED);
      // The holder of the secret and the key learns why: a revoked desk must not come back by a replay.
      if (device.revoked_at !== null) throw new CountyError('DEVICE_REVOKED', 'this device was revoked');
      return answer(keys, tlsFingerprint, device.id, device.station);
    }
    if (Date.parse(enrolment.expires_at) <= now.getTime())
      throw new CountyError('ENROLMENT_REFUSED', REFUSED);

    const taken = await store.db
      .selectFrom('devices')
      .select(['id', 'station', 'enrolment_code_hash', 'revoked_at'])
      .where('public_key', '=', devicePublicKey)
      .executeTakeFirst();
    if (taken?.revoked_at) throw new CountyError('DEVICE_REVOKED', 'this device was revoked');
    if (taken) {
      // A concurrent retry of this very redeem committed after we read the code: the same answer.
      if (taken.enrolment_code_hash === hash) return answer(keys, tlsFingerprint, taken.id, taken.station);
      // One key, one device: a key already enrolled under another code would make two ids for one desk.
      throw new CountyError('ENROLMENT_REFUSED', REFUSED);
    }

    const deviceId = randomUUID();
    try {
      await store.db.transaction().execute(async (trx) => {
        // Claim the code first: on PostgreSQL a concurrent claim waits on this row and then updates nothing.
        const claimed = await trx
          .updateTable('enrolments')
          .set({ device_id: deviceId, redeemed_at: now.toISOString() })
          .where('secret_hash', '=', hash)
          .where('device_id', 'is', null)
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1) throw new LostRace();
        await addDevice(trx, {
          id: deviceId,
          station: enrolment.station,
          enrolmentCodeHash: hash,
          publicKey: devicePublicKey,
          enrolledAt: now.toISOString(),
        });
      });
      return answer(keys, tlsFingerprint, deviceId, enrolment.station);
    } catch (e) {
      // Lost a race (the code, or the unique key); the next round reads what the winner wrote.
      if (!(e instanceof LostRace) && attempt === 2) throw e;
    }
  }
  throw new CountyError('ENROLMENT_REFUSED', REFUSED);
}
