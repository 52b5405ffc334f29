import { promisify } from 'node:util';
import { constants as zlib, gzip } from 'node:zlib';
import type { Kysely } from 'kysely';
import type { DB, Db } from '../db';
import { sealBatch, serializeSignedReceipt, verifyReceipt, type SignedReceipt } from '../../shared/sync';
import { auditChainHead } from '../audit';
import { DeskSyncError } from './errors';
import { pendingBody, removeDelivered } from './outbox';
import { readSyncState, storedKey } from './state';

/*
 * Seals the next batch of pending outbox changes and applies the county's receipts. The batch row and
 * the state (next_seq, last_hash) advance in one transaction, so a crash either leaves no trace (the next
 * build takes the same changes again) or a complete sealed batch (the next build continues after its
 * last seq). Changes reach `delivered` only through a verified receipt, which marks the batch row and
 * removes the batch's outbox entries in one transaction.
 */

export interface BuildOptions {
  /** Raw X25519 public key of the county (32 bytes). */
  countyPublicKey: Uint8Array;
  now: Date;
  /** At most this many changes per batch (≥ 1). */
  maxChanges: number;
  /** At most this many bytes of change lines (a single larger change still goes alone). */
  maxBytes: number;
}

export interface BuiltBatch {
  epoch: number;
  seq: number;
  hash: string;
  /** The whole envelope. */
  bytes: Uint8Array;
  firstSeq: number;
  lastSeq: number;
  count: number;
}

/** The highest outbox seq already inside a sealed (or delivered) batch; 0 if none (index sync_batches_last_seq). */
async function lastBatchedSeq(db: Db): Promise<number> {
  const row = await db
    .selectFrom('sync_batches')
    .select((eb) => eb.fn.max('last_seq').as('last'))
    .executeTakeFirst();
  return Number(row?.last ?? 0);
}

const gzipAsync = promisify(gzip);

/**
 * zlib's fastest level: on a batch of casework changes (tests/bench/sync.ts) it takes less than half the
 * time of the default level 6 for bodies ≈ 13 % larger (≈ 115 bytes a change instead of 102) — sealing's
 * largest cost, and the few extra bytes cost the county far less to store than the time saved here.
 */
const GZIP_OPTIONS = { level: zlib.Z_BEST_SPEED };

/** Seals and records the next batch; null when no change is waiting outside a sealed batch. */
export async function buildNextBatch(db: Kysely<DB>, options: BuildOptions): Promise<BuiltBatch | null> {
  // One transaction from reading the state to recording the batch: two builds cannot take the same seq.
  return db.transaction().execute(async (trx) => {
    const state = await readSyncState(trx);
    const afterSeq = await lastBatchedSeq(trx);
    const pending = await pendingBody(trx, {
      afterSeq,
      limit: options.maxChanges,
      maxBytes: options.maxBytes,
    });
    if (!pending) return null;
    const { firstSeq, lastSeq, count } = pending;
    const createdAt = options.now.toISOString();
    // The audit chain's head rides along, so the county notices a chain cut short or rewritten.
    const audit = await auditChainHead(trx);
    const sealed = await sealBatch({
      auditSeq: audit.seq,
      auditHead: audit.hash,
      device: state.device_id,
      epoch: state.epoch,
      seq: state.next_seq,
      prev: state.last_hash,
      count,
      createdAt,
      // gzip on libuv's thread pool, so the event loop goes on meanwhile (a batch in flight, a receipt).
      plaintext: await gzipAsync(pending.body, GZIP_OPTIONS),
      countyPublicKey: options.countyPublicKey,
      deviceSigningKey: storedKey(state.device_private_key, 'device'),
    });
    await trx
      .insertInto('sync_batches')
      .values({
        epoch: state.epoch,
        seq: state.next_seq,
        hash: sealed.hash,
        first_seq: firstSeq,
        last_seq: lastSeq,
        change_count: count,
        byte_size: sealed.bytes.length,
        envelope: Buffer.from(sealed.bytes),
        created_at: createdAt,
        status: 'sealed',
        receipt: null,
        delivered_at: null,
      })
      .execute();
    await trx
      .updateTable('sync_state')
      .set({ next_seq: state.next_seq + 1, last_hash: sealed.hash, updated_at: createdAt })
      .where('id', '=', 1)
      .execute();
    return {
      epoch: state.epoch,
      seq: state.next_seq,
      hash: sealed.hash,
      bytes: sealed.bytes,
      firstSeq,
      lastSeq,
      count,
    };
  });
}

export interface AppliedReceipt {
  epoch: number;
  seq: number;
  /** False when the batch was already delivered (a replayed receipt changes nothing). */
  applied: boolean;
  /** Outbox entries delivered (and removed) by it. */
  delivered: number;
}

/**
 * Verifies the county's receipt under the pinned receipt key (SyncFormatError BAD_SIGNATURE otherwise),
 * matches it to a sealed batch of this device, marks that batch delivered and removes its outbox range, in
 * one transaction. DeskSyncError UNKNOWN_BATCH / RECEIPT_MISMATCH leave everything unchanged.
 */
export async function applyReceipt(
  db: Kysely<DB>,
  signed: SignedReceipt,
  countyReceiptKey: Uint8Array,
  now: Date = new Date(),
): Promise<AppliedReceipt> {
  const receipt = await verifyReceipt(signed, countyReceiptKey);
  return db.transaction().execute(async (trx) => {
    const state = await readSyncState(trx);
    if (receipt.device !== state.device_id) throw new DeskSyncError('UNKNOWN_BATCH', 'receipt device');
    const batch = await trx
      .selectFrom('sync_batches')
      .selectAll()
      .where('epoch', '=', receipt.epoch)
      .where('seq', '=', receipt.seq)
      .executeTakeFirst();
    if (!batch) throw new DeskSyncError('UNKNOWN_BATCH', `epoch ${receipt.epoch} seq ${receipt.seq}`);
    if (batch.hash !== receipt.hash) throw new DeskSyncError('RECEIPT_MISMATCH', 'receipt hash');
    const result = { epoch: batch.epoch, seq: batch.seq };
    if (batch.status === 'delivered') return { ...result, applied: false, delivered: 0 };
    await trx
      .updateTable('sync_batches')
      .set({ status: 'delivered', receipt: serializeSignedReceipt(signed), delivered_at: now.toISOString() })
      .where('id', '=', batch.id)
      .execute();
    const delivered = await removeDelivered(trx, { firstSeq: batch.first_seq, lastSeq: batch.last_seq });
    if (delivered !== batch.change_count) {
      throw new DeskSyncError('OUTBOX_MISMATCH', `removed ${delivered} of ${batch.change_count}`);
    }
    return { ...result, applied: true, delivered };
  });
}
