import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { Kysely, SqliteDialect } from 'kysely';
import type { StoreUpgrade } from '../../shared/auth';
import { DomainError } from '../../shared/errors';
import { DATABASE_FILE, DB_KEY_BYTES } from './keyring';
import { WriteHooks } from './hooks';
import { startStoreWorker } from './store-worker';
import { currentVersion, latestSchemaVersion, migrateToLatest, type DB } from '../db';

/*
 * The encrypted local store: SQLCipher 4 format (better-sqlite3-multiple-ciphers, cipher 'sqlcipher',
 * legacy=4) keyed with the raw 32-byte database key — SQLCipher's `x'hex'` raw-key form, so no passphrase
 * KDF runs and Zetetic's own library can open the file with the same key. Lock = close() and drop the key.
 */

export interface Store {
  db: Kysely<DB>;
  sqlite: Database.Database;
  /** Full path of desk.db. */
  readonly path: string;
  /**
   * Runs a large write (an import of thousands of cases) with SQLite's automatic checkpoint held off, so
   * its commit does not also copy the whole write-ahead log into desk.db (≈2 s for 200 MiB) while the
   * user waits. The commit is durable either way (synchronous=FULL syncs the WAL). Afterwards a worker
   * thread, on its own connection, runs a passive checkpoint; close() waits for it.
   */
  writeDeferringCheckpoint<T>(dbKey: Buffer, write: () => Promise<T>): Promise<T>;
  /** Resolves once the background checkpoints started so far have finished (successfully or not). */
  checkpointsSettled(): Promise<void>;
  /** Checkpoints the WAL into the encrypted main file and closes. Safe to call twice. */
  close(): Promise<void>;
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
const BUSY_TIMEOUT_MS = 5000;
/** The page cache, in KiB (negative cache_size): decrypted pages kept in memory. */
export const PAGE_CACHE_KIB = 64 * 1024;
/** SQLite's automatic checkpoint: after a commit that leaves the WAL above this many pages (its default). */
const AUTOCHECKPOINT_PAGES = 1000;
/** PRAGMA synchronous of every desk connection (2 = FULL when read back). */
export const DESK_SYNCHRONOUS = 'FULL';

/** An existing store about to be migrated: the checkpointed, encrypted desk.db no one else has open. */
export interface PendingMigration {
  readonly dir: string;
  readonly dbKey: Buffer;
  readonly sqlite: Database.Database;
  /** The schema version the file is at, and the one it is about to be migrated to. */
  readonly from: number;
  readonly to: number;
  /** Where a hook reports how far it has come (the sign-in screen shows it). */
  readonly report: (progress: StoreUpgrade) => void;
}

/**
 * Run by openStore before it migrates an existing database to a newer schema (the backup module
 * registers its before-migration backup). A hook that throws stops the open: nothing is migrated.
 */
export const beforeMigrationHooks = new WriteHooks<[PendingMigration]>();

export interface OpenStoreOptions {
  create?: boolean;
  /** False: migrate without running beforeMigrationHooks (a restore's staged copy, not the desk's store). */
  migrationHooks?: boolean;
  /**
   * Told how an upgrade of an older store goes: the hooks' backup, then each migration step (the sign-in
   * screen's bar, auth.upgradeProgress). Given, the migrator also lets the event loop turn between steps
   * so that the poll reading it is answered.
   */
  onUpgrade?: (progress: StoreUpgrade) => void;
}

export async function openStore(dir: string, dbKey: Buffer, opts: OpenStoreOptions = {}): Promise<Store> {
  const sqlite = openEncryptedDatabase(dir, dbKey, opts);
  const path = join(dir, DATABASE_FILE);
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    const from = await currentVersion(db);
    const to = latestSchemaVersion();
    const report = opts.onUpgrade ?? ignoreProgress;
    if (opts.migrationHooks !== false && from > 0 && from < to) {
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
      await beforeMigrationHooks.run({ dir, dbKey, sqlite, from, to, report });
    }
    await migrateToLatest(db, undefined, {
      onStep: opts.onUpgrade && ((step, steps) => report({ phase: 'migrate', step, steps })),
    });
  } catch (e) {
    await db.destroy();
    throw isSqliteCorruption(e) ? corrupt('damaged') : e;
  }

  let closed = false;
  /** Large writes running, and the background checkpoints they started (each settles, never rejects). */
  let deferring = 0;
  let checkpoints: Promise<void> = Promise.resolve();
  return {
    db,
    sqlite,
    path,
    async writeDeferringCheckpoint<T>(dbKey: Buffer, write: () => Promise<T>): Promise<T> {
      if (deferring++ === 0) sqlite.pragma('wal_autocheckpoint = 0');
      try {
        return await write();
      } finally {
        if (--deferring === 0 && !closed) {
          sqlite.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
          // A failed checkpoint is harmless: the next commit's automatic one (or close) does the work.
          try {
            const worker = startStoreWorker(path, dbKey, { kind: 'checkpoint' });
            checkpoints = checkpoints.then(async () => {
              await worker.done;
            });
          } catch {
            // No thread to start: left to the next commit.
          }
        }
      }
    },
    checkpointsSettled() {
      return checkpoints;
    },
    async close() {
      if (closed) return;
      closed = true;
      await checkpoints;
      try {
        sqlite.pragma('wal_checkpoint(TRUNCATE)');
      } finally {
        await db.destroy(); // closes the better-sqlite3 handle
      }
    },
  };
}

function ignoreProgress(): void {
  // No screen follows this open (a restore's staged copy, the demo generator, tests).
}

/**
 * The keyed and verified SQLite handle of desk.db, set up (WAL, foreign keys, busy timeout) but not
 * migrated. openStore builds on it; tests use it to build a database at an older schema version.
 */
export function openEncryptedDatabase(
  dir: string,
  dbKey: Buffer,
  opts: { create?: boolean } = {},
): Database.Database {
  assertKey(dbKey);
  const path = join(dir, DATABASE_FILE);
  if (!opts.create && !existsSync(path)) throw corrupt('missing');
  if (existsSync(path)) checkFileShape(path, opts.create === true);

  const sqlite = new Database(path, { fileMustExist: !opts.create });
  try {
    sqlite.pragma("cipher = 'sqlcipher'");
    sqlite.pragma('legacy = 4');
    applyKey(sqlite, 'key', dbKey);
    verifyKey(sqlite);
    if (sqlite.pragma('journal_mode = WAL', { simple: true }) !== 'wal') throw new Error('WAL unavailable');
    // Durable per commit: in WAL mode SQLite's default (NORMAL) syncs only at checkpoints, so a power cut
    // can take back the last commits — a record the user saw saved. FULL syncs the WAL at every commit.
    // Measured in tests/bench/sync-rebaseline.ts (docs/benchmarks.md "Durable commits and re-baseline").
    sqlite.pragma(`synchronous = ${DESK_SYNCHRONOUS}`);
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // Sorts and temporary indexes stay in memory, never in a temp file outside the encrypted store.
    sqlite.pragma('temp_store = MEMORY');
    // Decrypted pages stay cached up to 64 MiB (SQLite's default is 2 MiB): reading an index range again
    // (a queue's counts, a list page) then costs no decryption. Measured in tests/bench/followups.ts.
    sqlite.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
    return sqlite;
  } catch (e) {
    sqlite.close();
    throw e;
  }
}

/**
 * Re-encrypts the whole database under `newKey` (key rotation). SQLCipher cannot rekey in WAL mode, so
 * the journal switches to DELETE for the duration and back to WAL afterwards. The caller must re-seal
 * every key slot with the new key (keyring.ts) — slots holding the old key stop opening anything.
 */
/**
 * desk.db exactly as it was before a rekey began (still under the old key), kept until the rekey has
 * committed. In-place `PRAGMA rekey` is not crash-safe by itself: a SIGKILL late in it can leave a file
 * (with its hot journal) that neither key opens. So the whole file is copied first — under a temporary
 * name, synced, then renamed, so the name exists only for a complete copy — and restoreInterruptedRekey
 * puts it back at the next open if the rekey never finished. The keyring holds both keys meanwhile.
 */
export const REKEY_BACKUP_FILE = `${DATABASE_FILE}.before-rekey`;

export async function rekeyStore(store: Store, newKey: Buffer): Promise<void> {
  assertKey(newKey);
  const backup = join(dirname(store.path), REKEY_BACKUP_FILE);
  // Hold kysely's single connection so no transaction of ours is open while the file is rewritten.
  await store.db.connection().execute(async () => {
    const { sqlite } = store;
    if (sqlite.inTransaction) throw new Error('rekey inside a transaction');
    // A background checkpoint's connection would keep the journal in WAL mode.
    await store.checkpointsSettled();
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    copyDurably(store.path, backup);
    if (sqlite.pragma('journal_mode = DELETE', { simple: true }) !== 'delete')
      throw new Error('cannot leave WAL');
    try {
      applyKey(sqlite, 'rekey', newKey);
    } finally {
      sqlite.pragma('journal_mode = WAL');
    }
    verifyKey(sqlite);
    // Committed under the new key: the old copy is no longer the truth.
    rmSync(backup, { force: true });
  });
}

/**
 * Before opening: if a rekey was interrupted (its backup is still there), put the pre-rekey file back
 * and drop the half-rewritten one with its journal and WAL. Returns true when it did; the store is then
 * under the older key, which the keyring still holds.
 */
export function restoreInterruptedRekey(dir: string): boolean {
  const backup = join(dir, REKEY_BACKUP_FILE);
  if (!existsSync(backup)) return false;
  for (const leftover of ['-journal', '-wal', '-shm'])
    rmSync(join(dir, `${DATABASE_FILE}${leftover}`), { force: true });
  renameSync(backup, join(dir, DATABASE_FILE));
  syncDirectory(dir);
  return true;
}

function copyDurably(from: string, to: string): void {
  const partial = `${to}.partial`;
  copyFileSync(from, partial);
  const fd = openSync(partial, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(partial, to);
  syncDirectory(dirname(to));
}

function syncDirectory(dir: string): void {
  // A directory fsync makes the rename durable on Linux; Windows cannot open a directory for it.
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function assertKey(key: Buffer): void {
  if (key.length !== DB_KEY_BYTES) throw new RangeError('database key must be 32 bytes');
}

function applyKey(sqlite: Database.Database, pragma: 'key' | 'rekey', key: Buffer): void {
  sqlite.pragma(`${pragma} = "x'${key.toString('hex')}'"`);
}

/**
 * Reading sqlite_master decrypts page 1. SQLCipher files look like random bytes, so a wrong key and a
 * foreign file both give SQLITE_NOTADB; checkFileShape has already rejected what cannot be ours, so
 * NOTADB here means the key is wrong.
 */
function verifyKey(sqlite: Database.Database): void {
  try {
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (e) {
    if (sqliteCode(e) === 'SQLITE_NOTADB') throw new DomainError('WRONG_KEY');
    if (isSqliteCorruption(e)) throw corrupt('damaged');
    throw e;
  }
}

/** Rejects files that cannot be a SQLCipher database: a plaintext SQLite file, or a size not in pages. */
function checkFileShape(path: string, create: boolean): void {
  const size = statSync(path).size;
  if (size === 0) {
    if (create) return;
    throw corrupt('empty');
  }
  // SQLCipher pages are 512..65536 bytes (4096 by default), and the file is always whole pages.
  if (size < 512 || size % 512 !== 0) throw corrupt('not a database');
  const head = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (head.equals(SQLITE_HEADER)) throw corrupt('not encrypted');
}

function corrupt(problem: string): DomainError {
  return new DomainError('STORE_CORRUPT', { file: DATABASE_FILE, problem });
}

function sqliteCode(e: unknown): string | undefined {
  return e instanceof Database.SqliteError ? e.code : undefined;
}

function isSqliteCorruption(e: unknown): boolean {
  const code = sqliteCode(e);
  return code !== undefined && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}
