// Backups (issue 11): what a restore refuses, each with its own code, leaving the desk in use and unchanged;
// passwords and the recovery code as they were at backup time; no plaintext in a backup file.
import { copyFileSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { unwrapWithPassword } from '../../src/main/desk/keyring';
import { writeFileBackup } from '../../src/main/backup/write';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Desk, ADMIN, SETUP_INPUT, FakeClock } from '../support/desk-fixture';
import { addStaff, fullIntake, ID_A, ID_B, signInAs } from '../support/case-fixture';
import { tempDir } from '../support/tmp';
import { backupsOf, readTables, withStore } from '../support/backup-fixture';

/** A backup whose sealing is sound but whose database has a damaged page (sealed with the real key). */
async function sealCorruptCopy(dataDir: string, target: string): Promise<void> {
  const scratch = tempDir('counseldesk-corrupt-');
  try {
    const opened = unwrapWithPassword(dataDir, ADMIN.username, ADMIN.password);
    if (!opened) throw new Error('no key');
    await withStore(dataDir, ADMIN.username, ADMIN.password, async () => undefined); // checkpoints
    const copy = join(scratch.dir, 'desk.db');
    copyFileSync(join(dataDir, 'desk.db'), copy);
    const bytes = readFileSync(copy);
    const page = Math.floor(bytes.length / 4096 / 2) * 4096;
    for (let i = 100; i < 200; i++) bytes[page + i] = (bytes[page + i] as number) ^ 0xff;
    writeFileSync(copy, bytes);
    rmSync(target);
    await writeFileBackup(
      {
        dataDir,
        dbPath: copy,
        dbKey: opened.dbKey,
        schemaVersion: 9,
        deviceId: 'x',
        reason: 'manual',
        createdAt: new Date(),
      },
      dirname(target),
      basename(target),
    );
  } finally {
    scratch.cleanup();
  }
}

describe('restore refusals', () => {
  let tmp: ReturnType<typeof tempDir>;
  let usb: ReturnType<typeof tempDir>;
  let desk: Desk;
  let recoveryCode: string;
  let backupFile: string;

  beforeEach(async () => {
    tmp = tempDir('counseldesk-backup-');
    usb = tempDir('counseldesk-backup-usb-');
    desk = await Desk.open(tmp.dir, new FakeClock(), { folder: usb.dir });
    recoveryCode = (await desk.ok('setup.create', SETUP_INPUT)).recoveryCode;
    password = ADMIN.password;
    await addStaff(desk);
    await desk.ok('cases.create', fullIntake());
    await signInAs(desk, 'admin');
    const made = await desk.ok('backup.exportTo', null);
    expect(made.cancelled).toBe(false);
    backupFile = join(usb.dir, made.fileName as string);
  });
  afterEach(async () => {
    await desk.close();
    tmp.cleanup();
    usb.cleanup();
  });

  const adminCredential: { kind: 'password'; username: string; password: string } = {
    kind: 'password',
    username: ADMIN.username,
    password: ADMIN.password,
  };
  let password: string = ADMIN.password;
  const tables = () => withStore(tmp.dir, ADMIN.username, password, (db) => readTables(db, new Set()));

  /** The file at `path` chosen and restored with `credential`: the error code, the desk still open. */
  async function refused(credential: typeof adminCredential | { kind: 'recoveryCode'; code: string }) {
    const chosen = await desk.ok('backup.chooseFile', null);
    expect(chosen.cancelled).toBe(false);
    const before = await tables();
    const error = await desk.fails('backup.restore', { source: { kind: 'chosen' }, credential });
    expect((await desk.ok('app.status', null)).phase).toBe('unlocked');
    expect(await tables()).toEqual(before);
    return error.code;
  }

  it('no plaintext of the seeded case in the backup file; the header and name carry nothing personal', () => {
    const bytes = readFileSync(backupFile);
    for (const text of [
      '张三',
      '李四',
      ID_A,
      ID_B,
      '13800000001',
      '教师',
      '明水街道',
      '因家庭开支产生矛盾',
      ADMIN.displayName,
      'SQLite format 3',
    ]) {
      expect(bytes.includes(Buffer.from(text, 'utf8')), text).toBe(false);
    }
    expect(backupFile).toMatch(/backup-\d{4}-\d{2}-\d{2}-\d{6}-manual\.cdbk$/);
  });

  it('a flipped byte: BACKUP_DAMAGED; nothing changed', async () => {
    const bytes = readFileSync(backupFile);
    const at = bytes.length - 5000;
    bytes[at] = (bytes[at] as number) ^ 0x40;
    writeFileSync(backupFile, bytes);
    expect(await refused(adminCredential)).toBe('BACKUP_DAMAGED');
  });

  it('a truncated file: BACKUP_TRUNCATED; nothing changed', async () => {
    truncateSync(backupFile, Math.floor(statSync(backupFile).size / 2));
    expect(await refused(adminCredential)).toBe('BACKUP_TRUNCATED');
  });

  it('not a backup: BACKUP_NOT_BACKUP at choosing', async () => {
    writeFileSync(backupFile, Buffer.alloc(4096, 7));
    expect((await desk.fails('backup.chooseFile', null)).code).toBe('BACKUP_NOT_BACKUP');
  });

  it('a wrong password, or an unknown user: BACKUP_BAD_CREDENTIALS', async () => {
    expect(await refused({ ...adminCredential, password: 'not the password 1' })).toBe(
      'BACKUP_BAD_CREDENTIALS',
    );
    expect(await refused({ ...adminCredential, username: 'nobody' })).toBe('BACKUP_BAD_CREDENTIALS');
  });

  it('a password changed after the backup does not open it; the one valid then does', async () => {
    await desk.ok('auth.changePassword', {
      currentPassword: ADMIN.password,
      newPassword: 'a brand new pass 42',
    });
    password = 'a brand new pass 42';
    expect(await refused({ ...adminCredential, password: 'a brand new pass 42' })).toBe(
      'BACKUP_BAD_CREDENTIALS',
    );
    await desk.ok('backup.chooseFile', null);
    await desk.ok('backup.restore', { source: { kind: 'chosen' }, credential: adminCredential });
    // The restored keyring is the backup's: the old password signs in, the new one does not.
    expect((await desk.login(ADMIN.username, 'a brand new pass 42')).ok).toBe(false);
    expect((await desk.login(ADMIN.username, ADMIN.password)).ok).toBe(true);
  });

  it('a corrupt database inside a well-sealed backup is refused by the integrity check', async () => {
    // Reseal a damaged database with the real key: only the integrity check can find it.
    await sealCorruptCopy(tmp.dir, backupFile);
    expect(await refused(adminCredential)).toBe('BACKUP_INTEGRITY_FAILED');
  });

  it('the recovery code valid at backup time opens it; a newer one does not', async () => {
    const newCode = (await desk.ok('auth.regenerateRecovery', null)).recoveryCode;
    expect(await refused({ kind: 'recoveryCode', code: newCode })).toBe('BACKUP_BAD_CREDENTIALS');
    await desk.ok('backup.chooseFile', null);
    await desk.ok('backup.restore', {
      source: { kind: 'chosen' },
      credential: { kind: 'recoveryCode', code: recoveryCode },
    });
    expect((await desk.ok('app.status', null)).phase).toBe('locked');
  });

  it('only an administrator restores or backs up to a folder; anyone signed in backs up on the desk', async () => {
    await signInAs(desk, 'counsellorA');
    expect(
      (await desk.fails('backup.restore', { source: { kind: 'chosen' }, credential: adminCredential })).code,
    ).toBe('FORBIDDEN');
    expect((await desk.fails('backup.exportTo', null)).code).toBe('FORBIDDEN');
    const made = await desk.ok('backup.now', null);
    expect(made.fileName).toBeTruthy();
    copyFileSync(join(backupsOf(tmp.dir), made.fileName as string), join(usb.dir, 'x.bin'));
  });
});
