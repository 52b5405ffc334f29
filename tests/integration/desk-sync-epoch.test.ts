// A restored backup must start a new device epoch, so the county never sees two batches under one number.
// The desk's data directory is copied while locked (a backup), more is synced, the copy is put back.
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYNC_MARK_FILE } from '../../src/main/sync/epoch';
import { startTestCounty, type TestCounty } from '../support/county-server';
import { ADMIN } from '../support/desk-fixture';
import {
  countyEnvelopes,
  countyRowIds,
  deskUserIds,
  enrolDesk,
  makeChanges,
  openSyncDesk,
  type SyncTestDesk,
} from '../support/desk-sync-fixture';
import { tempDir } from '../support/tmp';

function copyFiles(from: string, to: string, skip: (name: string) => boolean): void {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    if (skip(name) || !statSync(join(from, name)).isFile()) continue;
    copyFileSync(join(from, name), join(to, name));
  }
}

describe('restored backup → new epoch', () => {
  let county: TestCounty;
  let d: SyncTestDesk;
  let backup: ReturnType<typeof tempDir>;

  beforeEach(async () => {
    county = await startTestCounty();
    d = await openSyncDesk();
    backup = tempDir('counseldesk-backup-');
  });
  afterEach(async () => {
    await d.cleanup();
    await county.stop();
    backup.cleanup();
  });

  const login = () => d.desk.ok('auth.login', { username: ADMIN.username, password: ADMIN.password });

  /** Sync, back up (locked), sync more, lock, restore the backup, unlock. Returns the device id. */
  async function restoreScenario(restoreMark: boolean): Promise<string> {
    const device = (await enrolDesk(d.desk, county)).enrolment?.deviceId ?? '';
    await makeChanges(d.desk, 1);
    await d.desk.ok('sync.now', null);
    await d.desk.ok('auth.lock', null);
    copyFiles(d.dir, backup.dir, () => false);

    await login();
    await makeChanges(d.desk, 2);
    const later = await d.desk.ok('sync.now', null);
    expect(later).toMatchObject({ epoch: 1, pendingChanges: 0, lastError: null });
    await d.desk.ok('auth.lock', null);

    for (const name of readdirSync(d.dir)) {
      if (name.startsWith('desk.db')) rmSync(join(d.dir, name));
    }
    // A backup of the database leaves the mark where it is; a copy of the whole directory brings its own.
    copyFiles(backup.dir, d.dir, (name) => name === SYNC_MARK_FILE && !restoreMark);
    await login();
    return device;
  }

  it('the database restored without its mark: epoch 2 before anything is sent; the county takes seq 1', async () => {
    const device = await restoreScenario(false);
    expect((await d.desk.ok('sync.status', null)).epoch).toBe(1); // the restored database's own view
    await makeChanges(d.desk, 1);

    const status = await d.desk.ok('sync.now', null);
    expect(status).toMatchObject({ epoch: 2, pendingChanges: 0, sealedBatches: 0, lastError: null });
    const envelopes = await countyEnvelopes(county, device);
    expect(envelopes.filter((e) => e.epoch === 2).map((e) => e.seq)).toEqual([1]);
    // The county keeps what the restored desk lost (the two users made after the backup) and has the rest.
    const countyUsers = await countyRowIds(county, device, 'users');
    expect(countyUsers).toEqual(expect.arrayContaining(await deskUserIds(d.desk)));
    expect(countyUsers).toHaveLength((await deskUserIds(d.desk)).length + 2);

    const audit = await d.desk.ok('audit.list', { action: 'sync.epoch_started' });
    expect(audit.rows.map((r) => r.detail)).toEqual([
      { epoch: 2, previousEpoch: 1, discardedBatches: 0, reason: 'behind_mark' },
    ]);
  });

  it('the whole directory restored, mark included: the county’s conflict starts epoch 2', async () => {
    const device = await restoreScenario(true);
    await makeChanges(d.desk, 1);

    const status = await d.desk.ok('sync.now', null);
    expect(status).toMatchObject({ epoch: 2, pendingChanges: 0, sealedBatches: 0, lastError: null });
    expect((await countyEnvelopes(county, device)).filter((e) => e.epoch === 2)[0]).toEqual({
      epoch: 2,
      seq: 1,
    });
    expect(await countyRowIds(county, device, 'users')).toEqual(
      expect.arrayContaining(await deskUserIds(d.desk)),
    );
    const audit = await d.desk.ok('audit.list', { action: 'sync.epoch_started' });
    expect(audit.rows[0]?.detail).toMatchObject({ epoch: 2, previousEpoch: 1, reason: 'county_conflict' });
  });
});
