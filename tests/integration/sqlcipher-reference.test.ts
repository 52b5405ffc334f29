import sqlcipher from '@journeyapps/sqlcipher';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/main/desk/store';
import { uuidv7 } from '../../src/main/desk/ids';
import {
  DATABASE_FILE,
  createKeyring,
  generateDatabaseKey,
  generateRecoveryCode,
  unwrapWithPassword,
} from '../../src/main/desk/keyring';
import { appendAudit } from '../../src/main/audit/audit.repository';
import { tempDir } from '../support/tmp';

/*
 * Interoperability: Zetetic's own SQLCipher 4 (@journeyapps/sqlcipher, built from source at install; a
 * test-only dependency) must open desk.db with nothing but the raw key — proof the file is standard
 * SQLCipher 4 and not something only our driver can read. If the module failed to build, this file
 * fails at import; it is never skipped.
 */

/** The reference library's callback API, promisified. */
function open(path: string): Promise<sqlcipher.Database> {
  return new Promise((resolve, reject) => {
    const db = new sqlcipher.Database(path, (err) => (err ? reject(err) : resolve(db)));
  });
}
function exec(db: sqlcipher.Database, sqlText: string): Promise<void> {
  return new Promise((resolve, reject) => db.exec(sqlText, (err) => (err ? reject(err) : resolve())));
}
function all(db: sqlcipher.Database, sqlText: string, params: unknown[] = []): Promise<unknown[]> {
  return new Promise((resolve, reject) =>
    db.all(sqlText, params, (err: Error | null, rows: unknown[]) => (err ? reject(err) : resolve(rows))),
  );
}
function close(db: sqlcipher.Database): Promise<void> {
  return new Promise((resolve, reject) => db.close((err) => (err ? reject(err) : resolve())));
}

describe('reference SQLCipher 4 reads our store', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.cleanup());

  it('opens desk.db with the raw key and reads a known row', async () => {
    const dbKey = generateDatabaseKey();
    const userId = uuidv7();
    createKeyring(
      tmp.dir,
      dbKey,
      { userId, username: 'zhang.admin', password: 'admin password 1' },
      generateRecoveryCode().code,
    );

    const store = await openStore(tmp.dir, dbKey, { create: true });
    const now = '2026-01-05T02:00:00.000Z';
    await store.db
      .insertInto('users')
      .values({
        id: userId,
        username: 'zhang.admin',
        display_name: '张晓梅',
        role: 'admin',
        created_at: now,
        updated_at: now,
        origin_device: 'desk-1',
      })
      .execute();
    const audited = await store.db
      .transaction()
      .execute((trx) =>
        appendAudit(trx, { actorId: userId, actorName: '张晓梅', action: 'setup.completed' }, new Date(now)),
      );
    await store.close(); // checkpoint: everything is in desk.db for the reference reader

    // The key as the app would get it at login: from the user's slot.
    const unlocked = unwrapWithPassword(tmp.dir, 'zhang.admin', 'admin password 1');
    expect(unlocked?.dbKey.equals(dbKey)).toBe(true);
    const hex = unlocked!.dbKey.toString('hex');

    const ref = await open(join(tmp.dir, DATABASE_FILE));
    try {
      await exec(ref, `PRAGMA key = "x'${hex}'"`);
      const [version] = (await all(ref, 'PRAGMA cipher_version')) as Array<{ cipher_version: string }>;
      expect(version?.cipher_version).toMatch(/^4\./);
      expect(await all(ref, 'SELECT username, display_name, role FROM users WHERE id = ?', [userId])).toEqual(
        [{ username: 'zhang.admin', display_name: '张晓梅', role: 'admin' }],
      );
      expect(await all(ref, 'SELECT seq, hash FROM audit_log')).toEqual([{ seq: 1, hash: audited.hash }]);
      // SQLCipher's own check of every page's HMAC: no rows means no errors.
      expect(await all(ref, 'PRAGMA cipher_integrity_check')).toEqual([]);
    } finally {
      await close(ref);
    }

    // A wrong key gets nothing from the reference library either.
    const wrong = await open(join(tmp.dir, DATABASE_FILE));
    try {
      await exec(wrong, 'PRAGMA cipher_log_level = NONE'); // the failure below is expected; keep stderr quiet
      await exec(wrong, `PRAGMA key = "x'${generateDatabaseKey().toString('hex')}'"`);
      await expect(all(wrong, 'SELECT count(*) FROM sqlite_master')).rejects.toThrow(/not a database/);
    } finally {
      await close(wrong);
    }

    // and our store still opens after the reference library has had it
    const again = await openStore(tmp.dir, dbKey);
    expect(await again.db.selectFrom('users').select('display_name').execute()).toEqual([
      { display_name: '张晓梅' },
    ]);
    await again.close();
  });
});
