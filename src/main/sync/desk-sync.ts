import type { DeskContext } from '../desk';
import type { SyncHost } from './host';
import { SyncService, type SyncServiceOptions } from './service';

/**
 * The desk's sync with the county, bound to the session: it works on the open store (which exists only
 * while unlocked), an unlock schedules its first run, and a lock waits for a run in flight. Its periodic
 * loop runs once the composition root has called start().
 */
export function createDeskSync(ctx: DeskContext, options?: SyncServiceOptions): SyncService {
  const { session } = ctx;
  const host: SyncHost = {
    dataDir: ctx.dataDir,
    clock: ctx.clock,
    database: () => session.current?.store.db ?? null,
    actor: () => {
      const user = session.current?.user;
      return user ? { actorId: user.id, actorName: user.displayName } : { actorId: null, actorName: null };
    },
    chooseFolder: ctx.chooseFolder,
  };
  const sync = new SyncService(host, options);
  session.onUnlock(() => sync.unlocked());
  session.beforeLock(() => sync.locking());
  return sync;
}
