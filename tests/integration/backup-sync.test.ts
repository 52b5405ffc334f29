// Backups (issue 11): a restored desk's next sync starts a new epoch carrying a full snapshot, and the
// county ends holding exactly the restored desk's rows (changes made after the backup are undone there too).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestCounty, type TestCounty } from '../support/county-server';
import { ADMIN } from '../support/desk-fixture';
import { enrolDesk, makeChanges, openSyncDesk, type SyncTestDesk } from '../support/desk-sync-fixture';
import { compareDeskWithCounty, envelopeLog } from '../support/county-compare';
import { withStore } from '../support/backup-fixture';
import { SYNCED_TABLE_NAMES } from '../../src/shared/sync';

describe('a restored desk syncs in a new epoch', () => {
  let county: TestCounty;
  let d: SyncTestDesk;

  beforeEach(async () => {
    county = await startTestCounty();
    d = await openSyncDesk();
  });
  afterEach(async () => {
    await d.cleanup();
    await county.stop();
  });

  it('the county ends equal to the desk: rows added after the backup deleted, rows changed go back', async () => {
    const device = (await enrolDesk(d.desk, county)).enrolment?.deviceId ?? '';
    const [kept] = await makeChanges(d.desk, 3);
    await d.desk.ok('sync.now', null);
    const made = await d.desk.ok('backup.now', null);

    // After the backup: new accounts, one disabled (its row changes), all synced to the county.
    const added = await makeChanges(d.desk, 3);
    await d.desk.ok('users.setDisabled', { userId: kept as string, disabled: true });
    expect(await d.desk.ok('sync.now', null)).toMatchObject({ epoch: 1, pendingChanges: 0, lastError: null });
    await county.ingestor.idle();

    await d.desk.ok('backup.restore', {
      source: { kind: 'automatic', fileName: made.fileName as string },
      credential: { kind: 'password', username: ADMIN.username, password: ADMIN.password },
    });
    await d.desk.ok('auth.login', { username: ADMIN.username, password: ADMIN.password });
    const status = await d.desk.ok('sync.now', null);
    expect(status).toMatchObject({ epoch: 2, pendingChanges: 0, sealedBatches: 0, lastError: null });
    await county.ingestor.idle();

    const log = await envelopeLog(county.store, device);
    expect(log.problems).toEqual([]);
    expect(log.epochs.map((e) => e.epoch)).toEqual([1, 2]);
    const comparison = await withStore(d.dir, ADMIN.username, ADMIN.password, (db) =>
      compareDeskWithCounty(db, county.store, device, new Map([['users', new Set(added)]])),
    );
    expect(comparison.problems).toEqual([]);
    for (const table of SYNCED_TABLE_NAMES) {
      expect(comparison.tables[table].countyLive, table).toBe(comparison.tables[table].desk);
    }
    expect(comparison.tables.users.countyDeleted).toBe(3);
    // The account disabled after the backup is enabled again, at the county too (compared above).
    const row = await withStore(d.dir, ADMIN.username, ADMIN.password, (db) =>
      db
        .selectFrom('users')
        .select('disabled')
        .where('id', '=', kept as string)
        .executeTakeFirstOrThrow(),
    );
    expect(row.disabled).toBe(0);
  });
});
