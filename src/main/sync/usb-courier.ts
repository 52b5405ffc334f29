import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../db';
import { envelopeHash, parseSignedReceipt } from '../../shared/sync';
import { applyReceipt, type AppliedReceipt } from './batch-builder';
import { DeskSyncError } from './errors';
import { readSyncState } from './state';
import { readBoundedFile } from './usb-file';

/*
 * The USB courier moves sealed envelopes to a stick and receipts back. Files are named only by device id,
 * epoch and seq. A file gets its final `.cdsb` name only after its bytes were synced and read back with the
 * sealed hash, so a stick pulled mid-write leaves at most a `.partial` temp file (never imported as a
 * batch), and any truncated `.cdsb` is refused by the county's strict parse anyway.
 */

export const BATCH_FILE_SUFFIX = '.cdsb';
/** A signed receipt is a few hundred bytes; anything over this is not one (and is not read whole). */
export const MAX_RECEIPT_FILE_BYTES = 64 * 1024;

export function batchFileName(device: string, epoch: number, seq: number): string {
  return `${device}-${epoch}-${seq}${BATCH_FILE_SUFFIX}`;
}

function writeSynced(path: string, bytes: Uint8Array): void {
  const fd = openSync(path, 'w');
  try {
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Best effort: make the rename durable (directories cannot be fsynced on every platform). */
function syncDir(folder: string): void {
  try {
    const fd = openSync(folder, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Windows cannot open a directory; the rename is still atomic there.
  }
}

/** Writes every sealed, not yet delivered batch into `folder`; returns the file names in batch order. */
export async function writeBatchFiles(db: Kysely<DB>, folder: string): Promise<string[]> {
  const state = await readSyncState(db);
  const batches = await db
    .selectFrom('sync_batches')
    .select(['epoch', 'seq', 'hash', 'envelope'])
    .where('status', '=', 'sealed')
    .orderBy('epoch')
    .orderBy('seq')
    .execute();
  const names: string[] = [];
  for (const batch of batches) {
    const name = batchFileName(state.device_id, batch.epoch, batch.seq);
    const temp = join(folder, `${name}.${randomBytes(6).toString('hex')}.partial`);
    try {
      writeSynced(temp, batch.envelope);
      if ((await envelopeHash(readFileSync(temp))) !== batch.hash) {
        throw new DeskSyncError('WRITE_VERIFY_FAILED', `batch ${batch.epoch}-${batch.seq}`);
      }
      renameSync(temp, join(folder, name));
    } catch (e) {
      rmSync(temp, { force: true });
      throw e;
    }
    syncDir(folder);
    names.push(name);
  }
  return names;
}

/**
 * Reads a receipt file from the county and applies it (see applyReceipt). Only a regular file of at most
 * MAX_RECEIPT_FILE_BYTES is read (RefusedFile otherwise: a named pipe is not waited on, a huge file not
 * read).
 */
export async function importReceiptFile(
  db: Kysely<DB>,
  path: string,
  countyReceiptKey: Uint8Array,
  now: Date = new Date(),
): Promise<AppliedReceipt> {
  const text = readBoundedFile(path, MAX_RECEIPT_FILE_BYTES).toString('utf8');
  return applyReceipt(db, parseSignedReceipt(text), countyReceiptKey, now);
}
