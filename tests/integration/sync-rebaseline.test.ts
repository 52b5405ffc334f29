// Re-baseline (issue 10 "nothing lost"): the county is restored from an older copy of its database in the
// middle of a sync workload. The desk had pruned what the county receipted since, so its next upload
// meets 422 SEQUENCE_GAP (or, when the desk had moved to an epoch the old copy never saw, the same gap for
// that unknown epoch); it re-baselines — a new epoch carrying a snapshot of every synced row — and after
// that run the county's rows equal the desk's row by row. SQLite and PostgreSQL counties, real HTTPS.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/main/desk/store';
import { generateDatabaseKey } from '../../src/main/desk/keyring';
import { SYNC_MARK_FILE } from '../../src/main/sync/epoch';
import { storeSyncHost } from '../../src/main/sync/host';
import { SyncService } from '../../src/main/sync/service';
import { SYNCED_TABLES, type SyncedTableName } from '../../src/main/sync/sync.table';
import type { CountyStore } from '../../src/server/store/store';
import { compareDeskWithCounty, envelopeLog } from '../support/county-compare';
import { COUNTY_DIALECTS } from '../support/county-db';
import { startTestCounty, type TestCounty } from '../support/county-server';
import { writeWorkload, type Workload } from '../support/desk-workload';
import { tempDir } from '../support/tmp';

/** One origin per workload: each numbers its cases from 1, and case numbers are unique per origin. */
const origin = (n: number) => `0190a7c2-0000-7000-8000-00000000d01${n}`;
const PER_BATCH = 200;
/** The county's tables that a restore from an older copy takes back (devices and keys stay). */
const RESTORED = ['envelopes', 'receipts', 'ingest_progress', 'county_rows'] as const;
type Copy = Record<(typeof RESTORED)[number], Record<string, unknown>[]>;

/** An older copy of the county's data: every row of the tables a restore brings back. */
async function copyCounty(county: CountyStore): Promise<Copy> {
  const copy = {} as Copy;
  for (const table of RESTORED) {
    copy[table] = (
      await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(county.db)
    ).rows;
  }
  return copy;
}

/** The restore: those tables hold exactly the copy again (one transaction, as a restore is all or nothing). */
async function restoreCounty(county: CountyStore, copy: Copy): Promise<void> {
  await county.db.transaction().execute(async (trx) => {
    for (const table of RESTORED) await sql`DELETE FROM ${sql.table(table)}`.execute(trx);
    for (const table of RESTORED) {
      const rows = copy[table];
      for (let i = 0; i < rows.length; i += 200) {
        await trx
          .insertInto(table)
          .values(rows.slice(i, i + 200) as never)
          .execute();
      }
    }
  });
}

function mergeDeleted(...workloads: Workload[]): Map<SyncedTableName, Set<string>> {
  const merged = new Map<SyncedTableName, Set<string>>();
  for (const w of workloads) {
    for (const [table, ids] of w.hardDeleted)
      merged.set(table, new Set([...(merged.get(table) ?? []), ...ids]));
  }
  return merged;
}

describe.each(COUNTY_DIALECTS)('re-baseline after a county restore, county on %s', (dialect) => {
  let desk: ReturnType<typeof tempDir>;
  let store: Store;
  let county: TestCounty;
  let service: SyncService;

  beforeEach(async () => {
    desk = tempDir('counseldesk-rebaseline-');
    store = await openStore(desk.dir, generateDatabaseKey(), { create: true });
    county = await startTestCounty({ dialect });
    service = new SyncService(storeSyncHost({ db: store.db, dataDir: desk.dir }), {
      limits: { maxChanges: PER_BATCH },
    });
  });
  afterEach(async () => {
    await service.close();
    await county.stop();
    await store.close();
    desk.cleanup();
  });

  const run = async () => {
    const status = await service.runNow();
    await county.ingestor.idle();
    return status;
  };

  async function restoreScenario(options: { deskMovesEpoch: boolean }) {
    const w1 = await writeWorkload(store.db, { changes: 1_500, seed: 0x5eed_a001, origin: origin(1) });
    const device = (await service.enrol(await county.enrol('城关镇'))).enrolment?.deviceId ?? '';
    expect((await run()).lastError).toBeNull();
    const older = await copyCounty(county.store);

    // More work reaches the county after its backup; the desk prunes it as delivered.
    const w2 = await writeWorkload(store.db, { changes: 1_200, seed: 0x5eed_a002, origin: origin(2) });
    // A desk data directory moved without its mark starts a new epoch: one the backup never saw.
    if (options.deskMovesEpoch) rmSync(join(desk.dir, SYNC_MARK_FILE));
    const second = await run();
    expect(second).toMatchObject({
      lastError: null,
      pendingChanges: 0,
      epoch: options.deskMovesEpoch ? 2 : 1,
    });

    // The county goes back to its older copy; the desk goes on working.
    await restoreCounty(county.store, older);
    const w3 = await writeWorkload(store.db, { changes: 600, seed: 0x5eed_a003, origin: origin(3) });
    const third = await run();
    expect(third).toMatchObject({ lastError: null, pendingChanges: 0, sealedBatches: 0 });
    const epoch = options.deskMovesEpoch ? 3 : 2;
    expect(third.epoch).toBe(epoch);

    // The county: the old epoch as the backup had it, then the new one from seq 1, whole and chained; the
    // snapshot took several batches (the batch limits hold).
    const log = await envelopeLog(county.store, device);
    expect(log.problems).toEqual([]);
    const newEpoch = log.epochs.find((e) => e.epoch === epoch);
    expect(newEpoch?.seqs.length).toBeGreaterThan(5);
    expect(log.epochs.map((e) => e.epoch)).toEqual([1, epoch]);

    // Row by row: every desk row live at the county with the same content and version, every row removed
    // for good marked deleted, nothing else.
    const deleted = mergeDeleted(w1, w2, w3);
    const comparison = await compareDeskWithCounty(store.db, county.store, device, deleted);
    expect(comparison.problems).toEqual([]);
    expect(comparison.problemCount).toBe(0);
    for (const table of SYNCED_TABLES) {
      expect(comparison.tables[table].countyLive, table).toBe(comparison.tables[table].desk);
    }

    // The desk: nothing pending, the re-baseline audited with its cause (counts and codes only).
    const audit = await store.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('action', 'in', ['sync.rebaselined', 'sync.epoch_started'])
      .orderBy('seq')
      .execute();
    const rebaselined = audit.filter((a) => a.action === 'sync.rebaselined');
    expect(rebaselined).toHaveLength(1);
    expect(JSON.parse(rebaselined[0]?.detail ?? '{}')).toMatchObject({ epoch, reason: 'SEQUENCE_GAP' });
    const outbox = await store.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(outbox.n)).toBe(0);

    // And the next run is ordinary again: new changes go in the new epoch.
    await writeWorkload(store.db, { changes: 50, seed: 0x5eed_a004, origin: origin(4), perTransaction: 10 });
    const fourth = await run();
    expect(fourth).toMatchObject({ lastError: null, pendingChanges: 0, epoch });
  }

  it('a gap: the county lost the batches after its backup', async () => {
    await restoreScenario({ deskMovesEpoch: false });
  }, 120_000);

  it('an unknown epoch: the backup predates the epoch the desk is in', async () => {
    await restoreScenario({ deskMovesEpoch: true });
  }, 120_000);
});
