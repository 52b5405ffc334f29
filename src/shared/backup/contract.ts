import { channel, Done, NoInput, type ChannelSpec } from '../ipc';
import {
  BackupMadeSchema,
  BackupStatusSchema,
  BackupTaskSchema,
  ChosenBackupSchema,
  RestoreAtSetupInputSchema,
  RestoredSchema,
  RestoreInputSchema,
} from './schemas';

/**
 * 'backup.*' (docs/architecture.md "Backups"). Who may:
 * - status, now (立即备份 into the desk's own backups folder): any signed-in user — the copy stays on
 *   the desk, under the same key;
 * - exportTo (备份到… a folder, the USB stick) and restore: 'settings.manage' (the administrator) — the
 *   one carries the whole store off the desk, the other replaces it;
 * - progress, cancel, chooseFile and restoreAtSetup are public: the first-run wizard restores before any
 *   account exists here (restoreAtSetup is refused once the desk is set up). progress holds counters only.
 * Backups run outside the dispatcher's queue (the desk stays usable; the service runs one task at a time
 * and a lock cancels it); a restore runs inside it, so nothing else touches the store meanwhile.
 */
export const backupContract = {
  'backup.status': channel({
    input: NoInput,
    output: BackupStatusSchema,
    access: 'session',
    activity: 'poll',
    outsideQueue: true,
  }),
  'backup.progress': channel({
    input: NoInput,
    output: BackupTaskSchema.nullable(),
    access: 'public',
    activity: 'poll',
    outsideQueue: true,
  }),
  'backup.now': channel({ input: NoInput, output: BackupMadeSchema, access: 'session', outsideQueue: true }),
  'backup.exportTo': channel({
    input: NoInput,
    output: BackupMadeSchema,
    access: 'settings.manage',
    outsideQueue: true,
  }),
  'backup.cancel': channel({ input: NoInput, output: Done, access: 'public', outsideQueue: true }),
  'backup.chooseFile': channel({ input: NoInput, output: ChosenBackupSchema, access: 'public' }),
  'backup.restore': channel({ input: RestoreInputSchema, output: RestoredSchema, access: 'settings.manage' }),
  'backup.restoreAtSetup': channel({
    input: RestoreAtSetupInputSchema,
    output: RestoredSchema,
    access: 'public',
  }),
} as const satisfies Record<string, ChannelSpec>;
