import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError } from '../../shared/errors';
import {
  DATABASE_FILE,
  beginRotation,
  finishRotation,
  generateDatabaseKey,
  keyringGenerations,
  type GenerationKey,
  type RotationBegun,
  type RotationChange,
} from './keyring';
import {
  openEncryptedDatabase,
  openStore,
  rekeyStore,
  restoreInterruptedRekey,
  type OpenStoreOptions,
  type Store,
} from './store';

/*
 * Rotating the database key (docs/architecture.md "Key rotation"). Three steps, each durable before the
 * next starts, so a crash at any point leaves a store that opens:
 *   1. keyring.json lists generations g and g+1; every remaining slot holds both keys (beginRotation);
 *   2. SQLCipher rekeys desk.db to key g+1 in one rollback-journal transaction (rekeyStore), with a
 *      complete pre-rekey copy kept until it commits: after a crash in it the next open puts the copy
 *      back (restoreInterruptedRekey), under key g;
 *   3. keyring.json drops generation g (finishRotation).
 * A sign-in after a crash opens the store with whichever key fits and completes the rotation
 * (settleRotation): an interrupted revocation is finished, never abandoned.
 *
 * One trap, found by the SIGKILL test: SQLite3 Multiple Ciphers encrypts the rollback journal too, and
 * opening desk.db plays a hot journal back BEFORE the key is checked — decrypted with whatever key was
 * given. Played back with the wrong key, it writes garbage over the pages it should restore and the store
 * is lost under every key. So when a journal is present, each key is first tried on a copy of desk.db and
 * its journal; only the key that opens the copy cleanly touches the real file.
 */

/**
 * Rotates the open store's key: `dbKey` (the session's buffer) is overwritten in place with the new key,
 * so every holder of the buffer keeps a working key.
 */
export async function rotateDatabaseKey(
  dir: string,
  store: Store,
  dbKey: Buffer,
  change: RotationChange,
): Promise<RotationBegun> {
  const newKey = generateDatabaseKey();
  try {
    const begun = beginRotation(dir, dbKey, newKey, change);
    // If the rekey fails, the keyring keeps both generations: whichever key the store turns out to be
    // under still opens it, and the next sign-in settles the rotation.
    await rekeyStore(store, newKey);
    dbKey.set(newKey);
    finishRotation(dir, dbKey);
    return begun;
  } finally {
    newKey.fill(0);
  }
}

/**
 * Opens the store with the first of `keys` (newest first) that fits, then settles a rotation a crash
 * interrupted. Returns the store and the key it is now under; every other key buffer is zero-filled.
 */
export async function openStoreWithKeys(
  dir: string,
  keys: GenerationKey[],
  opts: Pick<OpenStoreOptions, 'onUpgrade'> = {},
): Promise<{ store: Store; dbKey: Buffer }> {
  let ordered = [...keys].sort((a, b) => b.generation - a.generation);
  // A rekey that never committed: its complete pre-rekey copy goes back (under the older key).
  restoreInterruptedRekey(dir);
  if (ordered.length > 1 && hasJournal(dir)) {
    const fits = keyFittingJournal(dir, ordered);
    ordered = fits ? [fits, ...ordered.filter((k) => k !== fits)] : ordered;
  }
  const wipeAllBut = (keep: Buffer | null) => {
    for (const k of ordered) if (k.dbKey !== keep) k.dbKey.fill(0);
  };
  let opened: { store: Store; key: GenerationKey } | null = null;
  try {
    for (const key of ordered) {
      try {
        opened = { store: await openStore(dir, key.dbKey, opts), key };
        break;
      } catch (e) {
        // An older generation may still fit (a rekey that never committed); any other error is final.
        if (!(e instanceof DomainError && e.code === 'WRONG_KEY') || key === ordered.at(-1)) throw e;
      }
    }
    if (!opened) throw new DomainError('WRONG_KEY');
    const dbKey = await settleRotation(dir, opened.store, opened.key, ordered);
    wipeAllBut(dbKey);
    return { store: opened.store, dbKey };
  } catch (e) {
    await opened?.store.close().catch(() => undefined);
    wipeAllBut(null);
    throw e;
  }
}

function hasJournal(dir: string): boolean {
  const path = join(dir, `${DATABASE_FILE}-journal`);
  return existsSync(path) && statSync(path).size > 0;
}

/**
 * The key that opens a copy of desk.db with its journal played back (integrity checked), or null if
 * none does (then the real file is opened as usual and reports what is wrong). The copy is removed.
 */
function keyFittingJournal(dir: string, keys: GenerationKey[]): GenerationKey | null {
  const probe = join(dir, `.key-probe-${randomBytes(6).toString('hex')}`);
  try {
    for (const key of keys) {
      rmSync(probe, { recursive: true, force: true });
      mkdirSync(probe, { mode: 0o700 });
      for (const name of [DATABASE_FILE, `${DATABASE_FILE}-journal`]) {
        copyFileSync(join(dir, name), join(probe, name));
      }
      try {
        const sqlite = openEncryptedDatabase(probe, key.dbKey);
        try {
          if (sqlite.pragma('quick_check', { simple: true }) === 'ok') return key;
        } finally {
          sqlite.close();
        }
      } catch {
        // not this key
      }
    }
    return null;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

/**
 * After a crash mid-rotation: if the store is still under the older key, rekey it to the newest one the
 * slot yielded; then drop the older generation from the keyring. Returns the key the store is under.
 */
async function settleRotation(
  dir: string,
  store: Store,
  used: GenerationKey,
  keys: GenerationKey[],
): Promise<Buffer> {
  const generations = keyringGenerations(dir);
  if (generations.length === 1) return used.dbKey;
  const newest = keys.reduce((a, b) => (b.generation > a.generation ? b : a), used);
  if (newest.generation !== used.generation) await rekeyStore(store, newest.dbKey);
  finishRotation(dir, newest.dbKey);
  return newest.dbKey;
}
