import type { Kysely } from 'kysely';
import type { Clock, FolderPurpose } from '../desk';
import type { DB } from '../db';

/**
 * What the sync service needs from the desk around it. The desk's own host (desk-sync.ts) answers
 * from the session: the database exists only while unlocked. Tests, the fault-injection suite and the
 * benchmark can drive the same service on a Store they opened themselves (storeSyncHost).
 */
export interface SyncHost {
  /** The data directory: sync-mark.json lives beside the database. */
  readonly dataDir: string;
  readonly clock: Clock;
  /** The open database, or null while the desk is locked (nothing syncs then). */
  database(): Kysely<DB> | null;
  /** Who acts, for audit entries; null ids when the desk acts by itself (the loop). */
  actor(): { actorId: string | null; actorName: string | null };
  /** The folder chooser (USB courier); null when cancelled. */
  chooseFolder(purpose: FolderPurpose): Promise<string | null>;
}

/** A host over an already open database: for tests and tools that drive sync without the desk's IPC. */
export function storeSyncHost(input: {
  db: Kysely<DB>;
  dataDir: string;
  clock?: Clock;
  folder?: string | (() => string | null);
}): SyncHost {
  return {
    dataDir: input.dataDir,
    clock: input.clock ?? { now: () => new Date() },
    database: () => input.db,
    actor: () => ({ actorId: null, actorName: null }),
    chooseFolder: () => {
      const folder = input.folder ?? null;
      return Promise.resolve(typeof folder === 'function' ? folder() : folder);
    },
  };
}
