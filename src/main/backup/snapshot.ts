import { rmSync } from 'node:fs';
import { DomainError } from '../../shared/errors';
import { startStoreWorker } from '../desk';

/*
 * A consistent, encrypted copy of the live store without stopping the desk. better-sqlite3's backup()
 * cannot write an encrypted target (SQLite3 Multiple Ciphers refuses a backup between databases of
 * different ciphers, and the binding opens the target without key parameters), but `VACUUM INTO` from a
 * keyed connection writes the copy encrypted under the same key — never a plaintext page on disk. It runs
 * on a separate connection in a worker thread (src/main/desk/store-worker.ts): WAL lets the desk go on
 * writing while the copy reads one consistent snapshot, and the main process stays responsive.
 */

/**
 * Writes an encrypted copy of the database at `dbPath` (key `dbKey`) to `target`, which must not exist.
 * BACKUP_CANCELLED when `signal` aborts (the worker is stopped and the partial copy removed),
 * BACKUP_SNAPSHOT_FAILED when SQLite refuses (the code only is kept, never a message).
 */
export async function snapshotDatabase(
  dbPath: string,
  dbKey: Buffer,
  target: string,
  signal?: AbortSignal,
): Promise<void> {
  if (signal?.aborted) throw new DomainError('BACKUP_CANCELLED');
  const worker = startStoreWorker(dbPath, dbKey, { kind: 'vacuum-into', target });
  let onAbort = () => {};
  const aborted = new Promise<'aborted'>((resolve) => {
    onAbort = () => resolve('aborted');
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const answer = await Promise.race([worker.done, aborted]);
    if (answer !== 'aborted' && answer.ok && !signal?.aborted) return;
    // Only once the worker is gone: a VACUUM still finishing would write the file after the removal.
    await worker.stop();
    rmSync(target, { force: true });
    if (answer === 'aborted' || signal?.aborted) throw new DomainError('BACKUP_CANCELLED');
    const code = answer.ok ? undefined : answer.code;
    throw new DomainError('BACKUP_SNAPSHOT_FAILED', code ? { sqlite: code } : {});
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
