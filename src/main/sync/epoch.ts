import { join } from 'node:path';
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import { ZERO_HASH } from '../../shared/sync';
import type { DB } from '../db';
import type { SyncStateRow } from './sync.table';
import { appendAudit } from '../audit';
import { readJsonFile, writeJsonFile } from '../desk';
import { readSyncState } from './state';

/*
 * A restored backup must not reuse sequence numbers the county already holds. The database cannot tell
 * it was restored, so the data directory keeps a mark beside it: sync-mark.json, the {device, epoch,
 * seq} of the newest sealed batch, rewritten atomically after every seal (and at enrolment, seq 0). It is
 * clear text and holds only counters and the device id. Backups copy the database, not the mark, so a
 * restored database is *behind* its mark: then this desk starts a new epoch (mark.epoch + 1, seq 1,
 * prev = zero hash) and drops its sealed-but-undelivered batches — their changes are still pending in
 * the outbox and go again in the new epoch (the county's upserts make repeats harmless). A missing mark
 * while the database has sealed batches is treated the same way (a data directory moved without it):
 * an extra epoch costs nothing, a reused seq would be refused forever. And should the mark have been
 * restored too (a copy of the whole directory), the county's 409 CONFLICT for a taken seq starts the new
 * epoch instead (forceNewEpoch). And when the county lost batches it had receipted (restored from a
 * backup, a power cut), the new epoch carries a snapshot of every synced row: rebaseline.ts.
 */

export const SYNC_MARK_FILE = 'sync-mark.json';

const markSchema = z.strictObject({
  device: z.string().min(1).max(64),
  epoch: z.number().int().min(1),
  /** The newest sealed batch's seq in that epoch; 0 when none was sealed yet. */
  seq: z.number().int().min(0),
});
export type SyncMark = z.infer<typeof markSchema>;

/** The mark, or null when it is missing or unreadable (an unreadable mark counts as missing). */
export function readSyncMark(dataDir: string): SyncMark | null {
  const read = readJsonFile(join(dataDir, SYNC_MARK_FILE), markSchema);
  return read.kind === 'ok' ? read.value : null;
}

export function writeSyncMark(dataDir: string, mark: SyncMark): void {
  writeJsonFile(join(dataDir, SYNC_MARK_FILE), markSchema.parse(mark));
}

/** The mark that describes a sync_state: its epoch and the seq of its newest sealed batch. */
export function markOf(state: SyncStateRow): SyncMark {
  return { device: state.device_id, epoch: state.epoch, seq: state.next_seq - 1 };
}

export type EpochCheck =
  | { started: false; epoch: number }
  | { started: true; epoch: number; previousEpoch: number; discardedBatches: number };

/**
 * behind_mark / mark_missing: this database was restored; county_conflict: the county holds other bytes
 * under one of our seqs (409); county_lost_data: the county lacks batches it had receipted (422 gap,
 * unknown epoch, broken chain) — a re-baseline (rebaseline.ts).
 */
export type NewEpochReason =
  'behind_mark' | 'mark_missing' | 'county_conflict' | 'county_lost_data' | 'restored';

/** More work in the new epoch's transaction (the re-baseline's snapshot). */
export type InNewEpoch = (trx: Transaction<DB>, check: EpochCheck & { started: true }) => Promise<void>;

/** Why a new epoch is needed, or null. */
function restoredReason(state: SyncStateRow, mark: SyncMark | null): NewEpochReason | null {
  const sealed = state.next_seq - 1;
  if (mark && mark.device === state.device_id) {
    const behind = state.epoch < mark.epoch || (state.epoch === mark.epoch && sealed < mark.seq);
    return behind ? 'behind_mark' : null;
  }
  // No mark of this device: harmless before the first seal of an epoch, a possible restore after it.
  return sealed > 0 ? 'mark_missing' : null;
}

/**
 * Inside a transaction: epoch = the higher of the database's and the mark's, plus one; seq 1, zero prev;
 * sealed-but-undelivered batches dropped (their outbox entries are still pending); audited.
 */
async function startEpoch(
  trx: Transaction<DB>,
  state: SyncStateRow,
  mark: SyncMark | null,
  reason: NewEpochReason,
  now: Date,
): Promise<{ check: EpochCheck; state: SyncStateRow }> {
  const epoch = Math.max(state.epoch, mark?.device === state.device_id ? mark.epoch : 0) + 1;
  const discarded = await trx.deleteFrom('sync_batches').where('status', '=', 'sealed').executeTakeFirst();
  const discardedBatches = Number(discarded.numDeletedRows);
  await trx
    .updateTable('sync_state')
    .set({ epoch, next_seq: 1, last_hash: ZERO_HASH, updated_at: now.toISOString() })
    .where('id', '=', 1)
    .execute();
  await appendAudit(
    trx,
    {
      actorId: null,
      actorName: null,
      action: 'sync.epoch_started',
      targetType: 'sync',
      detail: { epoch, previousEpoch: state.epoch, discardedBatches, reason },
    },
    now,
  );
  return {
    check: { started: true, epoch, previousEpoch: state.epoch, discardedBatches },
    state: { ...state, epoch, next_seq: 1, last_hash: ZERO_HASH },
  };
}

/** Rewrites the mark unless it already describes `state`. */
function syncMarkTo(dataDir: string, mark: SyncMark | null, state: SyncStateRow): void {
  const current = markOf(state);
  if (!mark || mark.device !== current.device || mark.epoch !== current.epoch || mark.seq !== current.seq) {
    writeSyncMark(dataDir, current);
  }
}

/**
 * Step 1 of every sync run (and of a USB export): compares the database with the mark and starts a new
 * epoch when the database was restored. Brings the mark up to date either way (a crash after a seal but
 * before the mark write leaves the mark behind, which is harmless).
 */
export async function checkEpoch(db: Kysely<DB>, dataDir: string, now: Date): Promise<EpochCheck> {
  const mark = readSyncMark(dataDir);
  const { check, state } = await db.transaction().execute(async (trx) => {
    const current = await readSyncState(trx);
    const reason = restoredReason(current, mark);
    if (!reason) return { check: { started: false as const, epoch: current.epoch }, state: current };
    return startEpoch(trx, current, mark, reason, now);
  });
  syncMarkTo(dataDir, mark, state);
  return check;
}

/**
 * The county already holds other bytes under one of our sequence numbers (409 CONFLICT): this database
 * went back in time without the mark noticing (the whole data directory restored, mark included). A new
 * epoch is the way out; the county then supersedes the old one.
 */
export async function forceNewEpoch(
  db: Kysely<DB>,
  dataDir: string,
  now: Date,
  reason: Extract<NewEpochReason, 'county_conflict' | 'county_lost_data' | 'restored'> = 'county_conflict',
  inNewEpoch?: InNewEpoch,
): Promise<EpochCheck> {
  const mark = readSyncMark(dataDir);
  const { check, state } = await db.transaction().execute(async (trx) => {
    const started = await startEpoch(trx, await readSyncState(trx), mark, reason, now);
    if (inNewEpoch && started.check.started) await inNewEpoch(trx, started.check);
    return started;
  });
  syncMarkTo(dataDir, mark, state);
  return check;
}
