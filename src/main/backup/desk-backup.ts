import { readdirSync } from 'node:fs';
import type { DeskContext } from '../desk';
import { BackupService, type BackupServiceOptions } from './service';
import { finishRestore, restoreAwaitingSignIn, settleInterruptedRestore } from './swap';
import { removeLeftoverSnapshots } from './write';

/**
 * The desk's backups, bound to the session. At start — before anything reads the keyring or the store —
 * a restore a crash interrupted is settled (swap.ts) and snapshot copies a crash left are removed. A
 * sign-in that opens a restored store ends its restore (the copy kept aside goes); an unlock schedules
 * the daily check; a lock cancels a backup in flight.
 */
export function createDeskBackup(ctx: DeskContext, options?: BackupServiceOptions): BackupService {
  settleInterruptedRestore(ctx.dataDir);
  removeLeftoverSnapshots(ctx.dataDir, readdirSync(ctx.dataDir));
  const backup = new BackupService(ctx, options);
  ctx.session.onUnlock(() => {
    if (restoreAwaitingSignIn(ctx.dataDir)) finishRestore(ctx.dataDir);
    backup.unlocked();
  });
  ctx.session.beforeLock(() => backup.locking());
  return backup;
}
