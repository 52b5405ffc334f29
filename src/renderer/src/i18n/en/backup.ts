import type { Messages } from '../zh-CN';

/** English: backups; keys mirror zh-CN/backup.ts. */
export const backupEn: Pick<Messages, 'backup' | 'backupAudit'> = {
  backup: {
    title: 'Backups',
    intro:
      "The desk backs up all its data, encrypted, on this computer every day, and before every upgrade. A backup opens only with an account's password or the recovery code as they were when it was made.",
    lastBackup: 'Last backup',
    never: 'Never',
    overdue:
      'There has been no backup for more than {{days}} days. Back up now, and keep another copy on a USB stick in a safe place.',
    lastFailure: 'The last automatic backup failed ({{time}}): {{message}}',
    backupNow: 'Back up now',
    backupToUsb: 'Back up to USB…',
    restoreFromFile: 'Restore from a backup…',
    cancel: 'Cancel',
    made: 'Backup done: {{name}} ({{size}})',
    cancelled: 'No folder was chosen; nothing was backed up.',
    progressLabel: 'Backup or restore progress',
    automaticSection: 'Automatic backups on this computer',
    noBackups: 'No backups on this computer yet.',
    colTime: 'Made at',
    colReason: 'Kind',
    colSize: 'Size',
    colActions: 'Actions',
    restoreThis: 'Restore',
    restoreThisLabel: 'Restore the backup of {{time}}',
    rotationSection: 'How many backups to keep',
    keepDaily: 'Keep backups of the last … days',
    keepDailyHelp: 'The newest of each day is kept.',
    keepWeekly: 'Also keep backups of the last … weeks',
    keepWeeklyHelp:
      'The newest of each week is kept; the 3 newest backups made before upgrades are kept as well.',
    rotationSaved: 'Saved',
    dialogTitle: 'Restore from a backup',
    fileChosen: 'Backup file: {{name}} ({{size}})',
    automaticChosen: 'Backup to restore: {{time}}',
    warning:
      "The current data will be replaced by the backup's; changes made after the backup are lost. The desk signs out afterwards; sign in again.",
    credentialIntro:
      'Enter the username and password of an account as they were when the backup was made, or the recovery code of that time. A password changed later does not open an older backup.',
    credentialKind: 'Open the backup with',
    byPassword: 'Username and password',
    byRecoveryCode: 'Recovery code',
    username: 'Username',
    password: 'Password',
    recoveryCode: 'Recovery code',
    confirm: 'I understand the current data will be replaced',
    restore: 'Restore',
    restored: 'Restored from the backup of {{time}}. Please sign in again.',
    chooseFile: 'Choose a backup file…',
    noFile: 'No file was chosen.',
    setupEntry: 'Restore from a backup',
    setupIntro:
      "On a new installation you can restore all data from an earlier backup: choose the backup file (a .cdbk file, e.g. on a USB stick), then enter the recovery code or an administrator's username and password valid when the backup was made.",
    setupBack: 'Back to first-run setup',
  },
  backupAudit: {
    automatic: 'A backup on this computer',
    chosen: 'A chosen backup file',
    desk: 'This computer',
    folder: 'A USB stick or other folder',
    password: "An account's password",
    recovery_code: 'The recovery code',
  },
};
