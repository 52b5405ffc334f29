import { sql, type Kysely } from 'kysely';
import { DomainError, isDomainError } from '../../shared/errors';
import { isSyncFormatError, type SignedReceipt } from '../../shared/sync';
import type { Clock } from '../desk';
import type { DB } from '../db';
import { applyReceipt, buildNextBatch, type BuiltBatch } from './batch-builder';
import { checkEpoch, forceNewEpoch, writeSyncMark } from './epoch';
import { isDeskSyncError } from './errors';
import type { Enrolled } from './link';
import { pendingCount } from './outbox';
import { COUNTY_LOST_DATA_REASONS, rebaseline } from './rebaseline';
import { readSyncState, storedKey } from './state';
import { SyncTransport, type TransportOptions } from './transport';

/*
 * One sync run over HTTPS (docs/architecture.md "Sync on the desk"):
 *   1. new-epoch check (a restored backup),
 *   2. resend the sealed batches that have no receipt yet, in order (a crash or a lost answer),
 *   3. seal and send the rest, one batch in flight at a time, each receipt applied before the next batch is
 *      sent — once the county has answered, the next batch is sealed while the one before is in flight,
 *   4. prune delivered batch rows beyond the newest `keepBatches` (a receipt removes its batch's outbox
 *      entries as it is applied).
 * A 409 CONFLICT (the county holds other bytes under one of our seqs) starts a new epoch and goes on.
 * A 422 SEQUENCE_GAP or CHAIN_BROKEN (the county lost batches it had receipted: restored from a backup,
 * or an epoch it has never seen) re-baselines — a new epoch carrying a snapshot of every synced row
 * (rebaseline.ts) — and goes on, once per run.
 * Any failure stops the run where it is: what was sealed stays sealed and is resent next time, and a
 * change reaches `delivered` only through a verified receipt — so a failed run loses nothing.
 */

export interface BatchLimits {
  maxChanges: number;
  maxBytes: number;
}

export const DEFAULT_LIMITS: BatchLimits = { maxChanges: 2000, maxBytes: 2 * 1024 * 1024 };

/**
 * A run that starts with at least this many pending changes (a first sync, a big import, a re-baseline
 * left over) reads tens of MiB of outbox pages exactly once each — they are removed as their receipts come
 * back. Kept in the connection's 64 MiB page cache they would only push out everything else and hold the
 * desk's memory at its highest; so the run caps the cache at LARGE_RUN_CACHE_KIB and gives the old size
 * back when it ends. (Measured with tests/bench/sync.ts: a 100,000-change run peaks ≈ 30–45 MiB lower;
 * its time per change does not change. A small run leaves the cache alone.)
 */
export const LARGE_RUN_CHANGES = 10_000;
export const LARGE_RUN_CACHE_KIB = 16 * 1024;
export const KEEP_DELIVERED_BATCHES = 200;

export interface RunContext {
  db: Kysely<DB>;
  dataDir: string;
  clock: Clock;
  enrolled: Enrolled;
  limits: BatchLimits;
  keepBatches: number;
  transport?: TransportOptions;
  signal?: AbortSignal;
  /** Told, once the run is over, what the county's last answer said of the desk's clock (see transport). */
  onClockSkew?: (minutes: number | null) => void;
}

export interface RunSummary {
  /** Batches whose receipt was applied in this run. */
  delivered: number;
  changes: number;
  /** A new epoch began (restored backup, conflict or re-baseline). */
  newEpoch: boolean;
  /** The county lacked our batches: a new epoch with a full snapshot began. */
  rebaselined: boolean;
}

/** Seals every pending change into batches (the USB export needs them all); returns how many batches. */
export async function sealAll(ctx: Omit<RunContext, 'transport' | 'signal'>): Promise<number> {
  const countyPublicKey = storedKey(ctx.enrolled.state.county_public_key, 'county');
  let sealed = 0;
  for (;;) {
    const batch = await sealNext(ctx, countyPublicKey);
    if (!batch) return sealed;
    sealed += 1;
  }
}

async function sealNext(
  ctx: Pick<RunContext, 'db' | 'dataDir' | 'clock' | 'limits'>,
  countyPublicKey: Uint8Array,
): Promise<BuiltBatch | null> {
  const batch = await buildNextBatch(ctx.db, {
    countyPublicKey,
    now: ctx.clock.now(),
    maxChanges: ctx.limits.maxChanges,
    maxBytes: ctx.limits.maxBytes,
  });
  if (batch) {
    const { device_id: device } = await readSyncState(ctx.db);
    writeSyncMark(ctx.dataDir, { device, epoch: batch.epoch, seq: batch.seq });
  }
  return batch;
}

/** The receipt must be for the batch just sent, and verify under the pinned key; then it is applied. */
async function applyAnswer(
  ctx: RunContext,
  sent: { device: string; epoch: number; seq: number; hash: string },
  signed: SignedReceipt,
  receiptKey: Uint8Array,
): Promise<void> {
  const r = signed.receipt;
  if (r.device !== sent.device || r.epoch !== sent.epoch || r.seq !== sent.seq || r.hash !== sent.hash) {
    throw new DomainError('SYNC_REJECTED', { reason: 'RECEIPT_MISMATCH' });
  }
  try {
    await applyReceipt(ctx.db, signed, receiptKey, ctx.clock.now());
  } catch (e) {
    // A receipt the pinned receipt key did not sign: the county's keys are not the enrolled ones.
    if (isSyncFormatError(e) && e.code === 'BAD_SIGNATURE') throw new DomainError('SYNC_COUNTY_KEY_CHANGED');
    if (isSyncFormatError(e) || isDeskSyncError(e))
      throw new DomainError('SYNC_REJECTED', { reason: e.code });
    throw e;
  }
}

function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new DomainError('SYNC_UNREACHABLE', { cause: 'ABORTED' });
}

type Send = (batch: {
  epoch: number;
  seq: number;
  hash: string;
  bytes: Uint8Array;
  count: number;
}) => Promise<void>;

/** A run may start this many epochs after conflicts; a further conflict waits for the next run. */
const MAX_CONFLICT_EPOCHS = 3;

function isConflict(e: unknown): boolean {
  return isDomainError(e) && e.code === 'SYNC_REJECTED' && e.meta['reason'] === 'CONFLICT';
}

/** The county's reason when it lacks batches it receipted, or null for any other failure. */
function countyLostData(e: unknown): string | null {
  if (!isDomainError(e) || e.code !== 'SYNC_REJECTED') return null;
  const reason = e.meta['reason'];
  return typeof reason === 'string' && COUNTY_LOST_DATA_REASONS.has(reason) ? reason : null;
}

/** A run re-baselines at most this often; a county that still lacks data waits for the next run. */
const MAX_REBASELINES = 1;

/** Steps 2 and 3. */
async function sendAll(ctx: RunContext, countyPublicKey: Uint8Array, send: Send): Promise<void> {
  const { db } = ctx;
  // 2. Sealed before (a failed or interrupted run, a USB export): ids first, one envelope in memory at a time.
  const waiting = await db
    .selectFrom('sync_batches')
    .select('id')
    .where('status', '=', 'sealed')
    .orderBy('epoch')
    .orderBy('seq')
    .execute();
  for (const { id } of waiting) {
    const row = await db
      .selectFrom('sync_batches')
      .select(['epoch', 'seq', 'hash', 'envelope', 'change_count', 'status'])
      .where('id', '=', id)
      .executeTakeFirst();
    // A receipt imported from a USB stick meanwhile may have delivered it already.
    if (!row || row.status !== 'sealed') continue;
    await send({ ...row, bytes: row.envelope, count: row.change_count });
  }
  // 3. The rest, one batch in flight at a time; once the county has answered in this run, the next batch
  // is sealed while the one before is in flight (an unreachable county still costs one sealed batch).
  // Sealing touches only the outbox after the last sealed seq and the batch numbering, never what a
  // receipt changes, and both run in transactions on the one connection, so they cannot interleave.
  let next: Promise<BuiltBatch | null> | undefined;
  let answered = false;
  for (;;) {
    // (With a batch sealed ahead, send() checks before it goes: nothing is left sealing on the way out.)
    if (!next) checkAborted(ctx.signal);
    const batch = await (next ?? sealAhead(ctx, countyPublicKey));
    next = undefined;
    if (!batch) return;
    if (answered) next = sealAhead(ctx, countyPublicKey);
    try {
      await send(batch);
    } catch (e) {
      // Nothing may still be sealing when the caller goes on (a new epoch drops sealed batches); the
      // batch sealed ahead stays sealed and is resent like any other, or dropped with its epoch.
      await next?.catch(() => undefined);
      throw e;
    }
    answered = true;
  }
}

/** sealNext, with its failure held for the await that takes it (never an unhandled rejection meanwhile). */
function sealAhead(
  ctx: Pick<RunContext, 'db' | 'dataDir' | 'clock' | 'limits'>,
  countyPublicKey: Uint8Array,
): Promise<BuiltBatch | null> {
  const sealing = sealNext(ctx, countyPublicKey);
  sealing.catch(() => undefined);
  return sealing;
}

export async function runSync(ctx: RunContext): Promise<RunSummary> {
  const { db } = ctx;
  // The pinned keys first: a damaged one stops the run before anything changes, is sealed or is sent.
  const countyPublicKey = storedKey(ctx.enrolled.state.county_public_key, 'county');
  const receiptKey = storedKey(ctx.enrolled.state.county_receipt_key, 'receipt');
  const epoch = await checkEpoch(db, ctx.dataDir, ctx.clock.now());
  const state = await readSyncState(db);
  const device = state.device_id;
  const { link } = ctx.enrolled;
  const transport = new SyncTransport(
    { url: link.server_url, certificatePem: link.tls_certificate, fingerprint: link.tls_fingerprint },
    ctx.clock,
    ctx.transport,
    ctx.signal,
  );
  const summary: RunSummary = { delivered: 0, changes: 0, newEpoch: epoch.started, rebaselined: false };
  // The device id never changes with the epoch; the epoch and seq come with each batch.
  const send: Send = async (batch) => {
    checkAborted(ctx.signal);
    const signed = await transport.putBatch({ device, epoch: batch.epoch, seq: batch.seq }, batch.bytes);
    await applyAnswer(ctx, { device, ...batch }, signed, receiptKey);
    summary.delivered += 1;
    summary.changes += batch.count;
  };
  let restoreCache: () => Promise<void> = () => Promise.resolve();
  try {
    restoreCache = await capPageCache(db);
    let conflicts = 0;
    let rebaselines = 0;
    for (;;) {
      try {
        await sendAll(ctx, countyPublicKey, send);
        break;
      } catch (e) {
        const lost = countyLostData(e);
        if (lost && rebaselines < MAX_REBASELINES) {
          // 422: the county lacks batches it receipted — send it everything we have, in a new epoch.
          rebaselines += 1;
          await rebaseline(db, ctx.dataDir, ctx.clock.now(), lost);
          summary.newEpoch = true;
          summary.rebaselined = true;
          continue;
        }
        // 409: the county holds other bytes under this seq — we went back in time (see forceNewEpoch).
        if (!isConflict(e) || conflicts >= MAX_CONFLICT_EPOCHS) throw e;
        conflicts += 1;
        await forceNewEpoch(db, ctx.dataDir, ctx.clock.now());
        summary.newEpoch = true;
      }
    }
  } finally {
    // (A store closed under the run has no cache left to give back.)
    await restoreCache().catch(() => undefined);
    transport.close();
    // A warning, not a failure: reported whether the run delivered or not, if any answer came.
    const skew = transport.clockSkewMinutes;
    if (skew !== undefined) ctx.onClockSkew?.(skew);
  }
  // 4.
  await prune(db, ctx.keepBatches);
  return summary;
}

/**
 * With at least `minChanges` pending (LARGE_RUN_CHANGES), the page cache capped at LARGE_RUN_CACHE_KIB;
 * returns what gives the old size back (nothing to do when it was not capped).
 */
export async function capPageCache(
  db: Kysely<DB>,
  minChanges: number = LARGE_RUN_CHANGES,
): Promise<() => Promise<void>> {
  const none = () => Promise.resolve();
  if ((await pendingCount(db)) < minChanges) return none;
  const row = (await sql<{ cache_size: number }>`PRAGMA cache_size`.execute(db)).rows[0];
  const size = Number(row?.cache_size ?? 0);
  // Negative: KiB; positive: pages (of 4 KiB). Only ever made smaller.
  const kib = size < 0 ? -size : size * 4;
  if (!Number.isSafeInteger(size) || kib <= LARGE_RUN_CACHE_KIB) return none;
  await sql`PRAGMA cache_size = ${sql.raw(String(-LARGE_RUN_CACHE_KIB))}`.execute(db);
  return async () => {
    await sql`PRAGMA cache_size = ${sql.raw(String(size))}`.execute(db);
  };
}

/**
 * Delivered batch rows are kept for the newest `keep` (the status page's history, and the highest
 * last_seq that numbering continues from); their outbox entries went with their receipts.
 */
export async function prune(db: Kysely<DB>, keep: number): Promise<void> {
  const cutoff = await db
    .selectFrom('sync_batches')
    .select('id')
    .where('status', '=', 'delivered')
    .orderBy('id', 'desc')
    .limit(1)
    .offset(Math.max(1, keep))
    .executeTakeFirst();
  if (cutoff) {
    await db
      .deleteFrom('sync_batches')
      .where('status', '=', 'delivered')
      .where('id', '<=', cutoff.id)
      .execute();
  }
}
