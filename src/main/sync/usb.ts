import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { DomainError } from '../../shared/errors';
import { type UsbExportResult, type UsbImportResult, isSyncFormatError } from '../../shared/sync';
import type { DB } from '../db';
import { isDeskSyncError } from './errors';
import type { Enrolled } from './link';
import { storedKey } from './state';
import { importReceiptFile, writeBatchFiles } from './usb-courier';
import { isRefusedFile } from './usb-file';

/*
 * The desk's half of the USB courier, around usb-courier.ts: errors of the stick itself (pulled,
 * read-only, full) become SYNC_FOLDER_UNAVAILABLE; nothing is marked delivered by an export, and an
 * import marks exactly the batches whose receipts verify.
 */

export const RECEIPT_FILE_SUFFIX = '.cdsr';

/** A file-system failure (Node's errors carry a syscall); the stick, not the data. */
function isFsError(e: unknown): boolean {
  const err = e as { code?: unknown; syscall?: unknown } | null;
  return typeof err?.code === 'string' && typeof err.syscall === 'string';
}

function folderUnavailable(e: unknown): DomainError {
  const code = (e as { code?: unknown } | null)?.code;
  return new DomainError(
    'SYNC_FOLDER_UNAVAILABLE',
    typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(code) ? { cause: code } : {},
  );
}

function requireFolder(folder: string): void {
  let isDir: boolean;
  try {
    isDir = statSync(folder).isDirectory();
  } catch (e) {
    throw folderUnavailable(e);
  }
  if (!isDir) throw new DomainError('SYNC_FOLDER_UNAVAILABLE', { cause: 'ENOTDIR' });
}

/** Writes every sealed batch into `folder` (seal first: see sealAll). */
export async function exportBatches(
  db: Kysely<DB>,
  folder: string,
): Promise<Omit<UsbExportResult, 'cancelled'>> {
  requireFolder(folder);
  let names: string[];
  try {
    names = await writeBatchFiles(db, folder);
  } catch (e) {
    // A file that did not read back with its hash is a failing stick too.
    if (isFsError(e) || (isDeskSyncError(e) && e.code === 'WRITE_VERIFY_FAILED')) throw folderUnavailable(e);
    throw e;
  }
  const total = await db
    .selectFrom('sync_batches')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('change_count'), eb.lit(0)).as('n'))
    .where('status', '=', 'sealed')
    .executeTakeFirstOrThrow();
  return { fileCount: names.length, changeCount: Number(total.n) };
}

/**
 * Applies every `*.cdsr` in `folder`; files that do not verify or match no batch are counted (rejected),
 * and so are files that are not regular files of receipt size (refused, never read), none of them fatal.
 */
export async function importReceipts(
  db: Kysely<DB>,
  folder: string,
  enrolled: Enrolled,
  now: Date,
): Promise<Omit<UsbImportResult, 'cancelled'>> {
  // A damaged pinned key is this desk's fault, not the files': it must not count every receipt as rejected.
  const receiptKey = storedKey(enrolled.state.county_receipt_key, 'receipt');
  requireFolder(folder);
  let files: string[];
  try {
    files = readdirSync(folder)
      .filter((f) => f.endsWith(RECEIPT_FILE_SUFFIX))
      .sort();
  } catch (e) {
    throw folderUnavailable(e);
  }
  const result = { applied: 0, alreadyApplied: 0, rejected: 0, refused: 0 };
  for (const file of files) {
    try {
      const applied = await importReceiptFile(db, join(folder, file), receiptKey, now);
      if (applied.applied) result.applied += 1;
      else result.alreadyApplied += 1;
    } catch (e) {
      if (isRefusedFile(e)) {
        result.refused += 1;
        continue;
      }
      // The stick went away mid-import: what was applied stays applied (one transaction per receipt).
      const notAFile = (e as { code?: unknown }).code === 'EISDIR';
      if (isFsError(e) && !notAFile) throw folderUnavailable(e);
      if (notAFile || isSyncFormatError(e) || isDeskSyncError(e)) result.rejected += 1;
      else throw e;
    }
  }
  return result;
}
