import { DomainError } from '../../shared/errors';
import type { Clock, Platform } from '../app/types';
import type { SyncHost } from '../sync/host';
import { SyncService, type SyncServiceOptions } from '../sync/service';
import { LoginGuard } from './login-guard';
import { Preferences } from './preferences';
import { PendingRecovery } from './recovery-pending';
import { DeskSession } from './session';

/** Everything a service needs: built once per data directory by createApp, passed to every handler. */
export interface DeskContext {
  readonly dataDir: string;
  readonly clock: Clock;
  readonly session: DeskSession;
  readonly guard: LoginGuard;
  readonly prefs: Preferences;
  readonly recovery: PendingRecovery;
  /** The platform's HTML → PDF renderer (src/main/print uses it). */
  readonly printToPdf: Platform['printToPdf'];
  /** The platform's folder chooser (the sync USB courier). */
  readonly chooseFolder: Platform['chooseFolder'];
  /**
   * The desk's sync with the county (src/main/sync/service.ts). Bound to the session: it works on the
   * open store, and a lock waits for its run. Its periodic loop runs once createApp has called start().
   */
  readonly sync: SyncService;
}

export interface DeskContextOptions {
  sync?: SyncServiceOptions;
}

/** For contexts built without a platform (dispatcher unit tests): printing is not available. */
const noPrinting: Platform['printToPdf'] = () => Promise.reject(new DomainError('PRINT_FAILED'));

const noFolder: Platform['chooseFolder'] = () => Promise.resolve(null);

/** The sync service's view of the desk: the database exists only while unlocked. */
function sessionSyncHost(
  dataDir: string,
  clock: Clock,
  session: DeskSession,
  chooseFolder: Platform['chooseFolder'],
): SyncHost {
  return {
    dataDir,
    clock,
    database: () => session.current?.store.db ?? null,
    actor: () => {
      const user = session.current?.user;
      return user ? { actorId: user.id, actorName: user.displayName } : { actorId: null, actorName: null };
    },
    chooseFolder,
  };
}

export function createDeskContext(
  dataDir: string,
  clock: Clock,
  printToPdf: Platform['printToPdf'] = noPrinting,
  chooseFolder: Platform['chooseFolder'] = noFolder,
  options: DeskContextOptions = {},
): DeskContext {
  const session = new DeskSession(dataDir, clock);
  const sync = new SyncService(sessionSyncHost(dataDir, clock, session, chooseFolder), options.sync);
  session.onUnlock(() => sync.unlocked());
  session.beforeLock(() => sync.locking());
  return {
    dataDir,
    clock,
    session,
    guard: new LoginGuard(dataDir, clock),
    prefs: new Preferences(dataDir),
    recovery: new PendingRecovery(),
    printToPdf,
    chooseFolder,
    sync,
  };
}
