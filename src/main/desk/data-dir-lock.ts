import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { DomainError } from '../../shared/errors';

/*
 * One desk process per data directory. The desktop app and the browser harness both open the same store,
 * and two processes writing it (two sessions, two sync loops, two sequence counters) would corrupt the
 * sync chain even though SQLite keeps the file itself consistent. So each process holds an exclusive lock
 * on `desk.lock` beside the store for as long as it runs.
 *
 * The lock is SQLite's own file lock (an empty, unencrypted database in exclusive locking mode holding a
 * write transaction): the operating system releases it when the process ends in any way — a crash, a
 * kill, a power cut — so there is never a stale lock to clean up, on Linux (fcntl) and Windows (LockFileEx)
 * alike. The file holds nothing but an empty table.
 */

export const DATA_DIR_LOCK_FILE = 'desk.lock';

export interface DataDirLock {
  release(): void;
}

/** Takes the data directory's lock, or throws DATA_DIR_IN_USE when another desk process holds it. */
export function lockDataDir(dataDir: string): DataDirLock {
  const lock = new Database(join(dataDir, DATA_DIR_LOCK_FILE));
  try {
    lock.pragma('busy_timeout = 0');
    lock.pragma('locking_mode = EXCLUSIVE');
    // The rollback journal (not WAL): in exclusive mode a write transaction keeps the file's exclusive lock.
    lock.pragma('journal_mode = DELETE');
    lock.exec('BEGIN EXCLUSIVE');
    lock.exec('CREATE TABLE IF NOT EXISTS held (pid INTEGER)');
  } catch (error) {
    lock.close();
    if (isBusy(error)) throw new DomainError('DATA_DIR_IN_USE');
    throw error;
  }
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      try {
        lock.exec('ROLLBACK');
      } finally {
        lock.close();
      }
    },
  };
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}
