export { backupHandlers } from './handlers';
export { createDeskBackup } from './desk-backup';
export { registerBackupBeforeMigration } from './migration-hook';
export { BackupService } from './service';
export type { BackupServiceOptions } from './service';
