import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { openStore } from '../../src/main/desk/store';
import { unwrapWithPassword } from '../../src/main/desk/keyring';
import type { DB } from '../../src/main/db/schema';

/*
 * What the backup tests compare: every table of a store, row by row (in rowid order), read with a key an
 * account's password opens. Bookkeeping that a restore changes on purpose is left out: the audit log
 * (compared as a prefix), the outbox and sync state (a new epoch with its snapshot).
 */

export const RESTORE_BOOKKEEPING = new Set([
  'audit_log',
  'outbox',
  'sync_state',
  'sync_batches',
  'sync_tombstones',
  'sqlite_sequence',
]);

export type Tables = Record<string, unknown[]>;

export async function readTables(db: Kysely<DB>, skip = RESTORE_BOOKKEEPING): Promise<Tables> {
  const names = (
    await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`.execute(db)
  ).rows
    .map((r) => r.name)
    .filter((n) => !skip.has(n));
  const out: Tables = {};
  for (const name of names) {
    out[name] = (await sql`SELECT * FROM ${sql.table(name)}`.execute(db)).rows;
  }
  return out;
}

/** Opens the data dir's store (the desk may be open too: WAL readers) with a password, runs `read`. */
export async function withStore<T>(
  dir: string,
  username: string,
  password: string,
  read: (db: Kysely<DB>) => Promise<T>,
): Promise<T> {
  const opened = unwrapWithPassword(dir, username, password);
  if (!opened) throw new Error('the password does not open the store');
  const store = await openStore(dir, opened.dbKey);
  try {
    return await read(store.db);
  } finally {
    await store.close();
    opened.dbKey.fill(0);
  }
}

/** The backup files in a folder, sorted by name. */
export function backupFiles(folder: string): string[] {
  try {
    return readdirSync(folder)
      .filter((n) => n.endsWith('.cdbk'))
      .sort();
  } catch {
    return [];
  }
}

export const backupsOf = (dataDir: string) => join(dataDir, 'backups');
