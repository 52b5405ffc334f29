// Backups (issue 11): restore on a fresh installation, a crash in the middle of the swap, rotation over
// 60 days, the daily backup, and the backup made before a migration.
import { existsSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { Desk, ADMIN, SETUP_INPUT, FakeClock } from '../support/desk-fixture';
import { tempDir } from '../support/tmp';
import { backupFiles, backupsOf, readTables, withStore } from '../support/backup-fixture';
import { registerBackupBeforeMigration } from '../../src/main/backup';
import { prepareStagedStore, stageRestore } from '../../src/main/backup/restore';
import { parseBackupFileName } from '../../src/main/backup/names';
import { isoWeekKey } from '../../src/main/backup/rotation';
import { createKeyring, generateDatabaseKey } from '../../src/main/desk/keyring';
import { keyFromDatabaseKey, readSealedContent, readSealedHeader } from '../../src/main/desk/sealed-file';
import { openEncryptedDatabase, openStore } from '../../src/main/desk/store';
import { MIGRATIONS } from '../../src/main/db/migrations';
import { currentVersion, migrateToLatest } from '../../src/main/db/migrator';
import type { DB } from '../../src/main/db/schema';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function dir(prefix: string): string {
  const t = tempDir(prefix);
  cleanups.push(() => t.cleanup());
  return t.dir;
}

async function open(dataDir: string, clock = new FakeClock(), options: Parameters<typeof Desk.open>[2] = {}) {
  const desk = await Desk.open(dataDir, clock, options);
  cleanups.push(() => desk.close());
  return desk;
}

async function waitFor(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('restore on a fresh installation', () => {
  it('the setup wizard restores with the recovery code; the desk then asks for a sign-in', async () => {
    const usb = dir('counseldesk-usb-');
    const a = await open(dir('counseldesk-a-'), new FakeClock(), { folder: usb });
    const { recoveryCode } = await a.ok('setup.create', SETUP_INPUT);
    const made = await a.ok('backup.exportTo', null);
    const snapshot = await withStore(a.dir, ADMIN.username, ADMIN.password, (db) => readTables(db));

    const b = await open(dir('counseldesk-b-'), new FakeClock(), { folder: usb });
    expect((await b.ok('app.status', null)).phase).toBe('setup');
    // Only while the desk is not set up; the file is chosen first.
    expect(
      (await b.fails('backup.restoreAtSetup', { credential: { kind: 'recoveryCode', code: recoveryCode } }))
        .code,
    ).toBe('BACKUP_NO_FILE_CHOSEN');
    expect((await b.ok('backup.chooseFile', null)).fileName).toBe(made.fileName);
    await b.ok('backup.restoreAtSetup', { credential: { kind: 'recoveryCode', code: recoveryCode } });
    expect((await b.ok('app.status', null)).phase).toBe('locked');
    const restored = await withStore(b.dir, ADMIN.username, ADMIN.password, (db) => readTables(db));
    expect(restored).toEqual(snapshot);
    expect((await b.login(ADMIN.username, ADMIN.password)).ok).toBe(true);
    const audit = await b.ok('audit.list', { action: 'backup.restored' });
    expect(audit.rows[0]?.detail).toMatchObject({ kind: 'recovery_code', source: 'chosen' });
    // Set up now: a second restore through the wizard's channel is refused.
    await b.ok('backup.chooseFile', null);
    expect(
      (await b.fails('backup.restoreAtSetup', { credential: { kind: 'recoveryCode', code: recoveryCode } }))
        .code,
    ).toBe('ALREADY_SET_UP');
  });
});

describe('a crash in the middle of the swap', () => {
  /** A desk with one case backed up, then a second case; closed. Returns the staged restore. */
  async function scenario() {
    const dataDir = dir('counseldesk-crash-');
    const desk = await Desk.open(dataDir, new FakeClock());
    await desk.ok('setup.create', SETUP_INPUT);
    await desk.ok('users.create', {
      username: 'counsellor.a',
      displayName: '甲',
      role: 'counsellor',
      temporaryPassword: 'temporary-pass-1',
    });
    const made = await desk.ok('backup.now', null);
    const backup = join(backupsOf(dataDir), made.fileName as string);
    const atBackup = await withStore(dataDir, ADMIN.username, ADMIN.password, (db) => readTables(db));
    await desk.ok('users.create', {
      username: 'counsellor.b',
      displayName: '乙',
      role: 'counsellor',
      temporaryPassword: 'temporary-pass-1',
    });
    await desk.close();
    const staged = await stageRestore(
      dataDir,
      backup,
      { kind: 'password', username: ADMIN.username, password: ADMIN.password },
      {},
    );
    await prepareStagedStore({
      dataDir,
      staged,
      current: null,
      actor: { actorId: null, actorName: null },
      source: 'automatic',
      method: 'password',
      now: new Date(),
    });
    return { dataDir, atBackup };
  }

  it('stopped after the current store moved aside: the next start rolls forward, the sign-in ends it', async () => {
    const { dataDir, atBackup } = await scenario();
    writeFileSync(join(dataDir, 'restore-marker.json'), '{"state":"swapping"}');
    mkdirSync(join(dataDir, 'before-restore'));
    renameSync(join(dataDir, 'desk.db'), join(dataDir, 'before-restore', 'desk.db'));
    // keyring.json (the current one) is still in place: the crash came between the two moves.

    const desk = await open(dataDir);
    expect(existsSync(join(dataDir, 'before-restore', 'keyring.json'))).toBe(true);
    expect(existsSync(join(dataDir, 'restore-staging', 'desk.db'))).toBe(false);
    expect((await desk.login(ADMIN.username, ADMIN.password)).ok).toBe(true);
    // Opened with a user's password: the copy kept aside goes.
    expect(existsSync(join(dataDir, 'before-restore'))).toBe(false);
    expect(existsSync(join(dataDir, 'restore-marker.json'))).toBe(false);
    const now = await withStore(dataDir, ADMIN.username, ADMIN.password, (db) => readTables(db));
    expect((now['users'] as { username: string }[]).map((u) => u.username).sort()).toEqual([
      'admin',
      'counsellor.a',
    ]);
    expect(now['cases']).toEqual(atBackup['cases']);
  });

  it('stopped before anything moved: rolls forward the same way', async () => {
    const { dataDir } = await scenario();
    writeFileSync(join(dataDir, 'restore-marker.json'), '{"state":"swapping"}');
    const desk = await open(dataDir);
    expect((await desk.login(ADMIN.username, ADMIN.password)).ok).toBe(true);
    const users = await withStore(dataDir, ADMIN.username, ADMIN.password, (db) =>
      db.selectFrom('users').select('username').orderBy('username').execute(),
    );
    expect(users.map((u) => u.username)).toEqual(['admin', 'counsellor.a']);
    expect(readdirSync(dataDir)).not.toContain('before-restore');
  });

  it('no marker: a staging folder left by a restore that never swapped is dropped, the store untouched', async () => {
    const { dataDir } = await scenario();
    const desk = await open(dataDir);
    expect(existsSync(join(dataDir, 'restore-staging'))).toBe(false);
    expect((await desk.login(ADMIN.username, ADMIN.password)).ok).toBe(true);
    const users = await withStore(dataDir, ADMIN.username, ADMIN.password, (db) =>
      db.selectFrom('users').select('username').orderBy('username').execute(),
    );
    expect(users.map((u) => u.username)).toEqual(['admin', 'counsellor.a', 'counsellor.b']);
  });
});

describe('automatic backups', () => {
  it('rotation over 60 days keeps the newest of 7 days and of 4 ISO weeks', async () => {
    const clock = new FakeClock(Date.parse('2026-01-05T02:00:00.000Z'));
    const desk = await open(dir('counseldesk-rotation-'), clock);
    await desk.ok('setup.create', SETUP_INPUT);
    const made: string[] = [];
    for (let day = 0; day < 60; day++) {
      clock.advanceMinutes(24 * 60);
      const status = await desk.ok('app.status', null);
      if (status.phase !== 'unlocked')
        expect((await desk.login(ADMIN.username, ADMIN.password)).ok).toBe(true);
      made.push((await desk.ok('backup.now', null)).fileName as string);
    }
    const kept = backupFiles(backupsOf(desk.dir));
    const dates = made.map((n) => ({ name: n, at: parseBackupFileName(n)?.createdAt as Date })).reverse();
    const weeks = new Map<string, string>();
    for (const d of dates) if (!weeks.has(isoWeekKey(d.at))) weeks.set(isoWeekKey(d.at), d.name);
    const expected = new Set([...dates.slice(0, 7).map((d) => d.name), ...[...weeks.values()].slice(0, 4)]);
    expect(kept).toEqual([...expected].sort());
    expect(kept.length).toBeGreaterThanOrEqual(9);
    expect(kept.length).toBeLessThanOrEqual(11);
    // The settings hold the counts; fewer weeks keep fewer files at the next backup.
    await desk.ok('settings.update', { backupKeepDaily: 2, backupKeepWeekly: 0 });
    await desk.ok('backup.now', null);
    expect(backupFiles(backupsOf(desk.dir))).toHaveLength(2);
    expect((await desk.fails('settings.update', { backupKeepDaily: 0 })).code).toBe('VALIDATION');
  });

  it('a daily backup while unlocked when the newest is a day old; the status shows it', async () => {
    const clock = new FakeClock();
    const desk = await open(dir('counseldesk-daily-'), clock, {
      app: { backup: { firstCheckDelayMs: 10, checkIntervalMs: 20 } },
    });
    const before = await desk.call('backup.status', null);
    expect(before.ok).toBe(false); // not set up yet
    await desk.ok('setup.create', SETUP_INPUT);
    const folder = backupsOf(desk.dir);
    await waitFor(() => backupFiles(folder).length === 1, 'the first daily backup');
    expect(backupFiles(folder)[0]).toMatch(/^backup-\d{4}-\d{2}-\d{2}-\d{6}\.cdbk$/);
    await new Promise((r) => setTimeout(r, 150));
    expect(backupFiles(folder)).toHaveLength(1);
    const status = await desk.ok('backup.status', null);
    expect(status).toMatchObject({ overdue: false, task: null, lastFailure: null });
    expect(status.backups[0]?.reason).toBe('daily');
    clock.advanceMinutes(25 * 60);
    await waitFor(() => backupFiles(folder).length === 2, 'the next daily backup');
    clock.advanceMinutes(8 * 24 * 60);
    // Eight days on: overdue (the idle lock wants a sign-in first).
    await desk.login(ADMIN.username, ADMIN.password);
    expect((await desk.ok('backup.status', null)).overdue).toBe(true);
  });
});

describe('before every migration', () => {
  /** A data directory whose store is at schema `version`, with a keyring the password opens. */
  async function olderStore(version: number) {
    const dataDir = dir('counseldesk-older-');
    const dbKey = generateDatabaseKey();
    createKeyring(
      dataDir,
      dbKey,
      { userId: '0190a000-0000-7000-8000-000000000001', username: 'admin', password: ADMIN.password },
      'ABCD-EFGH-JKMN-PQRS',
    );
    const sqlite = openEncryptedDatabase(dataDir, dbKey, { create: true });
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
    await migrateToLatest(db, MIGRATIONS.slice(0, version));
    await db
      .insertInto('settings')
      .values({
        key: 'device.id',
        value: '"desk-older"',
        updated_at: '2026-01-01T00:00:00.000Z',
        updated_by: null,
      })
      .execute();
    await db.destroy();
    return { dataDir, dbKey };
  }

  it('opening an older store seals it into backups/ first (reason before-migration), then migrates', async () => {
    registerBackupBeforeMigration();
    const { dataDir, dbKey } = await olderStore(8);
    const store = await openStore(dataDir, dbKey);
    expect(await currentVersion(store.db)).toBe(MIGRATIONS.length);
    await store.close();
    const files = backupFiles(backupsOf(dataDir));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/-before-migration\.cdbk$/);
    const path = join(backupsOf(dataDir), files[0] as string);
    const header = await readSealedHeader(path, 'desk-backup');
    const key = keyFromDatabaseKey(header, dbKey);
    const chunks: Buffer[] = [];
    for await (const c of readSealedContent(path, key)) chunks.push(c);
    const content = Buffer.concat(chunks);
    const manifest = JSON.parse(content.subarray(0, content.indexOf(0x0a)).toString('utf8')) as Record<
      string,
      unknown
    >;
    expect(manifest).toMatchObject({
      type: 'manifest',
      formatVersion: 1,
      schemaVersion: 8,
      reason: 'before-migration',
      deviceId: 'desk-older',
    });
    expect(content.length - content.indexOf(0x0a) - 1).toBe(manifest['dbBytes']);
    // A second open (now current) makes no backup.
    await (await openStore(dataDir, dbKey)).close();
    expect(backupFiles(backupsOf(dataDir))).toHaveLength(1);
  });

  it('when that backup cannot be written, the store is not migrated and the open is refused', async () => {
    registerBackupBeforeMigration();
    const { dataDir, dbKey } = await olderStore(8);
    writeFileSync(backupsOf(dataDir), 'not a folder');
    await expect(openStore(dataDir, dbKey)).rejects.toMatchObject({ code: 'BACKUP_BEFORE_MIGRATION_FAILED' });
    const sqlite = openEncryptedDatabase(dataDir, dbKey);
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
    expect(await currentVersion(db)).toBe(8);
    await db.destroy();
  });
});
