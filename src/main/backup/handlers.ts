import type { DomainHandlers } from '../dispatcher';
import type { BackupService } from './service';

/** 'backup.*': thin wrappers; the work (every file and database access) is in the desk's BackupService. */
export function backupHandlers(backup: BackupService) {
  return {
    'backup.status': () => backup.status(),
    'backup.progress': () => Promise.resolve(backup.progress()),
    'backup.now': (_input, call) => backup.backupNow(call),
    'backup.exportTo': (_input, call) => backup.exportTo(call),
    'backup.cancel': () => {
      backup.cancel();
      return Promise.resolve(null);
    },
    'backup.chooseFile': () => backup.chooseFile(),
    'backup.restore': (input, call) => backup.restore(call, input),
    'backup.restoreAtSetup': (input) => backup.restoreAtSetup(input.credential),
  } satisfies DomainHandlers<'backup'>;
}
