/*
 * Sync benchmark: a desk with N changes (default 100,000) on a real encrypted store delivers
 * them with SyncService.runNow() to a real county server over HTTPS on 127.0.0.1 (SQLite, then
 * PostgreSQL), timed until the county's ingest is idle; the desk's sealing, the county's verify-and-store
 * and its ingest are also timed alone; the baseline sends the same envelope bytes as plain HTTP POSTs to
 * a no-op handler. Writes its section into docs/benchmarks.md (between markers).
 *
 *   npx tsx tests/bench/sync.ts                       # 100,000 changes, SQLite and PostgreSQL
 *   BENCH_CHANGES=10000 BENCH_SYNC_DIALECTS=sqlite npx tsx tests/bench/sync.ts
 */
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openStore } from '../../src/main/desk/store';
import { generateDatabaseKey } from '../../src/main/desk/keyring';
import { storeSyncHost } from '../../src/main/sync/host';
import { findEnrolment } from '../../src/main/sync/link';
import { DEFAULT_LIMITS, KEEP_DELIVERED_BATCHES, sealAll } from '../../src/main/sync/run';
import { SyncService } from '../../src/main/sync/service';
import { ingestPending } from '../../src/server/ingest/ingest';
import { generateCountyKeys, type CountyKeys } from '../../src/server/county/keys';
import { receiveBatch } from '../../src/server/receive/receive';
import { addDevice, openCountyStore, type CountyStore } from '../../src/server/store/store';
import { generateTlsIdentity, type TlsIdentity } from '../../src/server/county/tls';
import { createTestCountyDatabase, stopTestPostgres, type CountyTestDialect } from '../support/county-db';
import { tempDir } from '../support/tmp';
import { seedSyncDesk } from './sync-desk';
import { noopBaseline, startBenchCounty, type BaselineResult } from './sync-wire';

const N = Number(process.env['BENCH_CHANGES'] ?? 100_000);
const DIALECTS = (process.env['BENCH_SYNC_DIALECTS'] ?? 'sqlite,postgres').split(',') as CountyTestDialect[];
const MiB = 1024 * 1024;

interface Envelope {
  epoch: number;
  seq: number;
  bytes: Uint8Array;
  count: number;
}

interface Row {
  what: string;
  db: string;
  seconds: number;
  /** Envelope bytes moved or handled in that time (for MiB/s). */
  bytes: number;
}

/** The highest resident set size seen between start() and stop() (sampled every 50 ms). */
function rssSampler() {
  let peak = 0;
  let timer: NodeJS.Timeout | undefined;
  return {
    start() {
      peak = process.memoryUsage.rss();
      timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50);
    },
    stop(): number {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage.rss());
    },
  };
}

const since = (start: number) => (performance.now() - start) / 1000;

interface EndToEnd {
  /** runNow() returned: every receipt back and applied. */
  delivered: number;
  /** …and the county's ingest idle. */
  idle: number;
  batches: number;
  envelopeBytes: number;
  wire: { in: number; out: number };
  rss: number;
}

/** The seeded desk, copied for each run, and what every run shares. */
class Bench {
  readonly tmp = tempDir('counseldesk-sync-bench-');
  readonly dbKey = generateDatabaseKey();
  readonly template = join(this.tmp.dir, 'template');
  #dirs = 0;

  constructor(
    readonly keys: CountyKeys,
    readonly tls: TlsIdentity,
  ) {
    mkdirSync(this.template);
  }

  dir(kind: string): string {
    const dir = join(this.tmp.dir, `${kind}-${(this.#dirs += 1)}`);
    mkdirSync(dir);
    return dir;
  }

  /** A copy of the seeded desk (same rows, same pending outbox), enrolled over HTTPS with the code. */
  async desk(code: string) {
    const dir = this.dir('desk');
    cpSync(this.template, dir, { recursive: true });
    const store = await openStore(dir, this.dbKey);
    const service = new SyncService(storeSyncHost({ db: store.db, dataDir: dir }));
    const status = await service.enrol(code);
    return { store, service, dir, device: status.enrolment?.deviceId ?? '' };
  }

  async countyStore(dialect: CountyTestDialect): Promise<CountyStore> {
    return openCountyStore(await createTestCountyDatabase(dialect, this.dir('county')));
  }
}

/** The desk's half alone: outbox → change lines → gzip → HPKE → signature → batch row, no network. */
async function sealOnly(bench: Bench) {
  const countyStore = await bench.countyStore('sqlite');
  const county = await startBenchCounty(countyStore, bench.keys, bench.tls);
  const desk = await bench.desk(await county.enrolmentCode());
  const device = await countyStore.db
    .selectFrom('devices')
    .selectAll()
    .where('id', '=', desk.device)
    .executeTakeFirstOrThrow();
  await county.running.stop();
  await countyStore.close();
  const enrolled = await findEnrolment(desk.store.db);
  if (!enrolled) throw new Error('the desk is not enrolled');
  const start = performance.now();
  await sealAll({
    db: desk.store.db,
    dataDir: desk.dir,
    clock: { now: () => new Date() },
    enrolled,
    limits: DEFAULT_LIMITS,
    keepBatches: KEEP_DELIVERED_BATCHES,
  });
  const seconds = since(start);
  const envelopes: Envelope[] = (
    await desk.store.db
      .selectFrom('sync_batches')
      .select(['epoch', 'seq', 'envelope', 'change_count'])
      .orderBy('seq')
      .execute()
  ).map((b) => ({ epoch: b.epoch, seq: b.seq, bytes: b.envelope, count: b.change_count }));
  await desk.service.close();
  await desk.store.close();
  if (envelopes.reduce((sum, e) => sum + e.count, 0) !== N) throw new Error('sealed batches lack changes');
  return { seconds, envelopes, device };
}

/** runNow() against the real county server; the county stores and ingests while the desk goes on. */
async function endToEnd(bench: Bench, dialect: CountyTestDialect): Promise<EndToEnd> {
  const store = await bench.countyStore(dialect);
  const county = await startBenchCounty(store, bench.keys, bench.tls);
  const desk = await bench.desk(await county.enrolmentCode());
  const sampler = rssSampler();
  county.wire.reset();
  sampler.start();
  const start = performance.now();
  const status = await desk.service.runNow();
  const delivered = since(start);
  await county.running.ingestor.idle();
  const idle = since(start);
  const rss = sampler.stop();
  const wire = county.wire.totals();
  if (status.lastError || status.pendingChanges !== 0) {
    throw new Error(`run failed: ${status.lastError?.code ?? `${status.pendingChanges} pending`}`);
  }
  // Exactly the desk's changes arrived: one county row per inserted desk row.
  const applied = await store.db
    .selectFrom('county_rows')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('device', '=', desk.device)
    .executeTakeFirstOrThrow();
  if (Number(applied.n) !== N) throw new Error(`the county holds ${Number(applied.n)} rows, not ${N}`);
  const stored = await store.db
    .selectFrom('envelopes')
    .select([(eb) => eb.fn.countAll().as('n'), sql<number>`sum(length(bytes))`.as('bytes')])
    .where('device', '=', desk.device)
    .executeTakeFirstOrThrow();
  await desk.service.close();
  await desk.store.close();
  await county.running.stop();
  await store.close();
  return { delivered, idle, batches: Number(stored.n), envelopeBytes: Number(stored.bytes), wire, rss };
}

/** The county's halves alone on a fresh database: verify-and-store every envelope, then one ingest pass. */
async function countyAlone(
  bench: Bench,
  dialect: CountyTestDialect,
  sealed: Awaited<ReturnType<typeof sealOnly>>,
): Promise<{ store: number; ingest: number }> {
  const store = await bench.countyStore(dialect);
  const { device } = sealed;
  await addDevice(store.db, {
    id: device.id,
    station: device.station,
    enrolmentCodeHash: device.enrolment_code_hash,
    publicKey: device.public_key,
    enrolledAt: device.enrolled_at,
  });
  let start = performance.now();
  for (const e of sealed.envelopes) {
    await receiveBatch(store, bench.keys, { device: device.id, epoch: e.epoch, seq: e.seq }, e.bytes);
  }
  const stored = since(start);
  start = performance.now();
  const summary = await ingestPending(store, bench.keys);
  const ingest = since(start);
  await store.close();
  if (summary.changes !== N) throw new Error(`ingest applied ${summary.changes} changes, not ${N}`);
  return { store: stored, ingest };
}

async function main(): Promise<void> {
  const loadAtStart = loadavg();
  const bench = new Bench(
    await generateCountyKeys(),
    await generateTlsIdentity({ hosts: ['127.0.0.1', 'localhost'] }),
  );
  const start = performance.now();
  const changes = await seedSyncDesk(bench.template, bench.dbKey, N);
  const seedSeconds = since(start);
  if (changes !== N) throw new Error(`seeded ${changes} changes, wanted ${N}`);

  const sealed = await sealOnly(bench);
  const envelopeBytes = sealed.envelopes.reduce((sum, e) => sum + e.bytes.length, 0);
  const bodies = sealed.envelopes.map((e) => e.bytes);
  const http = await noopBaseline(bodies);
  const https = await noopBaseline(bodies, bench.tls);

  const rows: Row[] = [{ what: 'seal only (desk)', db: '—', seconds: sealed.seconds, bytes: envelopeBytes }];
  const e2e: Record<string, EndToEnd> = {};
  for (const dialect of DIALECTS) {
    const run = await endToEnd(bench, dialect);
    e2e[dialect] = run;
    const alone = await countyAlone(bench, dialect, sealed);
    const db = dialect;
    rows.push(
      {
        what: 'end to end: runNow until every receipt is back',
        db,
        seconds: run.delivered,
        bytes: run.envelopeBytes,
      },
      {
        what: 'end to end: until the county ingest is idle',
        db,
        seconds: run.idle,
        bytes: run.envelopeBytes,
      },
      { what: 'verify and store only (receiveBatch)', db, seconds: alone.store, bytes: envelopeBytes },
      { what: 'ingest only (ingestPending)', db, seconds: alone.ingest, bytes: envelopeBytes },
    );
  }
  rows.push(
    {
      what: 'baseline: plain HTTP POST, keep-alive, no-op handler',
      db: '—',
      seconds: http.seconds,
      bytes: envelopeBytes,
    },
    {
      what: '(for scale) HTTPS POST, keep-alive, no-op handler',
      db: '—',
      seconds: https.seconds,
      bytes: envelopeBytes,
    },
  );
  const peakRss = process.resourceUsage().maxRSS * 1024;
  const loadAtEnd = loadavg();
  await stopTestPostgres();
  bench.tmp.cleanup();
  writeSection({
    changes,
    seedSeconds,
    batchCount: sealed.envelopes.length,
    envelopeBytes,
    rows,
    e2e,
    http,
    https,
    peakRss,
    loadAtStart,
    loadAtEnd,
  });
}

function writeSection(r: {
  changes: number;
  seedSeconds: number;
  batchCount: number;
  envelopeBytes: number;
  rows: Row[];
  e2e: Record<string, EndToEnd>;
  http: BaselineResult;
  https: BaselineResult;
  peakRss: number;
  loadAtStart: number[];
  loadAtEnd: number[];
}): void {
  const cpu = cpus();
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' / ');
  const rate = (s: number) => Math.round(r.changes / s).toLocaleString('en');
  const mib = (b: number) => (b / MiB).toFixed(1);
  const table = r.rows.map(
    (row) =>
      `| ${row.what} | ${row.db} | ${row.seconds.toFixed(2)} | ${rate(row.seconds)} | ${(row.bytes / MiB / row.seconds).toFixed(1)} |`,
  );
  const size = (b: number) => (b < MiB ? `${(b / 1024).toFixed(1)} KiB` : `${mib(b)} MiB`);
  const e2eLines = Object.entries(r.e2e).flatMap(([db, e]) => [
    `- End to end on ${db}: ${rate(e.idle)} changes/s until ingest is idle = ${((r.http.seconds / e.idle) * 100).toFixed(1)} % of the`,
    `  baseline's throughput (the whole path takes ${(e.idle / r.http.seconds).toFixed(0)}× the time of only moving the bytes);`,
    `  on the wire (TLS records) ${size(e.wire.in)} desk → county and ${size(e.wire.out)} county → desk;`,
    `  peak RSS during the run ${mib(e.rss)} MiB.`,
  ]);
  const section = [
    '<!-- sync-bench:start -->',
    '## Sync',
    '',
    `Generated by \`npx tsx tests/bench/sync.ts\` on ${new Date().toISOString().slice(0, 10)}. Machine: ${cpu[0]?.model.trim() ?? 'unknown CPU'},`,
    `${cpu.length} cores, ${(totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, Node ${process.version}; load average (1/5/15 min)`,
    `${load(r.loadAtStart)} at the start, ${load(r.loadAtEnd)} at the end.`,
    '',
    `${r.changes.toLocaleString('en')} changes on a real encrypted desk store (cases with two parties and one record of`,
    `≈190 Chinese characters each, four changes a case, plus counsellors), seeded in ${r.seedSeconds.toFixed(1)} s.`,
    `Default batch limits (≤ ${DEFAULT_LIMITS.maxChanges.toLocaleString('en')} changes, ≤ 2 MiB of change lines): ${r.batchCount} batches,`,
    `${mib(r.envelopeBytes)} MiB of envelopes (${(r.envelopeBytes / r.batchCount / 1024).toFixed(0)} KiB a batch on average).`,
    'End to end = `SyncService.runNow()` (seal, HTTPS PUT with the pinned certificate, receipt verified and',
    'applied, one batch at a time) against the real county server on 127.0.0.1 (production rate limits, the',
    'real ingestor kicked after each stored batch), timed until ingest is idle. Desk and county share one',
    'Node process and one event loop, so their work adds up: two machines would overlap it. The "only" rows',
    'run one stage alone on the same envelopes; the baseline sends those envelope bytes one after another',
    'over one kept-alive connection to a handler that only reads the body. County databases: a SQLite file',
    "(SQLCipher-encrypted, WAL, synchronous=FULL); PostgreSQL (rows sealed with AES-256-GCM) is the tests' throwaway cluster (tests/support/county-db.ts:",
    "Debian's server on 127.0.0.1, fsync and synchronous_commit off), so its figures are not a durable setup.",
    '',
    '| stage | county db | seconds | changes/s | MiB/s of envelopes |',
    '|---|---|---|---|---|',
    ...table,
    '',
    ...e2eLines,
    `- Baseline on the wire: ${size(r.http.wire.in)} in, ${size(r.http.wire.out)} out (plain HTTP); HTTPS no-op:`,
    `  ${size(r.https.wire.in)} in, ${size(r.https.wire.out)} out.`,
    `- Peak RSS of the whole benchmark process (getrusage, seeding included): ${mib(r.peakRss)} MiB.`,
    '<!-- sync-bench:end -->',
  ].join('\n');
  const file = join(__dirname, '../../docs/benchmarks.md');
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n\n';
  const marked = /<!-- sync-bench:start -->[\s\S]*<!-- sync-bench:end -->/;
  writeFileSync(
    file,
    marked.test(current) ? current.replace(marked, section) : `${current.trimEnd()}\n\n${section}\n`,
  );
  console.log(section);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
