// Backups (issue 11): backup → restore reproduces the store exactly; changes after the backup are gone;
// a damaged, truncated or wrongly opened backup is refused with its own code and the desk stays as it was.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Desk, ADMIN, SETUP_INPUT, FakeClock } from '../support/desk-fixture';
import { fullIntake, minimalIntake, addStaff, signInAs } from '../support/case-fixture';
import { sql } from 'kysely';
import { SYNCED_TABLE_NAMES } from '../../src/shared/sync';
import { tempDir } from '../support/tmp';
import { readTables, withStore } from '../support/backup-fixture';

describe('backup and restore on one desk', () => {
  let tmp: ReturnType<typeof tempDir>;
  let usb: ReturnType<typeof tempDir>;
  let desk: Desk;

  beforeEach(async () => {
    tmp = tempDir('counseldesk-backup-');
    usb = tempDir('counseldesk-backup-usb-');
    desk = await Desk.open(tmp.dir, new FakeClock(), { folder: usb.dir });
    await desk.ok('setup.create', SETUP_INPUT);
  });
  afterEach(async () => {
    await desk.close();
    tmp.cleanup();
    usb.cleanup();
  });

  async function seed(): Promise<void> {
    await addStaff(desk);
    await signInAs(desk, 'counsellorA');
    await desk.ok('cases.create', fullIntake());
    await desk.ok(
      'cases.create',
      minimalIntake({ filing: { receivedDate: '2026-03-02', receiptNumber: 'SL-2026-0002' } }),
    );
    await signInAs(desk, 'admin');
  }

  /** Every table without the synced rows' `version` (a restore raises it on rows changed since). */
  const withoutVersions = (tables: Record<string, unknown[]>) =>
    Object.fromEntries(
      Object.entries(tables).map(([name, rows]) => [
        name,
        rows.map((r) => {
          const { version: _v, ...rest } = r as Record<string, unknown>;
          return SYNCED_TABLE_NAMES.includes(name as never) ? rest : r;
        }),
      ]),
    );

  const restoreLatest = (fileName: string) =>
    desk.ok('backup.restore', {
      source: { kind: 'automatic', fileName },
      credential: { kind: 'password', username: ADMIN.username, password: ADMIN.password },
    });

  it('backup → restore: every table equals the snapshot, integrity ok, the restore audited', async () => {
    await seed();
    const made = await desk.ok('backup.now', null);
    expect(made.fileName).toMatch(/^backup-\d{4}-\d{2}-\d{2}-\d{6}-manual\.cdbk$/);
    const snapshot = await withStore(tmp.dir, ADMIN.username, ADMIN.password, (db) => readTables(db));
    expect(snapshot['cases']).toHaveLength(2);

    const restored = await restoreLatest(made.fileName as string);
    expect(restored.schemaVersion).toBeGreaterThan(0);
    // The desk is signed out; the restored store opens with the password valid at backup time.
    expect((await desk.ok('app.status', null)).phase).toBe('locked');
    const after = await withStore(tmp.dir, ADMIN.username, ADMIN.password, async (db) => {
      const check = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(db);
      expect(check.rows[0]?.integrity_check).toBe('ok');
      return readTables(db);
    });
    expect(after).toEqual(snapshot);
    expect(existsSync(join(tmp.dir, 'before-restore'))).toBe(false);
    expect(existsSync(join(tmp.dir, 'restore-staging'))).toBe(false);
    expect(existsSync(join(tmp.dir, 'restore-marker.json'))).toBe(false);

    expect((await desk.login(ADMIN.username, ADMIN.password)).ok).toBe(true);
    const audit = await desk.ok('audit.list', { action: 'backup.restored' });
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]?.detail).toMatchObject({
      kind: 'password',
      source: 'automatic',
      reason: 'manual',
      rows: 0,
    });
    // The hand-made backup's own audit entry came after its snapshot, so the restored log lacks it.
    expect((await desk.ok('audit.list', { action: 'backup.created' })).total).toBe(0);
  });

  it('a case added after the backup is gone after the restore, and leaves a tombstone for the county', async () => {
    await seed();
    const made = await desk.ok('backup.now', null);
    const snapshot = await withStore(tmp.dir, ADMIN.username, ADMIN.password, (db) => readTables(db));
    await signInAs(desk, 'counsellorA');
    const later = await desk.ok(
      'cases.create',
      minimalIntake({ filing: { receivedDate: '2026-03-02', receiptNumber: 'SL-2026-0003' } }),
    );
    await signInAs(desk, 'admin');
    await restoreLatest(made.fileName as string);
    const after = await withStore(tmp.dir, ADMIN.username, ADMIN.password, async (db) => ({
      tables: await readTables(db),
      tombstones: await db.selectFrom('sync_tombstones').selectAll().execute(),
    }));
    expect(withoutVersions(after.tables)).toEqual(withoutVersions(snapshot));
    expect((after.tables['cases'] as { id: string }[]).map((c) => c.id)).not.toContain(later.id);
    expect(after.tombstones.map((t) => `${t.table_name}/${t.row_id}`)).toContain(`cases/${later.id}`);
    // Users who signed in after the backup changed: their rows come back at a higher version.
    const before = new Map(
      (snapshot['users'] as { id: string; version: number }[]).map((u) => [u.id, u.version]),
    );
    for (const u of after.tables['users'] as { id: string; version: number }[]) {
      expect(u.version).toBeGreaterThanOrEqual(before.get(u.id) ?? Infinity);
    }
  });
});
