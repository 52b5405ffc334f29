import { rmSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { DomainError } from '../../shared/errors';

/*
 * A consistent, encrypted copy of the live store without stopping the desk. better-sqlite3's backup()
 * cannot write an encrypted target (SQLite3 Multiple Ciphers refuses a backup between databases of
 * different ciphers, and the binding opens the target without key parameters), but `VACUUM INTO` from a
 * keyed connection writes the copy encrypted under the same key — never a plaintext page on disk. It runs
 * on a SEPARATE connection in a worker thread: WAL lets the desk go on writing while the copy reads one
 * consistent snapshot, and the main process (the window's IPC, the timers) stays responsive.
 *
 * The worker is plain CommonJS evaluated from a string, given the resolved path of the native module, so
 * the same code runs under tsx/vitest and in the bundled Electron main without a second bundle entry.
 */

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.modulePath);
let db;
try {
  db = new Database(workerData.dbPath, { fileMustExist: true });
  db.pragma("cipher = 'sqlcipher'");
  db.pragma('legacy = 4');
  db.pragma('key = "x\\'' + Buffer.from(workerData.key).toString('hex') + '\\'"');
  db.pragma('busy_timeout = 5000');
  db.pragma('temp_store = MEMORY');
  db.prepare('SELECT count(*) FROM sqlite_master').get();
  db.prepare('VACUUM INTO ?').run(workerData.target);
  parentPort.postMessage({ ok: true });
} catch (e) {
  parentPort.postMessage({ ok: false, code: (e && e.code) || 'ERROR' });
} finally {
  try { if (db) db.close(); } catch {}
  new Uint8Array(workerData.key).fill(0);
}
`;

let modulePath: string | null = null;

/**
 * Where the worker loads the SQLite binding from. In the packaged app the main process resolves it inside
 * `app.asar`, whose reads Electron redirects to `app.asar.unpacked` for unpacked files; electron-builder.yml
 * unpacks the whole package (asarUnpack), so the worker is given the unpacked path itself and never relies
 * on asar support inside a worker thread.
 */
export function nativeModulePath(resolved = require.resolve('better-sqlite3-multiple-ciphers')): string {
  return resolved.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}

function workerModulePath(): string {
  modulePath ??= nativeModulePath();
  return modulePath;
}

/**
 * Writes an encrypted copy of the database at `dbPath` (key `dbKey`) to `target`, which must not exist.
 * BACKUP_CANCELLED when `signal` aborts (the worker is stopped and the partial copy removed),
 * BACKUP_SNAPSHOT_FAILED when SQLite refuses (the code only is kept, never a message).
 */
export function snapshotDatabase(
  dbPath: string,
  dbKey: Buffer,
  target: string,
  signal?: AbortSignal,
): Promise<void> {
  if (signal?.aborted) return Promise.reject(new DomainError('BACKUP_CANCELLED'));
  // A copy of the key in memory the worker receives by transfer (and zero-fills when done).
  const key = new Uint8Array(dbKey);
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { modulePath: workerModulePath(), dbPath, target, key },
    transferList: [key.buffer],
  });
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    let aborted = false;
    const finish = (error: DomainError | null) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if (!error) {
        resolve();
        return;
      }
      // Only once the worker is gone: a VACUUM still finishing would write the file after the removal.
      void worker
        .terminate()
        .catch(() => undefined)
        .then(() => {
          rmSync(target, { force: true });
          reject(error);
        });
    };
    const onAbort = () => {
      aborted = true;
      finish(new DomainError('BACKUP_CANCELLED'));
    };
    const failed = (code?: string) =>
      finish(
        aborted
          ? new DomainError('BACKUP_CANCELLED')
          : new DomainError('BACKUP_SNAPSHOT_FAILED', code ? { sqlite: code } : {}),
      );
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (answer: { ok: boolean; code?: string }) => {
      if (answer.ok && !aborted) finish(null);
      else failed(answer.code);
    });
    worker.once('error', () => failed());
    worker.once('exit', () => failed());
  });
}
