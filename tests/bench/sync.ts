/*
 * Sync benchmark: a desk with N changes (default 100,000) on a real encrypted store delivers
 * them with SyncService.runNow() to a real county server in another process over HTTPS on 127.0.0.1
 * (SQLite, then PostgreSQL), timed until the county's ingest is idle; the desk's sealing, the county's
 * verify-and-store and its ingest are also timed alone; the loopback rows send the same envelope bytes as
 * HTTP and HTTPS POSTs to a no-op handler; PouchDB 9 replicates the same rows as N documents to
 * express-pouchdb in another process, in the same run. Writes its section into docs/benchmarks.md
 * (between markers).
 *
 *   npx tsx tests/bench/sync.ts                       # 100,000 changes, SQLite and PostgreSQL
 *   BENCH_CHANGES=10000 BENCH_SYNC_DIALECTS=sqlite npx tsx tests/bench/sync.ts
 *   BENCH_NO_DOC=1 …                                  # print the section, leave docs/benchmarks.md alone
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
import { forkCounty, forkDesk, pouchBaseline, type PouchResult } from './sync-process';
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

const since = (start: number) => (performance.now() - start) / 1000;

interface EndToEnd {
  /** runNow() returned: every receipt back and applied. */
  delivered: number;
  /** …and the county's ingest idle. */
  idle: number;
  batches: number;
  envelopeBytes: number;
  wire: { in: number; out: number };
  /** Peak RSS of the desk's process and of the county's during the run. */
  rss: number;
  /** The desk process's RSS just before the run (store open, modules loaded). */
  rssAtStart: number;
  countyRss: number;
  /** CPU time (user + system) of each process during the run, seconds. */
  deskCpu: number;
  countyCpu: number;
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

  /** A fresh county database; `plain`: an unencrypted SQLite file (a comparison row only). */
  async countyStore(dialect: CountyTestDialect, plain = false): Promise<CountyStore> {
    const dir = this.dir('county');
    return openCountyStore(await createTestCountyDatabase(dialect, dir, plain ? { key: null } : {}));
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

/** The PouchDB baseline's documents: the seeded desk's rows, one JSON document per change. */
async function pouchDocs(bench: Bench): Promise<object[]> {
  const store = await openStore(bench.template, bench.dbKey);
  const ids = new Set<string>();
  const docs = (
    await store.db
      .selectFrom('outbox')
      .select(['seq', 'table_name', 'row_id', 'payload'])
      .orderBy('seq')
      .execute()
  ).map((c) => {
    let id = `${c.table_name}:${c.row_id}`;
    if (ids.has(id)) id = `${id}:${c.seq}`;
    ids.add(id);
    return { ...(JSON.parse(c.payload) as object), _id: id, table: c.table_name };
  });
  await store.close();
  return docs;
}

/**
 * runNow() in the desk's own process (sync-desk-process.ts) against the real county server in its own
 * process (sync-county-process.ts); the county stores and ingests while the desk goes on. Checked
 * afterwards on the county's database.
 */
async function endToEnd(bench: Bench, dialect: CountyTestDialect): Promise<EndToEnd> {
  const config = await createTestCountyDatabase(dialect, bench.dir('county'));
  const county = await forkCounty(config, bench.keys, bench.tls);
  // Enrolled here over HTTPS, then closed: the desk process opens the same store.
  const desk = await bench.desk((await county.request('code')).code ?? '');
  await desk.service.close();
  await desk.store.close();
  const deskProcess = await forkDesk(desk.dir, bench.dbKey);
  await county.request('reset');
  const start = performance.now();
  const run = await deskProcess.run();
  const delivered = since(start);
  const idleAnswer = await county.request('idle');
  const idle = since(start);
  const wire = idleAnswer.wire ?? { in: 0, out: 0 };
  await county.request('stop');
  if (run.error || run.pendingChanges !== 0) {
    throw new Error(`run failed: ${run.error ?? `${run.pendingChanges} pending`}`);
  }
  const store = await openCountyStore(config);
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
  await store.close();
  return {
    delivered,
    idle,
    batches: Number(stored.n),
    envelopeBytes: Number(stored.bytes),
    wire,
    rss: run.rss,
    rssAtStart: run.rssAtStart,
    countyRss: idleAnswer.rss ?? 0,
    deskCpu: run.cpu / 1e6,
    countyCpu: (idleAnswer.cpu ?? 0) / 1e6,
  };
}

/**
 * The county's halves alone on a fresh database: verify-and-store every envelope, then one ingest pass.
 * `plain`: on an unencrypted SQLite file, to show what the file's encryption costs (no county runs so).
 */
async function countyAlone(
  bench: Bench,
  dialect: CountyTestDialect,
  sealed: Awaited<ReturnType<typeof sealOnly>>,
  plain = false,
): Promise<{ store: number; ingest: number }> {
  const store = await bench.countyStore(dialect, plain);
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
    if (dialect === 'sqlite') {
      const plain = await countyAlone(bench, dialect, sealed, true);
      rows.push({
        what: 'ingest only, the same SQLite file unencrypted (comparison only: no county runs so)',
        db: 'sqlite, plain',
        seconds: plain.ingest,
        bytes: envelopeBytes,
      });
    }
  }
  // Last, so that its documents and LevelDB caches do not weigh on the RSS figures above.
  const pouch = await pouchBaseline(await pouchDocs(bench), bench.dir('pouch'));
  rows.push(
    {
      what: 'baseline: plain HTTP POST, keep-alive, no-op handler',
      db: '—',
      seconds: http.seconds,
      bytes: envelopeBytes,
    },
    {
      what: 'loopback: HTTPS POST of the same envelopes, keep-alive, no-op handler',
      db: '—',
      seconds: https.seconds,
      bytes: envelopeBytes,
    },
    {
      what: 'PouchDB 9 replicate.to() → express-pouchdb (LevelDB), HTTP, other process',
      db: 'LevelDB',
      seconds: pouch.seconds,
      bytes: 0,
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
    pouch,
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
  pouch: PouchResult;
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
      `| ${row.what} | ${row.db} | ${row.seconds.toFixed(2)} | ${rate(row.seconds)} | ${((row.seconds * 1e6) / r.changes).toFixed(1)} | ${row.bytes ? (row.bytes / MiB / row.seconds).toFixed(1) : '—'} |`,
  );
  const size = (b: number) => (b < MiB ? `${(b / 1024).toFixed(1)} KiB` : `${mib(b)} MiB`);
  const perChange = (seconds: number) => ((seconds * 1e6) / r.changes).toFixed(1);
  const e2eLines = Object.entries(r.e2e).flatMap(([db, e]) => [
    `- Issue 13's targets on ${db}: ≥ 50,000 changes/s end to end — ${r.changes / e.idle >= 50_000 ? 'met' : 'not met'}; ≥ 10× PouchDB —`,
    `  ${r.pouch.seconds / e.idle >= 10 ? 'met' : 'not met'}; desk ≤ 300 MB (10⁶ bytes) RSS — ${e.rss <= 300e6 ? 'met' : 'not met'}; county ≤ 300 MB RSS while ingesting — ${e.countyRss <= 300e6 ? 'met' : 'not met'}.`,
    `- End to end on ${db}: ${rate(e.idle)} changes/s until ingest is idle = ${(r.pouch.seconds / e.idle).toFixed(1)}× PouchDB's`,
    `  ${rate(r.pouch.seconds)} docs/s in this run, and ${((r.https.seconds / e.idle) * 100).toFixed(1)} % of the loopback HTTPS no-op's throughput`,
    `  (the whole path takes ${(e.idle / r.https.seconds).toFixed(0)}× the time of only moving the same envelope bytes over HTTPS);`,
    `  on the wire (TLS records) ${size(e.wire.in)} desk → county and ${size(e.wire.out)} county → desk;`,
    `  peak RSS during the run (sampled every 50 ms): desk process ${mib(e.rss)} MiB = ${(e.rss / 1e6).toFixed(1)} MB (${mib(e.rssAtStart)} MiB`,
    `  just before the run), county process ${mib(e.countyRss)} MiB;`,
    `  CPU time during the run: desk process ${e.deskCpu.toFixed(2)} s (${perChange(e.deskCpu)} µs a change), county process`,
    `  ${e.countyCpu.toFixed(2)} s (${perChange(e.countyCpu)} µs a change), on ${cpu.length} cores. Together`,
    `  ${perChange(e.deskCpu + e.countyCpu)} µs of CPU a change: even with both processes busy on every core all the`,
    `  time, this machine could not pass ${Math.round((cpu.length * r.changes) / (e.deskCpu + e.countyCpu)).toLocaleString('en')} changes/s; 50,000/s needs at most`,
    `  ${((cpu.length * 1e6) / 50_000).toFixed(0)} µs a change for both together.`,
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
    "applied; the next batch is sealed while one is in flight) in the desk's own Node process",
    '(tests/bench/sync-desk-process.ts: the enrolled store opened, nothing else loaded) against the real',
    'county server on 127.0.0.1 (production rate limits, the real ingestor kicked after each stored batch) in',
    'its own Node process (tests/bench/sync-county-process.ts), timed until ingest is idle; both processes',
    'share the machine\'s cores. The "only" rows run one stage alone in the benchmark process',
    'on the same envelopes; the loopback rows send those envelope bytes one after another over one',
    'kept-alive connection to a handler that only reads the body. PouchDB: the same rows as one JSON',
    "document per change in PouchDB 9's default Node adapter (LevelDB; loading them is not timed),",
    '`replicate.to()` with default options to express-pouchdb 4.2 (LevelDB) in another process over plain',
    'HTTP on 127.0.0.1 (tests/bench/sync-process.ts). County databases: a SQLite file',
    "(SQLCipher-encrypted, WAL, synchronous=FULL); PostgreSQL (rows sealed with AES-256-GCM) is the tests' throwaway cluster (tests/support/county-db.ts:",
    "Debian's server on 127.0.0.1, fsync and synchronous_commit off), so its figures are not a durable setup.",
    '',
    '| stage | county db | seconds | changes/s (docs/s) | µs a change | MiB/s of envelopes |',
    '|---|---|---|---|---|---|',
    ...table,
    '',
    ...e2eLines,
    `- Loopback no-op on the wire: ${size(r.http.wire.in)} in, ${size(r.http.wire.out)} out (plain HTTP); HTTPS:`,
    `  ${size(r.https.wire.in)} in, ${size(r.https.wire.out)} out.`,
    `- Peak RSS of the benchmark process itself (getrusage: seeding, the "only" rows, PouchDB's desk): ${mib(r.peakRss)} MiB.`,
    ...(Math.max(r.loadAtStart[0] ?? 0, r.loadAtEnd[0] ?? 0) > cpu.length
      ? [
          `- The machine was shared during this run (load average above its ${cpu.length} cores): the times are upper`,
          '  bounds, and the ratios to PouchDB move with how the load fell on each part of the run (runs of the',
          "  same code differ by up to 2× in PouchDB's rate); the CPU time per change of each process is the figure",
          '  that depends least on the load.',
        ]
      : []),
    '<!-- sync-bench:end -->',
  ].join('\n');
  console.log(section);
  // BENCH_NO_DOC=1: print only (profiling, trial runs at other sizes).
  if (process.env['BENCH_NO_DOC'] === '1') return;
  const file = join(__dirname, '../../docs/benchmarks.md');
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n\n';
  const marked = /<!-- sync-bench:start -->[\s\S]*<!-- sync-bench:end -->/;
  writeFileSync(
    file,
    marked.test(current) ? current.replace(marked, section) : `${current.trimEnd()}\n\n${section}\n`,
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
