import { closeSync, constants, fsyncSync, openSync } from 'node:fs';
import { access, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DomainError } from '../../shared/errors';

/*
 * Writing the workbook into the chosen folder safely: a free name (never replacing a file), the bytes into
 * `<name>.partial`, fsync, close, rename, fsync the folder. On failure the partial file is removed and the
 * error says what happened without naming a path: LEDGER_DISK_FULL, LEDGER_FOLDER_UNAVAILABLE,
 * LEDGER_WRITE_FAILED.
 */

/** OS errors that mean "the folder or stick is not there / not writable", not "the write went wrong". */
const UNAVAILABLE = new Set(['ENOENT', 'ENOTDIR', 'EACCES', 'EPERM', 'EROFS', 'ENODEV', 'ENXIO', 'EISDIR']);

export function ledgerWriteError(e: unknown): DomainError {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return new DomainError('LEDGER_DISK_FULL');
  if (typeof code === 'string' && UNAVAILABLE.has(code)) return new DomainError('LEDGER_FOLDER_UNAVAILABLE');
  return new DomainError('LEDGER_WRITE_FAILED');
}

export async function assertWritableFolder(folder: string): Promise<void> {
  try {
    if (!(await stat(folder)).isDirectory()) throw new Error('not a folder');
    await access(folder, constants.W_OK);
  } catch {
    throw new DomainError('LEDGER_FOLDER_UNAVAILABLE');
  }
}

const exists = (path: string): Promise<boolean> =>
  stat(path).then(
    () => true,
    () => false,
  );

/** `stem.ext`, or `stem-2.ext`, `stem-3.ext` … when taken (or being written). */
export async function freeName(folder: string, stem: string, ext: string): Promise<string> {
  for (let n = 1; ; n++) {
    const name = n === 1 ? `${stem}${ext}` : `${stem}-${n}${ext}`;
    if (!(await exists(join(folder, name))) && !(await exists(join(folder, `${name}.partial`)))) return name;
  }
}

function fsyncDir(dir: string): void {
  // Windows cannot open a directory for fsync; NTFS journals the rename's metadata itself.
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes `bytes` as `folder/fileName` (temporary name, fsync, rename); returns the file's size. */
export async function writeFileSafely(folder: string, fileName: string, bytes: Buffer): Promise<number> {
  const final = join(folder, fileName);
  const partial = `${final}.partial`;
  try {
    const fh = await open(partial, 'wx', 0o600);
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    if (await exists(final)) throw Object.assign(new Error('taken'), { code: 'EEXIST' });
    await rename(partial, final);
    fsyncDir(folder);
    return bytes.length;
  } catch (e) {
    await rm(partial, { force: true });
    throw ledgerWriteError(e);
  }
}
