// Round trip: 10,000 changes on a real encrypted desk store reach the county database
// exactly — SyncService.runNow() over real HTTPS with the pinned certificate, the real county server and
// its ingestor, on SQLite and on PostgreSQL.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/main/desk/store';
import { generateDatabaseKey } from '../../src/main/desk/keyring';
import { SYNCED_TABLES } from '../../src/main/sync/sync.table';
import { storeSyncHost } from '../../src/main/sync/host';
import { SyncService } from '../../src/main/sync/service';
import { compareDeskWithCounty, deskAccount, envelopeLog } from '../support/county-compare';
import { COUNTY_DIALECTS } from '../support/county-db';
import { startTestCounty, type TestCounty } from '../support/county-server';
import { writeWorkload } from '../support/desk-workload';
import { tempDir } from '../support/tmp';

const CHANGES = 10_000;
const PER_BATCH = 500;
const ORIGIN = '0190a7c2-0000-7000-8000-00000000d001';

describe.each(COUNTY_DIALECTS)('sync round trip, county on %s', (dialect) => {
  let desk: ReturnType<typeof tempDir>;
  let store: Store;
  let county: TestCounty;

  beforeEach(async () => {
    desk = tempDir('counseldesk-roundtrip-');
    store = await openStore(desk.dir, generateDatabaseKey(), { create: true });
    county = await startTestCounty({ dialect });
  });
  afterEach(async () => {
    await county.stop();
    await store.close();
    desk.cleanup();
  });

  it(`${CHANGES.toLocaleString('en')} changes reach the county database exactly`, async () => {
    const workload = await writeWorkload(store.db, { changes: CHANGES, seed: 0x5eed_4001, origin: ORIGIN });
    // A realistic mix: every synced table written, updates and both kinds of deletion among them.
    expect(workload.changes).toBe(CHANGES);
    expect(workload.steps.update).toBeGreaterThan(2_000);
    expect(workload.steps.softDelete).toBeGreaterThan(100);
    expect(workload.steps.hardDelete).toBeGreaterThan(200);
    expect([...workload.hardDeleted.keys()].length).toBeGreaterThanOrEqual(5);

    const service = new SyncService(storeSyncHost({ db: store.db, dataDir: desk.dir }), {
      limits: { maxChanges: PER_BATCH },
    });
    const enrolled = await service.enrol(await county.enrol('城关镇'));
    const device = enrolled.enrolment?.deviceId ?? '';
    // Nothing was sealed yet, so the capture folded repeated changes of a row into its latest state
    // (migration 0009): fewer entries than changes, but every row's last change among them.
    const pending = enrolled.pendingChanges;
    expect(pending).toBeLessThan(CHANGES);
    expect(pending).toBeGreaterThan(CHANGES / 2);

    const status = await service.runNow();
    expect(status).toMatchObject({ lastError: null, pendingChanges: 0, sealedBatches: 0, running: false });
    expect(status.lastSuccessAt).not.toBeNull();
    expect(service.consecutiveFailures).toBe(0);
    await service.close();
    await county.ingestor.idle();

    const batches = Math.ceil(pending / PER_BATCH);
    // The desk: every change accounted for by a verified receipt, the outbox pruned empty.
    expect(await deskAccount(store.db)).toEqual({ pending: 0, delivered: pending });
    const outbox = await store.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(outbox.n)).toBe(0);
    expect(status.history).toHaveLength(batches);
    expect(status.history.every((b) => b.changeCount <= PER_BATCH && b.status === 'delivered')).toBe(true);
    expect(status.history.reduce((n, b) => n + b.changeCount, 0)).toBe(pending);

    // The county's log: one epoch, seqs 1..n, chained, one receipt each, all ingested.
    const log = await envelopeLog(county.store, device);
    expect(log.problems).toEqual([]);
    expect(log.epochs).toEqual([{ epoch: 1, seqs: Array.from({ length: batches }, (_, i) => i + 1) }]);
    expect(log).toMatchObject({ envelopes: batches, receipts: batches, changes: pending });
    expect(log.progress).toEqual([{ epoch: 1, lastSeq: batches, status: 'active' }]);

    // The county's rows: exactly the desk's.
    const comparison = await compareDeskWithCounty(store.db, county.store, device, workload.hardDeleted);
    expect(comparison.problems).toEqual([]);
    expect(comparison.problemCount).toBe(0);
    expect(comparison.otherDeviceRows).toBe(0);
    for (const table of SYNCED_TABLES) {
      const counts = comparison.tables[table];
      expect(counts.countyLive, table).toBe(counts.desk);
      expect(counts.countyDeleted, table).toBe(workload.hardDeleted.get(table)?.size ?? 0);
      expect(counts.desk, table).toBeGreaterThan(0);
    }
  }, 120_000);
});
