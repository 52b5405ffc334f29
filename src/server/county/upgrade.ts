import { existsSync, readFileSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { sql } from 'kysely';
import { auditCounty, encryptSqliteFile, openCountyStore } from '../store';
import { CountyError } from '../errors';
import { TLS_KEY_FILE } from './config';
import type { CountyDirectory } from './directory';
import { COUNTY_KEYS_FILE, loadCountySecrets, saveCountyKeys, unlockKeyFile } from './keys';

export interface UpgradeSummary {
  /** The key file was rewritten (version 2: database key and TLS key sealed). */
  keyFile: boolean;
  /** The SQLite file was encrypted in place. */
  databaseEncrypted: boolean;
  /** The clear tls-key.pem was removed. */
  tlsKeyRemoved: boolean;
}

/**
 * `county upgrade`: brings a county made by an older version to schema 2, step by step, each step
 * idempotent so a crash or a second run simply goes on (docs/county-server.md, "Upgrading"):
 *   1. key file 1 → 2: a new random database key and the clear TLS key sealed with the other keys, written
 *      atomically and read back before anything else changes;
 *   2. SQLite: the plain file encrypted in place with the database key (one journalled transaction);
 *   3. the schema upgrade (devices.revoked_at, county_rows.soft_deleted, county_audit) and, on PostgreSQL,
 *      every row sealed — one transaction — then VACUUM FULL so no clear copy stays in dead tuples;
 *   4. tls-key.pem removed.
 * The server must be stopped while this runs.
 */
export async function upgradeCounty(
  directory: CountyDirectory,
  passphrase: string,
  now: Date = new Date(),
): Promise<UpgradeSummary> {
  const summary: UpgradeSummary = { keyFile: false, databaseEncrypted: false, tlsKeyRemoved: false };
  const keysPath = join(directory.dir, COUNTY_KEYS_FILE);
  const tlsPath = join(directory.dir, TLS_KEY_FILE);
  const unlocked = await unlockKeyFile(keysPath, passphrase);
  if (unlocked.databaseKey === null || unlocked.tlsKeyPem === null) {
    if (unlocked.tlsKeyPem === null && !existsSync(tlsPath)) {
      throw new CountyError('BAD_CONFIG', `${TLS_KEY_FILE} is missing and the key file holds no TLS key`);
    }
    const databaseKey = unlocked.databaseKey ?? new Uint8Array(randomBytes(32));
    const tlsKeyPem = unlocked.tlsKeyPem ?? readFileSync(tlsPath, 'utf8');
    const { encryption, signing, fingerprint } = unlocked;
    await saveCountyKeys(keysPath, { encryption, signing, fingerprint, databaseKey }, passphrase, {
      tlsKeyPem,
    });
    summary.keyFile = true;
  }
  const { keys } = await loadCountySecrets(keysPath, passphrase);
  const { database } = directory;
  if (database.kind === 'sqlite')
    summary.databaseEncrypted = encryptSqliteFile(database.path, keys.databaseKey);
  const store = await openCountyStore({ ...database, key: keys.databaseKey });
  try {
    if (store.dialect === 'postgres') await sql`VACUUM FULL county_rows`.execute(store.db);
    await auditCounty(store.db, 'upgrade', null, now);
  } finally {
    await store.close();
  }
  if (existsSync(tlsPath)) {
    rmSync(tlsPath);
    summary.tlsKeyRemoved = true;
  }
  return summary;
}
