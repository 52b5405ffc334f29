// Faults: 20,000 changes from a real encrypted desk store reach the county through a
// fault-injecting HTTPS proxy (connections dropped mid-body, answers lost after the county stored the
// batch, 500s, delays, duplicate deliveries racing each other) while the county server — a separate
// process running what `county serve` runs, on a directory made by `county init` — is SIGKILLed twice
// with an ingest transaction open and restarted. The desk's runs repeat until one succeeds; afterwards the
// county holds exactly the desk's data, once, and the desk's outbox is empty. SQLite and PostgreSQL.
//
// Why a child process and SIGKILL rather than kill() in-process: kill() lets the running ingest pass end
// at a batch boundary, and an in-process "crash" can only be a thrown error that rolls back politely. A
// killed process leaves what a power cut leaves — a transaction open in the database (rows written, not
// committed) and connections cut mid-request — which is what exactly-once ingest has to survive. The
// child's beforeCommit hook only announces the moment, so every kill lands inside a transaction.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/main/desk/store';
import { generateDatabaseKey } from '../../src/main/desk/keyring';
import { SYNCED_TABLES } from '../../src/main/sync/sync.table';
import { storeSyncHost } from '../../src/main/sync/host';
import { SyncService } from '../../src/main/sync/service';
import { createEnrolmentCode } from '../../src/server/enrolment/enrol';
import { generateCountyKeys } from '../../src/server/county/keys';
import { receiveBatch } from '../../src/server/receive/receive';
import { openCountyStore, type CountyStore } from '../../src/server/store/store';
import type { SyncStatus } from '../../src/shared/sync/status';
import { compareDeskWithCounty, deskAccount, envelopeLog } from '../support/county-compare';
import { COUNTY_DIALECTS, openTestCountyStore } from '../support/county-db';
import { startCountyProcess, type CountyProcess } from '../support/county-process';
import { writeWorkload } from '../support/desk-workload';
import { FAULTS, startFaultProxy, type Fault, type FaultProxy } from '../support/fault-proxy';
import { addUsers, enrolAtCounty, plainDesk, sealAll } from '../support/sync-desks';
import { tempDir } from '../support/tmp';
import { seededRandom } from '../support/workload-generator';

const CHANGES = 20_000;
const PER_BATCH = 500;
/** The county dies in the ingest of these batches (first and second incarnation); the third runs on. */
const CRASH_AT = [6, 23];
const MAX_RUNS = 300;
const SEED = 0x5eed_4002;
const ORIGIN = '0190a7c2-0000-7000-8000-00000000d002';
const RACE_DEVICE = '0190a7c2-0000-7000-8000-00000000d003';
/** Copies of each batch delivered at the same moment in the race test. */
const RACING_COPIES = 12;
/** Faults that make the desk's request fail (each ends the run it happens in). */
const FAILING: readonly Fault[] = ['drop-mid-body', 'drop-response', 'error-500'];

/**
 * Request 0 is the enrolment (passed); then shuffled decks of four passes and one of each fault, so
 * every fault comes up every nine requests, in a seeded order.
 */
function faultPlan(seed: number): (index: number) => Fault {
  const random = seededRandom(seed);
  const deck: Fault[] = ['pass', 'pass', 'pass', 'pass', ...FAULTS.filter((f) => f !== 'pass')];
  const plan: Fault[] = ['pass'];
  return (index) => {
    while (plan.length <= index) {
      const block = [...deck];
      for (let i = block.length - 1; i > 0; i -= 1) {
        const j = Math.floor(random() * (i + 1));
        [block[i], block[j]] = [block[j] as Fault, block[i] as Fault];
      }
      plan.push(...block);
    }
    return plan[index] as Fault;
  };
}

/** Every stored envelope of the device applied (ingest caught up with what was received). */
async function ingestCaughtUp(county: CountyStore, device: string): Promise<boolean> {
  const stored = await county.db
    .selectFrom('envelopes')
    .select(['epoch', (eb) => eb.fn.max('seq').as('max_seq')])
    .where('device', '=', device)
    .groupBy('epoch')
    .execute();
  const progress = await county.db
    .selectFrom('ingest_progress')
    .select(['epoch', 'last_seq'])
    .where('device', '=', device)
    .execute();
  const applied = new Map(progress.map((p) => [Number(p.epoch), Number(p.last_seq)]));
  return stored.length > 0 && stored.every((s) => applied.get(Number(s.epoch)) === Number(s.max_seq));
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.each(COUNTY_DIALECTS)('sync under faults, county on %s', (dialect) => {
  let tmp: ReturnType<typeof tempDir> | undefined;
  let county: CountyProcess | undefined;
  let proxy: FaultProxy | undefined;
  let countyStore: CountyStore | undefined;
  let store: Store | undefined;
  let service: SyncService | undefined;

  beforeEach(() => {
    tmp = undefined;
    county = undefined;
    proxy = undefined;
    countyStore = undefined;
    store = undefined;
    service = undefined;
  });
  afterEach(async () => {
    await service?.close();
    await proxy?.close();
    await county?.stop();
    await countyStore?.close();
    await store?.close();
    tmp?.cleanup();
  });

  it(`${CHANGES.toLocaleString('en')} changes through drops, 500s, delays, duplicates and two county crashes arrive exactly once`, async () => {
    tmp = tempDir('counseldesk-sync-faults-');
    county = await startCountyProcess({ dialect, dir: tmp.dir, crashAtSeqs: CRASH_AT });
    proxy = await startFaultProxy({
      certPem: county.tls.certPem,
      keyPem: county.tls.keyPem,
      upstreamPort: county.port,
      plan: faultPlan(SEED),
      delayMs: 40,
    });
    countyStore = await openCountyStore(county.database);
    // What `county enrol` makes, except that the code points at the proxy: the desk only ever talks to it.
    const { code } = await createEnrolmentCode(countyStore, {
      station: '城关镇',
      url: proxy.url,
      tlsFingerprint: county.tls.fingerprint,
      now: new Date(),
    });

    const deskDir = join(tmp.dir, 'desk');
    mkdirSync(deskDir);
    store = await openStore(deskDir, generateDatabaseKey(), { create: true });
    const workload = await writeWorkload(store.db, { changes: CHANGES, seed: SEED, origin: ORIGIN });
    expect(workload.changes).toBe(CHANGES);
    service = new SyncService(storeSyncHost({ db: store.db, dataDir: deskDir }), {
      limits: { maxChanges: PER_BATCH },
      transport: { connectTimeoutMs: 5_000, requestTimeoutMs: 20_000 },
    });
    const enrolled = await service.enrol(code);
    const device = enrolled.enrolment?.deviceId ?? '';
    // Nothing was sealed yet, so the capture folded repeated changes of a row into its latest state
    // (migration 0009): fewer entries than changes, still enough batches for both planned crashes.
    const total = enrolled.pendingChanges;
    expect(total).toBeLessThan(CHANGES);
    const batches = Math.ceil(total / PER_BATCH);
    expect(batches).toBeGreaterThan(Math.max(...CRASH_AT));

    // Run until a run succeeds; every failed one must say so and lose nothing.
    let status: SyncStatus | undefined;
    let failedRuns = 0;
    const failureCodes = new Set<string>();
    for (let run = 1; ; run += 1) {
      if (run > MAX_RUNS) throw new Error(`no successful run in ${MAX_RUNS} attempts`);
      await county.ready();
      status = await service.runNow();
      if (service.consecutiveFailures === 0) {
        expect(status.lastError).toBeNull();
        break;
      }
      failedRuns += 1;
      expect(status.lastError).not.toBeNull();
      failureCodes.add(status.lastError?.code ?? 'none');
      const account = await deskAccount(store.db);
      expect(account.pending + account.delivered).toBe(total);
      expect(status.pendingChanges).toBe(account.pending);
    }
    expect(status).toMatchObject({ pendingChanges: 0, sealedBatches: 0, running: false });

    // The county crashed where planned (the second crash may come after the desk's last run), and
    // its restarts applied everything that was stored.
    await waitUntil(async () => {
      await county?.ready();
      return countyStore !== undefined && ingestCaughtUp(countyStore, device);
    }, 60_000);
    expect(county.kills).toEqual(CRASH_AT.map((seq) => ({ seq })));
    await county.stop();

    // Every fault happened; each failing one cost a run (a crash may cost one more); nothing else failed.
    for (const fault of FAULTS) expect(proxy.counts[fault], fault).toBeGreaterThan(0);
    const failing = FAILING.reduce((sum, f) => sum + (proxy?.counts[f] ?? 0), 0);
    expect(failedRuns).toBeGreaterThanOrEqual(failing);
    expect(failedRuns).toBeLessThanOrEqual(failing + county.kills.length);
    expect([...failureCodes]).toEqual(['SYNC_UNREACHABLE']);

    // The county's log: no duplicates, no gaps, chained, a receipt per envelope, all applied.
    const log = await envelopeLog(countyStore, device);
    expect(log.problems).toEqual([]);
    expect(log.epochs).toEqual([{ epoch: 1, seqs: Array.from({ length: batches }, (_, i) => i + 1) }]);
    expect(log).toMatchObject({ envelopes: batches, receipts: batches, changes: total });
    expect(log.progress).toEqual([{ epoch: 1, lastSeq: batches, status: 'active' }]);

    // Idempotency was exercised: the county only ever answered 200, and more 200s than batches (the
    // enrolment is one) — replays of duplicates and of batches whose answer was lost.
    expect([...proxy.upstreamStatuses.keys()]).toEqual([200]);
    const replays = (proxy.upstreamStatuses.get(200) ?? 0) - 1 - log.envelopes;
    expect(replays).toBeGreaterThan(0);
    expect(replays).toBeGreaterThanOrEqual(
      proxy.counts.duplicate + proxy.counts['drop-response'] - county.kills.length,
    );

    // The desk: every change delivered under a verified receipt, the outbox empty.
    expect(await deskAccount(store.db)).toEqual({ pending: 0, delivered: total });
    const outbox = await store.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(outbox.n)).toBe(0);

    // The county's rows: exactly the desk's.
    const comparison = await compareDeskWithCounty(store.db, countyStore, device, workload.hardDeleted);
    expect(comparison.problems).toEqual([]);
    expect(comparison.problemCount).toBe(0);
    expect(comparison.otherDeviceRows).toBe(0);
    for (const table of SYNCED_TABLES) {
      const counts = comparison.tables[table];
      expect(counts.countyLive, table).toBe(counts.desk);
      expect(counts.countyDeleted, table).toBe(workload.hardDeleted.get(table)?.size ?? 0);
    }
  }, 150_000);

  // The race a duplicate delivery is (a retry overtaking its own first attempt), many times over, straight
  // into the county's verify-and-store path: on PostgreSQL the copies run in separate transactions.
  it('copies of a batch delivered at the same moment all get its receipt, and it is stored once', async () => {
    tmp = tempDir('counseldesk-sync-race-');
    const keys = await generateCountyKeys();
    countyStore = await openTestCountyStore(dialect, tmp.dir);
    const desk = await plainDesk(RACE_DEVICE, keys);
    try {
      await enrolAtCounty(countyStore, desk, '城关镇');
      await addUsers(desk.db, 200, RACE_DEVICE);
      const batches = await sealAll(desk, keys, 2);
      expect(batches).toHaveLength(100);
      const outcomes: string[] = [];
      for (const b of batches) {
        const address = { device: RACE_DEVICE, epoch: b.epoch, seq: b.seq };
        const store = countyStore;
        const answers = await Promise.allSettled(
          Array.from({ length: RACING_COPIES }, () => receiveBatch(store, keys, address, b.bytes)),
        );
        const texts = new Set(answers.map((a) => (a.status === 'fulfilled' ? a.value.text : 'refused')));
        const stored = answers.filter((a) => a.status === 'fulfilled' && a.value.stored).length;
        const refused = answers
          .map((a) => (a.status === 'rejected' ? String((a.reason as { code?: unknown }).code) : null))
          .filter((code) => code !== null);
        outcomes.push(`${b.seq}: ${texts.size} answer(s), stored ${stored}, refused [${refused.join(' ')}]`);
      }
      expect(outcomes).toEqual(batches.map((b) => `${b.seq}: 1 answer(s), stored 1, refused []`));
      const log = await envelopeLog(countyStore, RACE_DEVICE);
      expect(log.problems).toEqual([]);
      expect(log).toMatchObject({ envelopes: 100, receipts: 100 });
    } finally {
      await desk.close();
    }
  }, 60_000);
});
