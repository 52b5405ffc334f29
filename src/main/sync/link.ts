import { DomainError, isDomainError, type ErrorMeta } from '../../shared/errors';
import {
  SyncFailureCodeSchema,
  type SyncBatchSummary,
  type SyncFailureCode,
  type SyncSettings,
  type SyncStatus,
} from '../../shared/sync';
import type { Db } from '../db';
import type { SyncLinkRow, SyncStateRow } from './sync.table';
import { pendingCount } from './outbox';
import { findSyncState } from './state';

/*
 * The sync_link row (migration 0007) and the status the 同步 page shows, assembled from it, sync_state,
 * the outbox and the batch history.
 */

export const HISTORY_LENGTH = 50;

export async function readLink(db: Db): Promise<SyncLinkRow> {
  return db.selectFrom('sync_link').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
}

/** The link and state of an enrolled desk; null before enrolment. */
export interface Enrolled {
  link: SyncLinkRow & {
    server_url: string;
    tls_certificate: string;
    tls_fingerprint: string;
    enrolled_at: string;
  };
  state: SyncStateRow & { county_public_key: string; county_receipt_key: string };
}

export async function findEnrolment(db: Db): Promise<Enrolled | null> {
  const link = await readLink(db);
  const state = await findSyncState(db);
  if (
    link.enrolled_at === null ||
    link.server_url === null ||
    link.tls_certificate === null ||
    link.tls_fingerprint === null ||
    !state ||
    state.county_public_key === null ||
    state.county_receipt_key === null
  ) {
    return null;
  }
  return {
    link: {
      ...link,
      server_url: link.server_url,
      tls_certificate: link.tls_certificate,
      tls_fingerprint: link.tls_fingerprint,
      enrolled_at: link.enrolled_at,
    },
    state: {
      ...state,
      county_public_key: state.county_public_key,
      county_receipt_key: state.county_receipt_key,
    },
  };
}

/** SYNC_NOT_ENROLLED before enrolment. */
export async function requireEnrolment(db: Db): Promise<Enrolled> {
  const enrolled = await findEnrolment(db);
  if (!enrolled) throw new DomainError('SYNC_NOT_ENROLLED');
  return enrolled;
}

export function linkSettings(link: SyncLinkRow): SyncSettings {
  return { autoSync: link.auto_sync === 1, intervalMinutes: link.interval_minutes };
}

export async function writeLinkSettings(db: Db, settings: SyncSettings, now: Date): Promise<void> {
  await db
    .updateTable('sync_link')
    .set({
      auto_sync: settings.autoSync ? 1 : 0,
      interval_minutes: settings.intervalMinutes,
      updated_at: now.toISOString(),
    })
    .where('id', '=', 1)
    .execute();
}

export interface SyncFailure {
  code: SyncFailureCode;
  meta: ErrorMeta;
}

/** What a failed run records: the DomainError's code and meta when it is a sync failure, else INTERNAL. */
export function toSyncFailure(e: unknown): SyncFailure {
  if (isDomainError(e)) {
    const code = SyncFailureCodeSchema.safeParse(e.code);
    if (code.success) return { code: code.data, meta: { ...e.meta } };
  }
  return { code: 'INTERNAL', meta: {} };
}

/** Persists one attempt's outcome (failure null: a success, which clears the last error). */
export async function recordAttempt(
  db: Db,
  outcome: { at: Date; failure: SyncFailure | null },
): Promise<void> {
  const at = outcome.at.toISOString();
  const { failure } = outcome;
  await db
    .updateTable('sync_link')
    .set({
      last_attempt_at: at,
      ...(failure
        ? { last_error_code: failure.code, last_error_at: at, last_error_meta: JSON.stringify(failure.meta) }
        : { last_success_at: at, last_error_code: null, last_error_at: null, last_error_meta: null }),
      updated_at: at,
    })
    .where('id', '=', 1)
    .execute();
}

function storedError(link: SyncLinkRow): SyncStatus['lastError'] {
  if (link.last_error_code === null || link.last_error_at === null) return null;
  const code = SyncFailureCodeSchema.safeParse(link.last_error_code);
  const meta: Record<string, string | number | boolean> = {};
  try {
    const parsed = JSON.parse(link.last_error_meta ?? '{}') as Record<string, unknown>;
    for (const [k, v] of Object.entries(parsed)) {
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') meta[k] = v;
    }
  } catch {
    // The CHECK keeps it valid JSON; an empty meta is the safe reading otherwise.
  }
  return { code: code.success ? code.data : 'INTERNAL', at: link.last_error_at, meta };
}

/** The newest batches, for the 同步 page's history. */
export function batchHistoryQuery(db: Db) {
  return db
    .selectFrom('sync_batches')
    .select(['epoch', 'seq', 'change_count', 'byte_size', 'created_at', 'status', 'delivered_at'])
    .orderBy('id', 'desc')
    .limit(HISTORY_LENGTH);
}

async function history(db: Db): Promise<SyncBatchSummary[]> {
  const rows = await batchHistoryQuery(db).execute();
  return rows.map((r) => ({
    epoch: r.epoch,
    seq: r.seq,
    changeCount: r.change_count,
    byteSize: r.byte_size,
    createdAt: r.created_at,
    status: r.status,
    deliveredAt: r.delivered_at,
  }));
}

export async function sealedBatchCount(db: Db): Promise<number> {
  const row = await db
    .selectFrom('sync_batches')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'sealed')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The status page's view; `running` and `nextAttemptAt` come from the service (memory only). */
export async function readStatus(
  db: Db,
  live: { running: boolean; nextAttemptAt: Date | null; clockSkewMinutes: number | null },
): Promise<SyncStatus> {
  const link = await readLink(db);
  const enrolled = await findEnrolment(db);
  const settings = linkSettings(link);
  return {
    enrolment: enrolled
      ? {
          deviceId: enrolled.state.device_id,
          station: enrolled.link.station ?? '',
          serverUrl: enrolled.link.server_url,
          countyFingerprint: enrolled.state.county_fingerprint ?? '',
          receiptFingerprint: enrolled.state.county_receipt_fingerprint ?? '',
          tlsFingerprint: enrolled.link.tls_fingerprint,
          enrolledAt: enrolled.link.enrolled_at,
        }
      : null,
    settings,
    epoch: enrolled?.state.epoch ?? null,
    pendingChanges: await pendingCount(db),
    sealedBatches: await sealedBatchCount(db),
    running: live.running,
    lastAttemptAt: link.last_attempt_at,
    lastSuccessAt: link.last_success_at,
    lastError: storedError(link),
    nextAttemptAt:
      enrolled && settings.autoSync && live.nextAttemptAt ? live.nextAttemptAt.toISOString() : null,
    clockSkewMinutes: enrolled ? live.clockSkewMinutes : null,
    history: await history(db),
  };
}
