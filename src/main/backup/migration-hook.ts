import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError, isDomainError } from '../../shared/errors';
import { logFailure } from '../../shared/failure';
import { beforeMigrationHooks, DATABASE_FILE, type PendingMigration } from '../desk';
import { recordBackupMade } from './backup-log';
import { backupFileName, BACKUPS_FOLDER, listBackupFiles } from './names';
import { backupsToRemove } from './rotation';
import { ensureFolder, writeFileBackup } from './write';

/*
 * Before every migration (desk/store.ts runs beforeMigrationHooks when an existing store is at a lower
 * schema version than this program's): the checkpointed file — nobody else has it open yet — is sealed
 * into backups/ as a before-migration backup, under the key and keyring it has now. If that fails, the
 * store is NOT migrated and the sign-in is refused (BACKUP_BEFORE_MIGRATION_FAILED): an upgrade without a
 * way back is the one risk a desk that must never lose data does not take. Before-migration backups
 * rotate on their own (rotation.ts: the newest three stay). How far the backup has come is reported to
 * the open (`pending.report`): the sign-in screen shows it, the bytes sealed and then read back as a bar.
 */

async function backupBeforeMigration(pending: PendingMigration): Promise<void> {
  const folder = join(pending.dir, BACKUPS_FOLDER);
  const createdAt = new Date();
  try {
    ensureFolder(folder, true);
    const row = pending.sqlite.prepare("SELECT value FROM settings WHERE key = 'device.id'").get() as
      { value: string } | undefined;
    const deviceId = row ? String(JSON.parse(row.value)) : 'unknown';
    const fileName = backupFileName(createdAt, 'before-migration', (name) => existsSync(join(folder, name)));
    pending.report({ phase: 'backup', done: 0, total: null });
    await writeFileBackup(
      {
        dataDir: pending.dir,
        dbPath: join(pending.dir, DATABASE_FILE),
        dbKey: pending.dbKey,
        schemaVersion: pending.from,
        deviceId,
        reason: 'before-migration',
        createdAt,
      },
      folder,
      fileName,
      // Once every byte is sealed the writer reads the file back and verifies it: 'check', by bytes too.
      (phase, done, total) =>
        pending.report(
          phase === 'verifying' ? { phase: 'check', done, total } : { phase: 'backup', done, total },
        ),
    );
    recordBackupMade(pending.dir, createdAt, false);
    // Only this kind rotates here; the daily ones follow the office's settings, read once the store is open.
    for (const old of backupsToRemove(listBackupFiles(folder), { daily: 1, weekly: 0 })) {
      if (old.reason === 'before-migration') rmSync(join(folder, old.fileName), { force: true });
    }
  } catch (e) {
    logFailure('backup', 'before migration', e);
    throw new DomainError('BACKUP_BEFORE_MIGRATION_FAILED', isDomainError(e) ? { cause: e.code } : {});
  }
}

/** Registers the before-migration backup once (createApp calls it; a module may load twice in tests). */
export function registerBackupBeforeMigration(): void {
  beforeMigrationHooks.register(backupBeforeMigration);
}
