import { randomBytes } from 'node:crypto';
import { createReadStream, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackupReason } from '../../shared/backup';
import { DomainError } from '../../shared/errors';
import {
  databaseKeySealingKey,
  isSealedFileError,
  KEYRING_FILE,
  writeSealedFile,
  type SealedFileWritten,
} from '../desk';
import { encodeManifest } from './manifest';
import { snapshotDatabase } from './snapshot';

/*
 * Writing one backup: the database file (a VACUUM INTO snapshot of the live store, or — before a
 * migration — the checkpointed file itself) behind its manifest line, sealed with the database key
 * (docs/archive-format.md: kind 'desk-backup', the keyring in the clear header so a password or the
 * recovery code valid now opens it later, anywhere). writeSealedFile writes `.partial`, syncs, reads it
 * back and compares the content hash, then renames: a name ending in .cdbk is always a complete file.
 */

export type Progress = (
  phase: 'snapshot' | 'sealing' | 'verifying',
  done: number,
  total: number | null,
) => void;

export interface BackupSource {
  /** The data directory: keyring.json is read from it, the snapshot's temporary file is written in it. */
  dataDir: string;
  /** The desk.db to copy. */
  dbPath: string;
  /** A copy of the database key; the caller zero-fills it. */
  dbKey: Buffer;
  schemaVersion: number;
  deviceId: string;
  reason: BackupReason;
  createdAt: Date;
}

/** Snapshots leave their temporary copy here until they are sealed; a crash leaves one for cleanup. */
const SNAPSHOT_PREFIX = '.backup-snapshot-';

/** Removes snapshot copies a crash left behind (they are encrypted under the database key, but useless). */
export function removeLeftoverSnapshots(dataDir: string, names: readonly string[]): void {
  for (const name of names) {
    if (name.startsWith(SNAPSHOT_PREFIX)) rmSync(join(dataDir, name), { force: true });
  }
}

/** Snapshot of the live store (in a worker), sealed into `folder/fileName`. */
export async function writeSnapshotBackup(
  source: BackupSource,
  folder: string,
  fileName: string,
  opts: { signal?: AbortSignal; onProgress?: Progress },
): Promise<SealedFileWritten> {
  // Read first: the key and the keyring belong together (a key rotation rewrites both).
  const keyring = readKeyringJson(source.dataDir);
  const tmp = join(source.dataDir, `${SNAPSHOT_PREFIX}${randomBytes(8).toString('hex')}.db`);
  try {
    opts.onProgress?.('snapshot', 0, null);
    await snapshotDatabase(source.dbPath, source.dbKey, tmp, opts.signal);
    return await sealDatabaseFile(source, keyring, tmp, folder, fileName, opts);
  } finally {
    // Asynchronously: unlinking a copy of a large store takes a few hundred ms, which must not freeze the
    // desk (tests/bench/backup.ts measured 180–230 ms at 100,000 cases with rmSync).
    await rm(tmp, { force: true });
  }
}

/** The checkpointed desk.db itself (nothing else has it open: before a migration), sealed. */
export async function writeFileBackup(
  source: BackupSource,
  folder: string,
  fileName: string,
  onProgress?: Progress,
): Promise<SealedFileWritten> {
  return sealDatabaseFile(source, readKeyringJson(source.dataDir), source.dbPath, folder, fileName, {
    onProgress,
  });
}

function readKeyringJson(dataDir: string): unknown {
  return JSON.parse(readFileSync(join(dataDir, KEYRING_FILE), 'utf8')) as unknown;
}

async function sealDatabaseFile(
  source: BackupSource,
  keyring: unknown,
  dbFile: string,
  folder: string,
  fileName: string,
  opts: { signal?: AbortSignal; onProgress?: Progress },
): Promise<SealedFileWritten> {
  const dbBytes = statSync(dbFile).size;
  const manifest = encodeManifest({ ...source, dbBytes });
  const total = manifest.length + dbBytes;
  const sealing = databaseKeySealingKey(source.dbKey, keyring);
  async function* content(): AsyncGenerator<Buffer> {
    yield manifest;
    for await (const chunk of createReadStream(dbFile, { highWaterMark: 1024 * 1024 })) yield chunk as Buffer;
  }
  opts.onProgress?.('sealing', 0, total);
  try {
    return await writeSealedFile(folder, fileName, sealing, content(), {
      signal: opts.signal,
      onProgress: (done) => opts.onProgress?.('sealing', Math.min(done, total), total),
      // The read-back: every chunk decrypted and the content's hash compared, as many bytes again.
      onReadBack: (read, size) => opts.onProgress?.('verifying', read, size),
    });
  } catch (e) {
    throw backupWriteError(e);
  } finally {
    sealing.key.fill(0);
  }
}

/** The desk's own backups folder, created when missing; a folder chosen by the user must exist already. */
export function ensureFolder(folder: string, create: boolean): void {
  try {
    if (create) mkdirSync(folder, { recursive: true, mode: 0o700 });
    if (!statSync(folder).isDirectory()) throw new Error('not a folder');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException | null)?.code;
    throw new DomainError(
      code === 'ENOSPC' || code === 'EDQUOT' ? 'BACKUP_DISK_FULL' : 'BACKUP_FOLDER_UNAVAILABLE',
    );
  }
}

/** A sealed-file writer's failure as the desk's error code. */
function backupWriteError(e: unknown): unknown {
  if (!isSealedFileError(e)) return e;
  switch (e.code) {
    case 'CANCELLED':
      return new DomainError('BACKUP_CANCELLED');
    case 'DISK_FULL':
      return new DomainError('BACKUP_DISK_FULL');
    case 'UNREADABLE':
      return new DomainError('BACKUP_FOLDER_UNAVAILABLE');
    default:
      return new DomainError('BACKUP_WRITE_FAILED');
  }
}
