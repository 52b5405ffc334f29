import { z } from 'zod';
import { UsernameSchema } from '../users';

/*
 * Desk backups (docs/architecture.md "Backups", docs/archive-format.md "Backup content"). What crosses the
 * IPC boundary is file names (dates only, never a path: a folder name may hold a person's name), times,
 * sizes and progress counters — nothing personal.
 */

/** Why a backup was made: the daily one, 立即备份 (here or to a folder), or the one before a migration. */
export const BACKUP_REASONS = ['daily', 'manual', 'before-migration'] as const;
export const BackupReasonSchema = z.enum(BACKUP_REASONS);
export type BackupReason = z.infer<typeof BackupReasonSchema>;

/** `backup-YYYY-MM-DD-HHmmss[-n][-manual|-before-migration].cdbk`: a date and a kind, nothing else. */
export const BACKUP_FILE_NAME =
  /^backup-\d{4}-\d{2}-\d{2}-\d{6}(?:-\d{1,3})?(?:-manual|-before-migration)?\.cdbk$/;
export const BackupFileNameSchema = z.string().max(80).regex(BACKUP_FILE_NAME);

/** One backup in the desk's own backups folder. */
export const BackupEntrySchema = z.object({
  fileName: BackupFileNameSchema,
  /** When it was made (from its name: local time of the desk). */
  createdAt: z.string(),
  reason: BackupReasonSchema,
  bytes: z.number().int().min(0),
});
export type BackupEntry = z.infer<typeof BackupEntrySchema>;

export const BACKUP_PHASES = [
  'snapshot',
  'sealing',
  'verifying',
  'reading',
  'checking',
  'replacing',
] as const;
export const BackupPhaseSchema = z.enum(BACKUP_PHASES);
export type BackupPhase = z.infer<typeof BackupPhaseSchema>;

/** The long work going on now (one at a time): a backup or a restore, its phase and byte counts. */
export const BackupTaskSchema = z.object({
  kind: z.enum(['backup', 'restore']),
  phase: BackupPhaseSchema,
  /** Bytes done in this phase, of `total` (null: not known, show an indeterminate bar). */
  done: z.number().int().min(0),
  total: z.number().int().min(0).nullable(),
  /** Cancelling is possible until the restore starts replacing files. */
  cancellable: z.boolean(),
});
export type BackupTask = z.infer<typeof BackupTaskSchema>;

/** A backup, restore or automatic backup that failed: when and its error code (no message, no path). */
export const BackupFailureSchema = z.object({ at: z.string(), code: z.string() });

export const BackupStatusSchema = z.object({
  /** The newest backup of any kind (automatic, 立即备份, to a folder); null: never. */
  lastBackupAt: z.string().nullable(),
  /** True when there has been no backup for BACKUP_OVERDUE_DAYS days (or none ever). */
  overdue: z.boolean(),
  /** The desk's own backups folder, newest first. */
  backups: z.array(BackupEntrySchema),
  task: BackupTaskSchema.nullable(),
  /** The last automatic backup that failed, until one succeeds. */
  lastFailure: BackupFailureSchema.nullable(),
});
export type BackupStatus = z.infer<typeof BackupStatusSchema>;

/** The settings page warns after this many days without a backup. */
export const BACKUP_OVERDUE_DAYS = 7;

/** What 立即备份 and 备份到… answer. */
export const BackupMadeSchema = z.object({
  cancelled: z.boolean(),
  fileName: BackupFileNameSchema.nullable(),
  bytes: z.number().int().min(0),
});
export type BackupMade = z.infer<typeof BackupMadeSchema>;

/** The file chosen for a restore: its name and size (the folder is never shown: it may name a person). */
export const ChosenBackupSchema = z.object({
  cancelled: z.boolean(),
  fileName: z.string().max(255).nullable(),
  bytes: z.number().int().min(0),
});
export type ChosenBackup = z.infer<typeof ChosenBackupSchema>;

/** An account's username and password, or the recovery code, as they were when the backup was made. */
export const RestoreCredentialSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('password'),
    username: UsernameSchema,
    password: z.string().min(1).max(128),
  }),
  z.object({ kind: z.literal('recoveryCode'), code: z.string().trim().min(8).max(80) }),
]);
export type RestoreCredential = z.infer<typeof RestoreCredentialSchema>;

export const RestoreSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('automatic'), fileName: BackupFileNameSchema }),
  /** The file picked with backup.chooseFile. */
  z.object({ kind: z.literal('chosen') }),
]);
export type RestoreSource = z.infer<typeof RestoreSourceSchema>;

export const RestoreInputSchema = z.object({
  source: RestoreSourceSchema,
  credential: RestoreCredentialSchema,
});
export type RestoreInput = z.infer<typeof RestoreInputSchema>;

export const RestoreAtSetupInputSchema = z.object({ credential: RestoreCredentialSchema });

/** After a restore the desk is signed out: the answer says when the backup was made. */
export const RestoredSchema = z.object({
  backupCreatedAt: z.string(),
  schemaVersion: z.number().int().min(1),
});
export type Restored = z.infer<typeof RestoredSchema>;
