import { Worker } from 'node:worker_threads';

/*
 * Work on the store that must not block the main process, on a SEPARATE keyed connection in a worker
 * thread: WAL lets the desk go on reading and writing meanwhile.
 *   - 'vacuum-into': a consistent, encrypted copy of the store (backups, src/main/backup/snapshot.ts);
 *   - 'checkpoint': a passive checkpoint, copying the write-ahead log into desk.db after a large write
 *     (store.ts, writeDeferringCheckpoint).
 *
 * The worker is plain CommonJS evaluated from a string, given the resolved path of the native module, so
 * the same code runs under tsx/vitest and in the bundled Electron main without a second bundle entry. Its
 * answer carries SQLite's error code only, never a message.
 */

export type StoreWorkerTask = { kind: 'vacuum-into'; target: string } | { kind: 'checkpoint' };

export type StoreWorkerAnswer = { ok: true } | { ok: false; code?: string };

export interface StoreWorker {
  /** Settles once: the worker's answer, or a failure when it died without one. */
  readonly done: Promise<StoreWorkerAnswer>;
  /** Stops the worker (its current SQLite call finishes first) and resolves when the thread is gone. */
  stop(): Promise<void>;
}

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
  const task = workerData.task;
  if (task.kind === 'vacuum-into') db.prepare('VACUUM INTO ?').run(task.target);
  else if (task.kind === 'checkpoint') db.pragma('wal_checkpoint(PASSIVE)');
  else throw Object.assign(new Error('unknown task'), { code: 'UNKNOWN_TASK' });
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

/** Starts `task` on the database at `dbPath` (key `dbKey`, copied for the worker, which zero-fills it). */
export function startStoreWorker(dbPath: string, dbKey: Buffer, task: StoreWorkerTask): StoreWorker {
  const key = new Uint8Array(dbKey);
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { modulePath: workerModulePath(), dbPath, task, key },
    transferList: [key.buffer],
  });
  const done = new Promise<StoreWorkerAnswer>((resolve) => {
    worker.once('message', (answer: StoreWorkerAnswer) => resolve(answer));
    worker.once('error', () => resolve({ ok: false }));
    worker.once('exit', () => resolve({ ok: false }));
  });
  return {
    done,
    async stop() {
      await worker.terminate().catch(() => undefined);
    },
  };
}
