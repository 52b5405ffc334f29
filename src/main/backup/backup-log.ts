import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeJsonFile } from '../desk';

/*
 * backup-log.json beside the database: when the last backup of any kind was made (a backup written to a
 * stick leaves no file in the desk's folder) and the last automatic backup that failed. Clear text read
 * while locked, so it holds times and an error code only — never a path (a folder may be named after a
 * person) or anything else personal.
 */

export const BACKUP_LOG_FILE = 'backup-log.json';

const LogSchema = z.strictObject({
  lastBackupAt: z.string().datetime().nullable(),
  lastFailure: z.strictObject({ at: z.string().datetime(), code: z.string().max(64) }).nullable(),
});
export type BackupLog = z.infer<typeof LogSchema>;

const EMPTY: BackupLog = { lastBackupAt: null, lastFailure: null };

export function readBackupLog(dataDir: string): BackupLog {
  const read = readJsonFile(join(dataDir, BACKUP_LOG_FILE), LogSchema);
  return read.kind === 'ok' ? read.value : EMPTY;
}

export function recordBackupMade(dataDir: string, at: Date, automatic: boolean): void {
  const log = readBackupLog(dataDir);
  const later = log.lastBackupAt && Date.parse(log.lastBackupAt) > at.getTime() ? log.lastBackupAt : null;
  writeJsonFile(join(dataDir, BACKUP_LOG_FILE), {
    lastBackupAt: later ?? at.toISOString(),
    lastFailure: automatic ? null : log.lastFailure,
  } satisfies BackupLog);
}

export function recordBackupFailed(dataDir: string, at: Date, code: string): void {
  const log = readBackupLog(dataDir);
  writeJsonFile(join(dataDir, BACKUP_LOG_FILE), {
    ...log,
    lastFailure: { at: at.toISOString(), code: code.slice(0, 64) },
  } satisfies BackupLog);
}
