import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { RestoreCredential } from '../../shared/backup';
import { DomainError, isDomainError } from '../../shared/errors';
import {
  DATABASE_FILE,
  isSealedFileError,
  KEYRING_FILE,
  keyFromDatabaseKey,
  openEncryptedDatabase,
  openStore,
  readSealedContent,
  readSealedHeader,
  unlockWithPassword,
  unlockWithRecoveryCode,
  type DeskBackupHeader,
  type GenerationKey,
} from '../desk';
import { currentVersion, latestSchemaVersion, type DB } from '../db';
import { appendAudit } from '../audit';
import { readSettingValue, DEVICE_ID_KEY } from '../settings';
import { rebaselineAfterRestore } from '../sync';
import { markRestoreChanges, type RestoreChanges } from './fixup';
import { MAX_MANIFEST_BYTES, parseManifest, type Manifest } from './manifest';
import { RESTORE_STAGING } from './swap';

/*
 * Restoring, up to the swap (docs/architecture.md "Backups"). Nothing here touches the current store or
 * keyring: everything happens in <dataDir>/restore-staging/, and any refusal leaves the desk as it was.
 *   1. the clear header is read (a file that is not a desk backup, or from a newer format, stops here);
 *   2. its keyring snapshot is written to the staging folder and opened with the credential given — an
 *      account's username and password, or the recovery code, AS THEY WERE WHEN THE BACKUP WAS MADE —
 *      by the desk's own keyring code; the database key it yields must derive the content key;
 *   3. the content is decrypted chunk by chunk (each chunk authenticated) into the staging folder; only
 *      when the whole file has been read without a fault is any of it used;
 *   4. the database opens with that key, `PRAGMA integrity_check` says ok, and its schema version is not
 *      newer than this program's; it is then migrated like any store;
 *   5. prepared as a change (fixup.ts, when the current store is the same desk), re-baselined for sync
 *      (a new epoch carrying a full snapshot), and the restore audited in the restored store.
 */

export type RestorePhase = 'reading' | 'checking';

export interface StagedRestore {
  manifest: Manifest;
  /** The database key of the restored store (the caller zero-fills it). */
  dbKey: Buffer;
}

/** A sealed-file reader's failure as the desk's error code. */
export function backupReadError(e: unknown): unknown {
  if (!isSealedFileError(e)) return e;
  switch (e.code) {
    case 'NOT_SEALED':
    case 'WRONG_KIND':
      return new DomainError('BACKUP_NOT_BACKUP');
    case 'NEWER_FORMAT':
      return new DomainError('BACKUP_NEWER_FORMAT');
    case 'WRONG_PASSPHRASE':
      return new DomainError('BACKUP_BAD_CREDENTIALS');
    case 'TRUNCATED':
      return new DomainError('BACKUP_TRUNCATED');
    case 'CANCELLED':
      return new DomainError('BACKUP_CANCELLED');
    case 'UNREADABLE':
      return new DomainError('BACKUP_FILE_UNAVAILABLE');
    default:
      return new DomainError('BACKUP_DAMAGED');
  }
}

export function stagingDir(dataDir: string): string {
  return join(dataDir, RESTORE_STAGING);
}

/** Steps 1–4. The staged desk.db and keyring.json are complete and checked when this returns. */
export async function stageRestore(
  dataDir: string,
  backupPath: string,
  credential: RestoreCredential,
  opts: {
    signal?: AbortSignal;
    onProgress?: (phase: RestorePhase, done: number, total: number | null) => void;
  },
): Promise<StagedRestore> {
  const staging = stagingDir(dataDir);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true, mode: 0o700 });
  let dbKey: Buffer | null = null;
  try {
    const header = (await readSealedHeader(backupPath, 'desk-backup').catch((e: unknown) => {
      throw backupReadError(e);
    })) as DeskBackupHeader;
    writeFileSync(join(staging, KEYRING_FILE), `${JSON.stringify(header.keyring, null, 2)}\n`, {
      mode: 0o600,
    });
    const opened = openBackupKey(staging, header, credential);
    dbKey = opened.dbKey;
    const manifest = await decryptInto(backupPath, opened.contentKey, join(staging, DATABASE_FILE), opts);
    opened.contentKey.fill(0);
    opts.onProgress?.('checking', 0, null);
    checkStagedDatabase(staging, dbKey);
    return { manifest, dbKey };
  } catch (e) {
    dbKey?.fill(0);
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
}

/** Step 2: the keyring snapshot opened with the credential; the database key and the content key. */
function openBackupKey(
  staging: string,
  header: DeskBackupHeader,
  credential: RestoreCredential,
): { dbKey: Buffer; contentKey: Buffer } {
  let keys: GenerationKey[];
  try {
    const unlocked =
      credential.kind === 'password'
        ? unlockWithPassword(staging, credential.username, credential.password)
        : unlockWithRecoveryCode(staging, credential.code);
    if (!unlocked) throw new DomainError('BACKUP_BAD_CREDENTIALS');
    keys = unlocked.keys;
  } catch (e) {
    // A keyring the desk's own reader refuses was altered (the header is authenticated by every chunk).
    if (isDomainError(e) && e.code === 'STORE_CORRUPT') throw new DomainError('BACKUP_DAMAGED');
    if (isDomainError(e) && e.code === 'DB_NEWER_THAN_APP') throw new DomainError('BACKUP_NEWER_FORMAT');
    throw e;
  }
  let found: { dbKey: Buffer; contentKey: Buffer } | null = null;
  for (const k of keys) {
    if (found) {
      k.dbKey.fill(0);
      continue;
    }
    try {
      found = { dbKey: k.dbKey, contentKey: keyFromDatabaseKey(header, k.dbKey) };
    } catch {
      k.dbKey.fill(0);
    }
  }
  if (!found) throw new DomainError('BACKUP_BAD_CREDENTIALS');
  return found;
}

/** Step 3: manifest line, then the database bytes into `target` (written as .partial, synced, renamed). */
async function decryptInto(
  backupPath: string,
  contentKey: Buffer,
  target: string,
  opts: {
    signal?: AbortSignal;
    onProgress?: (phase: RestorePhase, done: number, total: number | null) => void;
  },
): Promise<Manifest> {
  const partial = `${target}.partial`;
  const out = await open(partial, 'wx', 0o600);
  let manifest: Manifest | null = null;
  let head = Buffer.alloc(0);
  let written = 0;
  try {
    try {
      for await (const chunk of readSealedContent(backupPath, contentKey, {
        signal: opts.signal,
        onProgress: (done, total) => opts.onProgress?.('reading', done, total),
      })) {
        let body = chunk;
        if (!manifest) {
          head = Buffer.concat([head, chunk]);
          const end = head.indexOf(0x0a);
          if (end < 0) {
            if (head.length > MAX_MANIFEST_BYTES) throw new DomainError('BACKUP_NOT_BACKUP');
            continue;
          }
          const parsed = parseManifest(head.subarray(0, end));
          if (parsed === 'newer') throw new DomainError('BACKUP_NEWER_FORMAT');
          if (!parsed) throw new DomainError('BACKUP_NOT_BACKUP');
          manifest = parsed;
          body = head.subarray(end + 1);
        }
        if (body.length > 0) {
          await out.write(body);
          written += body.length;
        }
      }
    } catch (e) {
      throw backupReadError(e);
    }
    if (!manifest) throw new DomainError('BACKUP_NOT_BACKUP');
    if (written !== manifest.dbBytes) throw new DomainError('BACKUP_DAMAGED');
    await out.sync();
  } finally {
    await out.close();
  }
  await rename(partial, target);
  return manifest;
}

/** Step 4, before migrating: opens with the key, integrity_check ok, schema not newer than ours. */
function checkStagedDatabase(staging: string, dbKey: Buffer): void {
  let sqlite;
  try {
    sqlite = openEncryptedDatabase(staging, dbKey);
  } catch (e) {
    if (isDomainError(e) && e.code === 'WRONG_KEY') throw new DomainError('BACKUP_BAD_CREDENTIALS');
    if (isDomainError(e)) throw new DomainError('BACKUP_INTEGRITY_FAILED');
    throw e;
  }
  try {
    let result: unknown;
    try {
      result = sqlite.pragma('integrity_check', { simple: true });
    } catch {
      throw new DomainError('BACKUP_INTEGRITY_FAILED');
    }
    if (result !== 'ok') throw new DomainError('BACKUP_INTEGRITY_FAILED');
    const found = (
      sqlite
        .prepare(
          "SELECT CASE WHEN EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations') THEN (SELECT max(version) FROM schema_migrations) ELSE 0 END AS v",
        )
        .get() as { v: number | null }
    ).v;
    const supported = latestSchemaVersion();
    if ((found ?? 0) > supported)
      throw new DomainError('BACKUP_NEWER_SCHEMA', { found: found ?? 0, supported });
    if (!found) throw new DomainError('BACKUP_INTEGRITY_FAILED');
  } finally {
    sqlite.close();
  }
}

export interface PrepareInput {
  dataDir: string;
  staged: StagedRestore;
  /** The current store's file and key (in-app restore), or null (fresh installation). */
  current: { path: string; dbKey: Buffer } | null;
  actor: { actorId: string | null; actorName: string | null };
  source: 'automatic' | 'chosen';
  method: 'password' | 'recovery_code';
  now: Date;
}

/** Step 5: migrate the staged store, mark the restore as a change, re-baseline, audit; then close it. */
export async function prepareStagedStore(input: PrepareInput): Promise<RestoreChanges> {
  const staging = stagingDir(input.dataDir);
  const store = await openStore(staging, input.staged.dbKey, { migrationHooks: false });
  try {
    const db = store.db;
    const changes =
      input.current && (await sameDesk(db, input.current))
        ? await markRestoreChanges(db, input.current, input.now)
        : { reverted: 0, removed: 0 };
    await rebaselineAfterRestore(db, input.dataDir, input.now);
    const { manifest } = input.staged;
    await db.transaction().execute((trx) =>
      appendAudit(
        trx,
        {
          ...input.actor,
          action: 'backup.restored',
          detail: {
            reason: manifest.reason,
            source: input.source,
            kind: input.method,
            date: manifest.createdAt.slice(0, 10),
            rows: changes.reverted + changes.removed,
          },
        },
        input.now,
      ),
    );
    return changes;
  } finally {
    await store.close();
  }
}

/** Both stores are the same desk: the same device id in their settings. */
async function sameDesk(restored: Kysely<DB>, current: { path: string; dbKey: Buffer }): Promise<boolean> {
  const mine = await readSettingValue(restored, DEVICE_ID_KEY);
  const dir = join(current.path, '..');
  const sqlite = openEncryptedDatabase(dir, current.dbKey);
  try {
    const row = sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(DEVICE_ID_KEY) as
      { value: string } | undefined;
    return row !== undefined && JSON.parse(row.value) === mine;
  } finally {
    sqlite.close();
  }
}

/** After the swap: the restored store opens in place with its key (then closes). Throws when it does not. */
export async function openInPlace(dataDir: string, dbKey: Buffer): Promise<void> {
  const store = await openStore(dataDir, dbKey, { migrationHooks: false });
  try {
    if (store.sqlite.pragma('quick_check', { simple: true }) !== 'ok') throw new Error('quick_check failed');
    if ((await currentVersion(store.db)) !== latestSchemaVersion()) throw new Error('not migrated');
  } finally {
    await store.close();
  }
}
