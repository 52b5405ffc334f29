import type { BackupFile } from './names';

/*
 * Rotation of the desk's own backups folder (settings backupKeepDaily / backupKeepWeekly, 7 and 4 by
 * default). Daily and 立即备份 backups rotate together: kept are the newest backup of each of the
 * `daily` most recent days that have one, and the newest of each of the `weekly` most recent ISO weeks
 * that have one (the two sets overlap; their union stays). Before-migration backups rotate on their own:
 * the newest BEFORE_MIGRATION_KEEP stay, whatever their age (a migration is rare, and its backup is the
 * way back from it). Days and weeks are the desk's local calendar.
 */

export const BEFORE_MIGRATION_KEEP = 3;

export interface RotationCounts {
  daily: number;
  weekly: number;
}

const two = (n: number) => String(n).padStart(2, '0');

function dayKey(at: Date): string {
  return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}`;
}

/** ISO 8601 week of the local date: the week's Thursday decides the year. */
export function isoWeekKey(at: Date): string {
  const day = new Date(Date.UTC(at.getFullYear(), at.getMonth(), at.getDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${two(week)}`;
}

/** The newest file of each of the `count` most recent periods (files are given newest first). */
function newestPerPeriod(
  files: readonly BackupFile[],
  key: (at: Date) => string,
  count: number,
): BackupFile[] {
  const seen = new Set<string>();
  const kept: BackupFile[] = [];
  for (const file of files) {
    if (kept.length >= count) break;
    const period = key(file.createdAt);
    if (seen.has(period)) continue;
    seen.add(period);
    kept.push(file);
  }
  return kept;
}

/** The files rotation removes from `files`. */
export function backupsToRemove(files: readonly BackupFile[], counts: RotationCounts): BackupFile[] {
  const newestFirst = [...files].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const rotating = newestFirst.filter((f) => f.reason !== 'before-migration');
  const keep = new Set<BackupFile>([
    ...newestPerPeriod(rotating, dayKey, counts.daily),
    ...newestPerPeriod(rotating, isoWeekKey, counts.weekly),
    ...newestFirst.filter((f) => f.reason === 'before-migration').slice(0, BEFORE_MIGRATION_KEEP),
  ]);
  return newestFirst.filter((f) => !keep.has(f));
}
