import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/shared/errors';
import { openStore, rekeyStore, type Store } from '../../src/main/desk/store';
import { uuidv7 } from '../../src/main/desk/ids';
import {
  DATABASE_FILE,
  KEYRING_FILE,
  createKeyring,
  generateDatabaseKey,
  generateRecoveryCode,
  unwrapWithRecoveryCode,
} from '../../src/main/desk/keyring';
import { appendAudit } from '../../src/main/audit/audit.repository';
import { tempDir } from '../support/tmp';

const NAME = '张晓梅';
const NOTE = '家庭暴力 测试笔记';
const USERNAME = 'zhangxiaomei.counsellor';
const OFFICE = '历城区婚姻登记处';
const PLAINTEXTS = [NAME, NOTE, USERNAME, OFFICE];

/** UTF-8, UTF-16LE and UTF-16BE forms of each known string. */
function needles(): Array<{ label: string; bytes: Buffer }> {
  return PLAINTEXTS.flatMap((s) => {
    const le = Buffer.from(s, 'utf16le');
    return [
      { label: `utf8 ${s}`, bytes: Buffer.from(s, 'utf8') },
      { label: `utf16le ${s}`, bytes: le },
      { label: `utf16be ${s}`, bytes: Buffer.from(le).swap16() },
    ];
  });
}

function plaintextFound(path: string): string[] {
  const content = readFileSync(path);
  const found = needles()
    .filter((n) => content.includes(n.bytes))
    .map((n) => n.label);
  if (content.includes(Buffer.from('SQLite format 3'))) found.push('SQLite header');
  return found;
}

function expectNoPlaintext(path: string): void {
  expect(plaintextFound(path), path).toEqual([]);
}

async function expectDomainError(p: Promise<unknown>, code: string): Promise<void> {
  await expect(p).rejects.toBeInstanceOf(DomainError);
  await expect(p).rejects.toMatchObject({ code });
}

async function writeKnownRows(store: Store): Promise<string> {
  const now = new Date('2026-01-05T02:00:00.000Z').toISOString();
  const id = uuidv7();
  await store.db
    .insertInto('users')
    .values({
      id,
      username: USERNAME,
      display_name: NAME,
      role: 'counsellor',
      created_at: now,
      updated_at: now,
      origin_device: 'desk-test',
    })
    .execute();
  await store.db
    .insertInto('settings')
    .values({
      key: 'office',
      value: JSON.stringify({ name: OFFICE, note: NOTE }),
      updated_at: now,
      updated_by: id,
    })
    .execute();
  await store.db.transaction().execute((trx) =>
    appendAudit(
      trx,
      {
        actorId: id,
        actorName: NAME,
        action: 'user.created',
        targetType: 'user',
        targetId: id,
        detail: { reason: 'note' },
      },
      new Date(now),
    ),
  );
  return id;
}

describe('encrypted store', () => {
  let tmp: ReturnType<typeof tempDir>;
  let dir: string;
  let key: Buffer;

  beforeEach(() => {
    tmp = tempDir();
    dir = tmp.dir;
    key = generateDatabaseKey();
  });
  afterEach(() => tmp.cleanup());

  it('keeps known plaintext out of the database, the WAL and the keyring', async () => {
    const recovery = generateRecoveryCode();
    createKeyring(
      dir,
      key,
      { userId: uuidv7(), username: USERNAME, password: 'a long password' },
      recovery.code,
    );
    const store = await openStore(dir, key, { create: true });
    const id = await writeKnownRows(store);

    // While open, before any checkpoint, the new rows live in the WAL: it must be encrypted too.
    const wal = join(dir, `${DATABASE_FILE}-wal`);
    expect(statSync(wal).size).toBeGreaterThan(0);
    expectNoPlaintext(wal);
    expectNoPlaintext(join(dir, DATABASE_FILE));

    // The same rows read back through the store.
    const row = await store.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.display_name).toBe(NAME);

    await store.close();
    await store.close(); // idempotent
    expectNoPlaintext(join(dir, DATABASE_FILE));
    if (existsSync(wal)) expectNoPlaintext(wal);
    expectNoPlaintext(join(dir, KEYRING_FILE));

    // The recovery code recovers the key, and the key opens the store with the rows intact.
    const recovered = unwrapWithRecoveryCode(dir, recovery.code);
    expect(recovered).not.toBeNull();
    const again = await openStore(dir, recovered!);
    const settings = await again.db.selectFrom('settings').selectAll().executeTakeFirstOrThrow();
    expect(JSON.parse(settings.value)).toEqual({ name: OFFICE, note: NOTE });
    await again.close();
  });

  it('the plaintext search finds the strings in an unencrypted database (control)', () => {
    const plain = new Database(join(dir, 'plain.db'));
    plain.exec('CREATE TABLE t (a TEXT, b TEXT)');
    plain.prepare('INSERT INTO t VALUES (?, ?)').run(`${NAME} ${NOTE}`, `${USERNAME} ${OFFICE}`);
    plain.close();
    const found = plaintextFound(join(dir, 'plain.db'));
    for (const s of PLAINTEXTS) expect(found).toContain(`utf8 ${s}`);
    expect(found).toContain('SQLite header');
  });

  it('refuses a wrong key with WRONG_KEY', async () => {
    const store = await openStore(dir, key, { create: true });
    await writeKnownRows(store);
    await store.close();
    await expectDomainError(openStore(dir, generateDatabaseKey()), 'WRONG_KEY');
    // and the right key still works afterwards (the failed attempt changed nothing)
    const reopened = await openStore(dir, key);
    expect(await reopened.db.selectFrom('users').select('username').execute()).toEqual([
      { username: USERNAME },
    ]);
    await reopened.close();
  });

  it('reports a file that is not our database as STORE_CORRUPT', async () => {
    const path = join(dir, DATABASE_FILE);
    writeFileSync(path, Buffer.concat([Buffer.from('not a database at all\n'), randomBytes(5000)]));
    await expectDomainError(openStore(dir, key), 'STORE_CORRUPT');

    // a plaintext SQLite database is not ours either
    writeFileSync(path, Buffer.concat([Buffer.from('SQLite format 3\0'), randomBytes(4096 - 16)]));
    await expectDomainError(openStore(dir, key), 'STORE_CORRUPT');

    writeFileSync(path, '');
    await expectDomainError(openStore(dir, key), 'STORE_CORRUPT');
  });

  it('reports a missing database as STORE_CORRUPT unless asked to create it', async () => {
    await expectDomainError(openStore(dir, key), 'STORE_CORRUPT');
    expect(existsSync(join(dir, DATABASE_FILE))).toBe(false);
    const store = await openStore(dir, key, { create: true });
    await store.close();
    expect(existsSync(join(dir, DATABASE_FILE))).toBe(true);
  });

  it('recovers committed rows from the WAL after a crash', async () => {
    const store = await openStore(dir, key, { create: true });
    const id = await writeKnownRows(store);
    // "Crash": copy the files while the store is open and has not checkpointed.
    const crashed = join(dir, 'crashed');
    mkdirSync(crashed);
    for (const f of [DATABASE_FILE, `${DATABASE_FILE}-wal`]) copyFileSync(join(dir, f), join(crashed, f));
    await store.close();

    const recovered = await openStore(crashed, key);
    const row = await recovered.db.selectFrom('users').select('id').executeTakeFirst();
    expect(row?.id).toBe(id);
    await recovered.close();
  });

  it('sets the connection up as the architecture says', async () => {
    const store = await openStore(dir, key, { create: true });
    const pragma = (p: string) => store.sqlite.pragma(p, { simple: true });
    expect(pragma('journal_mode')).toBe('wal');
    expect(pragma('foreign_keys')).toBe(1);
    expect(pragma('busy_timeout')).toBe(5000);
    expect(pragma('temp_store')).toBe(2); // MEMORY
    expect(pragma('cache_size')).toBe(-64 * 1024); // 64 MiB of decrypted pages
    expect(pragma('user_version')).toBe(0);
    await store.close();
  });

  it('is durable per commit: synchronous = FULL in WAL mode, also after a rekey', async () => {
    const store = await openStore(dir, key, { create: true });
    const synchronous = () => store.sqlite.pragma('synchronous', { simple: true });
    expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(synchronous()).toBe(2); // FULL: the WAL is synced at every commit, not only at checkpoints
    await rekeyStore(store, generateDatabaseKey());
    expect(synchronous()).toBe(2);
    await store.close();
  });

  it('leaves a large write’s checkpoint to a worker thread, and close waits for it', async () => {
    const store = await openStore(dir, key, { create: true });
    const dbFile = join(dir, DATABASE_FILE);
    store.sqlite.exec('CREATE TABLE bulk (n INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    const ROWS = 3_000; // ≈6 MiB: well above SQLite's automatic checkpoint at 1,000 pages
    let next = 0;
    const bulkWrite = () => {
      const insert = store.sqlite.prepare('INSERT INTO bulk (n, body) VALUES (?, ?)');
      store.sqlite.transaction(() => {
        for (let i = 0; i < ROWS; i++) insert.run(next++, randomBytes(1024).toString('hex'));
      })();
      return Promise.resolve();
    };
    const grown = (from: number) => statSync(dbFile).size - from > 5 * 2 ** 20;

    // Control: an ordinary large commit copies the WAL into desk.db itself, before it returns.
    let size = statSync(dbFile).size;
    await bulkWrite();
    expect(grown(size)).toBe(true);

    // Deferred: the commit returns first; a worker's checkpoint brings desk.db up to date afterwards.
    size = statSync(dbFile).size;
    await store.writeDeferringCheckpoint(key, bulkWrite);
    expect(grown(size)).toBe(false);
    expect(store.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await store.checkpointsSettled();
    expect(grown(size)).toBe(true);

    // close() right after a deferred write waits for its checkpoint; nothing is lost.
    await store.writeDeferringCheckpoint(key, bulkWrite);
    await store.close();
    // Everything is in desk.db: the WAL is gone (or empty).
    expect(existsSync(`${dbFile}-wal`) ? statSync(`${dbFile}-wal`).size : 0).toBe(0);
    const reopened = await openStore(dir, key);
    expect(reopened.sqlite.prepare('SELECT count(*) AS n FROM bulk').get()).toEqual({ n: 3 * ROWS });
    await reopened.close();
  });

  it('rekeys: the new key opens the store, the old key no longer does', async () => {
    const store = await openStore(dir, key, { create: true });
    const id = await writeKnownRows(store);
    const newKey = generateDatabaseKey();
    await rekeyStore(store, newKey);
    expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    // still usable after the rekey
    await store.db
      .updateTable('users')
      .set({ last_login_at: new Date().toISOString() })
      .where('id', '=', id)
      .execute();
    await store.close();

    await expectDomainError(openStore(dir, key), 'WRONG_KEY');
    const reopened = await openStore(dir, newKey);
    const user = await reopened.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(user.display_name).toBe(NAME);
    expect(user.last_login_at).not.toBeNull();
    await reopened.close();
    expectNoPlaintext(join(dir, DATABASE_FILE));
  });
});

describe('uuidv7', () => {
  it('makes RFC 9562 version 7 ids that sort by time, even within one millisecond', () => {
    const at = new Date('2026-01-05T02:00:00.000Z');
    const ids = Array.from({ length: 500 }, () => uuidv7(at));
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    // the first 48 bits are the Unix time in milliseconds
    expect(parseInt(ids[0]!.replace(/-/g, '').slice(0, 12), 16)).toBe(at.getTime());
    const later = uuidv7(new Date('2026-01-05T02:00:05.000Z'));
    expect(later > ids[ids.length - 1]!).toBe(true);
  });
});
