import { X509Certificate } from 'node:crypto';
import type { Kysely } from 'kysely';
import { DomainError, isDomainError } from '../../shared/errors';
import {
  fingerprint,
  fromHex,
  toHex,
  type RawKeyPair,
  decodeEnrolmentCode,
  type EnrolResponse,
} from '../../shared/sync';
import type { Clock } from '../desk';
import type { DB } from '../db';
import { appendAudit } from '../audit';
import { writeSyncMark } from './epoch';
import { readLink } from './link';
import { createEnrolledSyncState, findSyncState } from './state';
import { derFingerprint, postEnrolment, type TransportOptions } from './transport';

/*
 * 设置 → 同步 → 注册: the admin pastes the county's one-time code. The code's TLS pin protects the
 * secret on its first trip; the county's answer is checked for consistency (its fingerprints are of the
 * keys it sent, and it believes in the same certificate), then the device key, the county's keys, the
 * server and its certificate are stored in one transaction and audited (ids and fingerprints only —
 * never the secret or a private key).
 */

export interface EnrolDeps {
  db: Kysely<DB>;
  dataDir: string;
  clock: Clock;
  actor: { actorId: string | null; actorName: string | null };
  /**
   * The device key to send for this code's secret. The service hands out the same key for the same
   * secret until enrolment succeeds, so a retry after a lost answer is the "same secret + same key"
   * that the county answers again.
   */
  deviceKey(secret: string): Promise<RawKeyPair>;
  transport?: TransportOptions;
  /** Network failures are retried this many times (default 3) … */
  retries?: number;
  /** … after retryDelayMs · attempt (default 1 s). */
  retryDelayMs?: number;
}

export interface Enrolment {
  deviceId: string;
  station: string;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function requestWithRetries(
  deps: EnrolDeps,
  code: { url: string; tls: string; secret: string },
  key: RawKeyPair,
): Promise<{ response: EnrolResponse; certificatePem: string }> {
  const retries = deps.retries ?? 3;
  for (let attempt = 0; ; attempt++) {
    try {
      return await postEnrolment(
        code.url,
        code.tls,
        { secret: code.secret, devicePublicKey: toHex(key.publicKey) },
        deps.clock,
        deps.transport,
      );
    } catch (e) {
      if (!isDomainError(e) || e.code !== 'SYNC_UNREACHABLE' || attempt >= retries) throw e;
      await sleep((deps.retryDelayMs ?? 1000) * (attempt + 1));
    }
  }
}

/** The answer must be about the keys it carries and the certificate the code pinned. */
async function checkResponse(
  response: EnrolResponse,
  certificatePem: string,
  pin: string,
): Promise<{ countyPublicKey: Uint8Array; countyReceiptKey: Uint8Array }> {
  const der = new X509Certificate(certificatePem).raw;
  if (response.tlsFingerprint !== pin || derFingerprint(der) !== pin) {
    throw new DomainError('SYNC_CERTIFICATE_MISMATCH');
  }
  const countyPublicKey = fromHex(response.countyPublicKey);
  const countyReceiptKey = fromHex(response.countyReceiptKey);
  if (
    !countyPublicKey ||
    !countyReceiptKey ||
    (await fingerprint(countyPublicKey)) !== response.countyFingerprint ||
    (await fingerprint(countyReceiptKey)) !== response.receiptFingerprint
  ) {
    throw new DomainError('SYNC_REJECTED', { reason: 'BAD_ENROLMENT_RESPONSE' });
  }
  return { countyPublicKey, countyReceiptKey };
}

async function requireNotEnrolled(db: Kysely<DB>): Promise<void> {
  const link = await readLink(db);
  if (link.enrolled_at !== null || (await findSyncState(db))) throw new DomainError('SYNC_ALREADY_ENROLLED');
}

/**
 * Enrols this desk with the county named by `codeText`. Throws SYNC_ENROLMENT_CODE_INVALID,
 * SYNC_ALREADY_ENROLLED, SYNC_ENROLMENT_REFUSED, SYNC_UNREACHABLE, SYNC_CERTIFICATE_MISMATCH,
 * SYNC_RATE_LIMITED or SYNC_REJECTED (a desk clock that is off is no failure: see transport.ts); stores
 * nothing unless it succeeds.
 */
export async function enrolDesk(deps: EnrolDeps, codeText: string): Promise<Enrolment> {
  const code = decodeEnrolmentCode(codeText);
  if (!code) throw new DomainError('SYNC_ENROLMENT_CODE_INVALID');
  await requireNotEnrolled(deps.db);

  const key = await deps.deviceKey(code.secret);
  const { response, certificatePem } = await requestWithRetries(deps, code, key);
  const keys = await checkResponse(response, certificatePem, code.tls);

  const now = deps.clock.now();
  const at = now.toISOString();
  await deps.db.transaction().execute(async (trx) => {
    // Checked again inside the transaction: two enrolments cannot both pass.
    const link = await readLink(trx);
    if (link.enrolled_at !== null || (await findSyncState(trx)))
      throw new DomainError('SYNC_ALREADY_ENROLLED');
    await createEnrolledSyncState(trx, {
      deviceId: response.deviceId,
      deviceKey: key,
      countyPublicKey: keys.countyPublicKey,
      countyReceiptKey: keys.countyReceiptKey,
      now: at,
    });
    await trx
      .updateTable('sync_link')
      .set({
        server_url: code.url,
        station: response.station,
        tls_certificate: certificatePem,
        tls_fingerprint: code.tls,
        enrolled_at: at,
        updated_at: at,
      })
      .where('id', '=', 1)
      .execute();
    await appendAudit(
      trx,
      {
        ...deps.actor,
        action: 'sync.enrolled',
        targetType: 'sync',
        targetId: response.deviceId,
        detail: {
          countyFingerprint: response.countyFingerprint,
          receiptFingerprint: response.receiptFingerprint,
          tlsFingerprint: code.tls,
        },
      },
      now,
    );
  });
  // Epoch 1, nothing sealed yet: from here on a database restored to before a seal is recognised.
  writeSyncMark(deps.dataDir, { device: response.deviceId, epoch: 1, seq: 0 });
  return { deviceId: response.deviceId, station: response.station };
}
