import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BACKUP_FILE_NAME, type BackupReason } from '../../shared/backup';

/*
 * Backup file names carry a date, a time and a kind — never a name, an office or a case — so a folder
 * listing (or a stick lost on a bus) tells nothing about who is in the store:
 *   backup-2026-12-03-153012.cdbk                    the daily backup
 *   backup-2026-12-03-153012-manual.cdbk             立即备份 / 备份到…
 *   backup-2026-12-03-153012-before-migration.cdbk   before the schema was upgraded
 * The time is the desk's local time; a second backup in the same second gets `-2`, `-3` … before the kind.
 */

/** The desk's own backups, inside the data directory. */
export const BACKUPS_FOLDER = 'backups';

export interface BackupFile {
  fileName: string;
  createdAt: Date;
  reason: BackupReason;
  bytes: number;
}

const SUFFIX: Readonly<Record<BackupReason, string>> = {
  daily: '',
  manual: '-manual',
  'before-migration': '-before-migration',
};

const two = (n: number) => String(n).padStart(2, '0');

function stamp(at: Date): string {
  return (
    `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}-` +
    `${two(at.getHours())}${two(at.getMinutes())}${two(at.getSeconds())}`
  );
}

/** A name for a backup made at `at` that `taken` does not already hold. */
export function backupFileName(at: Date, reason: BackupReason, taken: (name: string) => boolean): string {
  const base = `backup-${stamp(at)}`;
  for (let n = 1; n < 1000; n += 1) {
    const name = `${base}${n === 1 ? '' : `-${n}`}${SUFFIX[reason]}.cdbk`;
    if (!taken(name)) return name;
  }
  throw new Error('no free backup file name');
}

const PARTS =
  /^backup-(\d{4})-(\d{2})-(\d{2})-(\d{2})(\d{2})(\d{2})(?:-\d{1,3})?(-manual|-before-migration)?\.cdbk$/;

/** The time and kind a backup's name says, or null for any other file. */
export function parseBackupFileName(name: string): { createdAt: Date; reason: BackupReason } | null {
  if (!BACKUP_FILE_NAME.test(name)) return null;
  const m = PARTS.exec(name);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, kind] = m;
  const createdAt = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(createdAt.getTime())) return null;
  const reason: BackupReason =
    kind === '-manual' ? 'manual' : kind === '-before-migration' ? 'before-migration' : 'daily';
  return { createdAt, reason };
}

/** The backups in `folder` (regular files with a backup's name), newest first; [] when there is none. */
export function listBackupFiles(folder: string): BackupFile[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const files: BackupFile[] = [];
  for (const fileName of names) {
    const parsed = parseBackupFileName(fileName);
    if (!parsed) continue;
    const info = statSync(join(folder, fileName), { throwIfNoEntry: false });
    if (!info?.isFile()) continue;
    files.push({ fileName, ...parsed, bytes: info.size });
  }
  return files.sort(
    (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.fileName.localeCompare(a.fileName),
  );
}
