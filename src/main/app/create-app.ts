import { mkdirSync } from 'node:fs';
import { lockDesk } from '../auth';
import { createDeskBackup, registerBackupBeforeMigration } from '../backup';
import { createDeskContext, lockDataDir, type Platform } from '../desk';
import { createDispatcher } from '../dispatcher';
import { registerTimelineFollowers } from '../cases';
import { registerSearchIndexing } from '../search';
import { createDeskSync } from '../sync';
import { deskHandlers } from './registry';
import type { AppOptions, DeskApp } from './types';

/** How often the idle lock is checked when no calls arrive (the dispatcher also checks on every call). */
const IDLE_CHECK_MS = 15_000;

/**
 * The composition root shared by Electron main, the browser harness and the tests: every service is
 * built from the data directory and the platform. Nothing here (or below) imports Electron.
 */
export async function createApp(
  dataDir: string,
  platform: Platform,
  options: AppOptions = {},
): Promise<DeskApp> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // One desk process per data directory (desktop app or browser harness): a second one is refused here.
  const dataDirLock = lockDataDir(dataDir);
  try {
    // Modules that keep data in step with another's writes (the search index, stored timelines) register once.
    registerSearchIndexing();
    registerTimelineFollowers();
    // A backup of the store before any migration of it (the sign-in that opens an older store).
    registerBackupBeforeMigration();
    const ctx = createDeskContext(
      dataDir,
      platform.clock,
      (html) => platform.printToPdf(html),
      (purpose) => platform.chooseFolder(purpose),
      (purpose) => platform.chooseFile(purpose),
      options.progress,
    );
    const sync = createDeskSync(ctx, options.sync);
    // Settles a restore a crash interrupted before anything reads the keyring or the store.
    const backup = createDeskBackup(ctx, options.backup);
    const dispatcher = createDispatcher(ctx, deskHandlers({ sync, backup }), lockDesk);
    // Syncs by itself while the desk is unlocked (the service waits for an unlock, then for its interval).
    sync.start();

    // Locks an unattended desk (closing the database, dropping the key) even if the window sends nothing.
    const idleTimer = setInterval(() => void dispatcher.lockIfIdle(), IDLE_CHECK_MS);
    idleTimer.unref();
    return {
      dispatch: (channel, input) => dispatcher.dispatch(channel, input),
      async close() {
        clearInterval(idleTimer);
        try {
          // Stops the loop and aborts a run in flight before the lock closes the store.
          await sync.close();
          await backup.close();
          await dispatcher.close();
        } finally {
          try {
            await platform.dispose();
          } finally {
            dataDirLock.release();
          }
        }
      },
    };
  } catch (error) {
    dataDirLock.release();
    throw error;
  }
}
