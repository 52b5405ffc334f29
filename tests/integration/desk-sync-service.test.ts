// The SyncService driven without IPC, on a store opened by the test (how the fault and benchmark suites
// use it): enrol, run, a restart of the service resuming sealed batches, the status it reports.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/main/desk/store';
import { unwrapWithRecoveryCode } from '../../src/main/desk/keyring';
import { storeSyncHost } from '../../src/main/sync/host';
import { SyncService } from '../../src/main/sync/service';
import { startTestCounty, type TestCounty } from '../support/county-server';
import { Desk, SETUP_INPUT } from '../support/desk-fixture';
import { countyEnvelopes, countyRowIds, makeChanges } from '../support/desk-sync-fixture';
import { tempDir } from '../support/tmp';

describe('SyncService on a store of its own', () => {
  let tmp: ReturnType<typeof tempDir>;
  let county: TestCounty;
  let store: Store;
  let countyDir: ReturnType<typeof tempDir>;

  beforeEach(async () => {
    tmp = tempDir('counseldesk-sync-service-');
    const desk = await Desk.open(tmp.dir);
    const { recoveryCode } = await desk.ok('setup.create', SETUP_INPUT);
    await makeChanges(desk, 5);
    await desk.close();
    const key = unwrapWithRecoveryCode(tmp.dir, recoveryCode);
    if (!key) throw new Error('recovery code did not open the keyring');
    store = await openStore(tmp.dir, key);
    countyDir = tempDir('counseldesk-county-');
    county = await startTestCounty({ dir: countyDir.dir });
  });
  afterEach(async () => {
    await county.stop();
    countyDir.cleanup();
    await store.close();
    tmp.cleanup();
  });

  it('enrol and runNow deliver everything, without IPC', async () => {
    const service = new SyncService(storeSyncHost({ db: store.db, dataDir: tmp.dir }), {
      limits: { maxChanges: 3 },
    });
    const enrolled = await service.enrol(await county.enrol('城关镇'));
    const device = enrolled.enrolment?.deviceId ?? '';
    expect(enrolled.pendingChanges).toBeGreaterThanOrEqual(6);

    const status = await service.runNow();
    expect(status).toMatchObject({ lastError: null, pendingChanges: 0, sealedBatches: 0, running: false });
    expect(status.history).toHaveLength(Math.ceil(enrolled.pendingChanges / 3));
    expect(service.consecutiveFailures).toBe(0);
    const users = await store.db.selectFrom('users').select('id').orderBy('id').execute();
    expect(await countyRowIds(county, device, 'users')).toEqual(users.map((u) => u.id));
    await service.close();
  });

  it('a new service instance (an app restart) resends what the last one sealed, in order', async () => {
    const host = storeSyncHost({ db: store.db, dataDir: tmp.dir });
    const first = new SyncService(host, { limits: { maxChanges: 3 } });
    const device = (await first.enrol(await county.enrol('城关镇'))).enrolment?.deviceId ?? '';
    await county.stop();
    const failed = await first.runNow();
    expect(failed).toMatchObject({ lastError: { code: 'SYNC_UNREACHABLE' }, sealedBatches: 1 });
    expect(first.consecutiveFailures).toBe(1);
    await first.close();

    await county.restart();
    const second = new SyncService(host, { limits: { maxChanges: 3 } });
    const status = await second.runNow();
    expect(status).toMatchObject({ lastError: null, pendingChanges: 0, sealedBatches: 0 });
    expect(status.lastAttemptAt).not.toBeNull();
    const seqs = (await countyEnvelopes(county, device)).map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    await second.close();
  });
});
