import type { DomainHandlers } from '../dispatcher';
import type { SyncService } from './service';

/** 'sync.*': thin wrappers; the work (and every network and file access) is in the desk's SyncService. */
export function syncHandlers(sync: SyncService) {
  return {
    'sync.status': () => sync.status(),
    'sync.now': () => sync.runNow(),
    'sync.enrol': (input) => sync.enrol(input.code),
    'sync.updateSettings': (input) => sync.updateSettings(input),
    'sync.exportUsb': () => sync.exportUsb(),
    'sync.importReceipts': () => sync.importReceipts(),
  } satisfies DomainHandlers<'sync'>;
}
