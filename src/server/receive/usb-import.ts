import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isSyncFormatError } from '../../shared/sync';
import { writeFileAtomic } from '../atomic-file';
import { isCountyError } from '../errors';
import { isRefusedFile, readBoundedFile } from './bounded-file';
import type { CountyKeys } from '../county';
import { DEFAULT_MAX_BODY_BYTES, receiveBatch, type BatchAddress } from './receive';
import type { CountyStore } from '../store';

/**
 * The county half of the USB courier: every `<device>-<epoch>-<seq>.cdsb` in a folder goes through the same
 * receiveBatch as an HTTP upload, and each accepted batch gets `<device>-<epoch>-<seq>.cdsr` (the signed
 * receipt, byte for byte the HTTP answer) written next to it, atomically, for the desk to import. Temp files
 * of a pulled stick (`*.partial`) do not end in `.cdsb` and are never read; a truncated `.cdsb` fails the
 * strict parse. Only regular files of at most the body limit are read (a named pipe or a 2 GiB file with a
 * batch's name is refused, not hung on or read: see bounded-file.ts). One bad file is reported (name and
 * code only) and the rest continue. The caller kicks ingest.
 */
export const BATCH_SUFFIX = '.cdsb';
export const RECEIPT_SUFFIX = '.cdsr';

const FILE = new RegExp(
  `^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})-([1-9][0-9]{0,15})-([1-9][0-9]{0,15})\\${BATCH_SUFFIX}$`,
);

export interface ImportFailure {
  file: string;
  /** A SyncFormatError / CountyError code, BAD_FILE_NAME, NOT_A_FILE, TOO_LARGE or UNREADABLE. */
  code: string;
}

export interface ImportSummary {
  /** Batch files seen (every *.cdsb). */
  files: number;
  /** Newly stored batches. */
  stored: number;
  /** Batches the county already held (same bytes): receipt written again. */
  replayed: number;
  /** Receipt file names written, in import order. */
  receipts: string[];
  failed: ImportFailure[];
}

export interface ImportOptions {
  now?: () => Date;
  maxFileBytes?: number;
}

export function receiptFileName(address: BatchAddress): string {
  return `${address.device}-${address.epoch}-${address.seq}${RECEIPT_SUFFIX}`;
}

/** Device, then epoch, then seq, numerically: the order receiveBatch's chain check needs. */
function compareAddress(a: BatchAddress, b: BatchAddress): number {
  if (a.device !== b.device) return a.device < b.device ? -1 : 1;
  return a.epoch - b.epoch || a.seq - b.seq;
}

export async function importFolder(
  store: CountyStore,
  keys: CountyKeys,
  folder: string,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const summary: ImportSummary = { files: 0, stored: 0, replayed: 0, receipts: [], failed: [] };
  const batches: { file: string; address: BatchAddress }[] = [];
  for (const file of readdirSync(folder).sort()) {
    if (!file.endsWith(BATCH_SUFFIX)) continue;
    summary.files += 1;
    const match = FILE.exec(file);
    const address = match && { device: match[1] ?? '', epoch: Number(match[2]), seq: Number(match[3]) };
    if (!address || !Number.isSafeInteger(address.epoch) || !Number.isSafeInteger(address.seq)) {
      summary.failed.push({ file, code: 'BAD_FILE_NAME' });
      continue;
    }
    batches.push({ file, address });
  }
  batches.sort((a, b) => compareAddress(a.address, b.address));

  const limit = options.maxFileBytes ?? DEFAULT_MAX_BODY_BYTES;
  for (const { file, address } of batches) {
    const path = join(folder, file);
    let bytes: Uint8Array;
    try {
      bytes = readBoundedFile(path, limit);
    } catch (e) {
      summary.failed.push({ file, code: isRefusedFile(e) ? e.reason : 'UNREADABLE' });
      continue;
    }
    try {
      const result = await receiveBatch(store, keys, address, bytes, { now: options.now });
      const receipt = receiptFileName(address);
      writeFileAtomic(join(folder, receipt), result.text);
      summary.receipts.push(receipt);
      if (result.stored) summary.stored += 1;
      else summary.replayed += 1;
    } catch (e) {
      // Refusals are per file; anything else (database down, stick gone while writing) stops the import.
      if (!isSyncFormatError(e) && !isCountyError(e)) throw e;
      summary.failed.push({ file, code: e.code });
    }
  }
  return summary;
}
