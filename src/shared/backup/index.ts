export { backupContract } from './contract';
export {
  BACKUP_FILE_NAME,
  BACKUP_OVERDUE_DAYS,
  BACKUP_PHASES,
  BACKUP_REASONS,
  BackupEntrySchema,
  BackupFileNameSchema,
  BackupReasonSchema,
  BackupStatusSchema,
  BackupTaskSchema,
  RestoreCredentialSchema,
} from './schemas';
export type {
  BackupEntry,
  BackupMade,
  BackupPhase,
  BackupReason,
  BackupStatus,
  BackupTask,
  ChosenBackup,
  RestoreCredential,
  RestoreInput,
  RestoreSource,
  Restored,
} from './schemas';
