import type { Result } from '../../shared/ipc';
import type { BackupServiceOptions } from '../backup';
import type { DeskProgress } from '../desk';
import type { SyncServiceOptions } from '../sync';

/** The whole backend, built by createApp(dataDir, platform) and shared by Electron, the harness and tests. */
export interface DeskApp {
  /**
   * One contract call: channel check → zod parse → session and role check → service → typed result.
   * Never throws; anything that is not a DomainError becomes INTERNAL (logged without personal data).
   */
  dispatch(channel: string, input: unknown): Promise<Result<unknown>>;
  /** Locks (closes the database, drops the key) and releases everything. */
  close(): Promise<void>;
}

/** What a test or the harness may tune when it builds the app (the sync loop's timings). */
export interface AppOptions {
  sync?: SyncServiceOptions;
  backup?: BackupServiceOptions;
  /**
   * Where long work reports its progress (default: createDeskProgress()). A browser test passes slots of
   * its own that keep a finished build's last report open, so a small store's build stays on screen long
   * enough to be looked at.
   */
  progress?: DeskProgress;
}
