/*
 * Backup benchmark: a desk of N cases (default 100,000; two parties and one counselling record of ≈190
 * Chinese characters each, as the search and sync benchmarks seed), set up through dispatch (so it has a
 * keyring), seeded through a second connection with the administrator's database key, reopened. Then,
 * through the real service (dispatch, as a director):
 *   1. the case list (cases.list, page 1) called in a loop while the desk is idle — the reference;
 *   2. backup.now alone, its phases seen through backup.progress (snapshot by VACUUM INTO in a worker;
 *      sealing = encrypt + write + fsync; then read-back verification, rename, rotation, audit);
 *   3. that file verified twice: verifySealedFile (every chunk decrypted and authenticated) and the
 *      restore's own checks up to the swap (stageRestore into a scratch folder: the keyring in the header
 *      opened with the password at the real scrypt cost, decrypted, integrity_check, schema version);
 *   4. backup.now again with the same case-list loop running: its latencies against the idle loop's.
 * Throughout: the main thread's event-loop delay (monitorEventLoopDelay) and the process's RSS (sampled
 * every 100 ms). Writes its section into docs/benchmarks.md (between markers).
 *
 *   npx tsx tests/bench/backup.ts
 *   BENCH_CASES=10000 npx tsx tests/bench/backup.ts
 *   BENCH_SEARCH_INDEX=1 npx tsx tests/bench/backup.ts   (also builds the search index: slow at 100,000)
 */
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { stageRestore, stagingDir } from '../../src/main/backup/restore';
import { DATABASE_FILE, keyFromDatabaseKey, readSealedHeader, verifySealedFile } from '../../src/main/desk';
import { unwrapWithPassword } from '../../src/main/desk/keyring';
import { tempDir } from '../support/tmp';
import { writeBenchSection } from './bench-doc';
import { ADMIN, BenchDesk, DIRECTOR, seedCases } from './bench-desk';

const N = Number(process.env['BENCH_CASES'] ?? 100_000);
const WITH_INDEX = process.env['BENCH_SEARCH_INDEX'] === '1';
/** Received in the last 25 days, deadlines ahead: no case is due for the registration sweep at sign-in. */
const RECEIVED_SPREAD_DAYS = 25;
/** The case list as the desk's first screen asks for it. */
const PROBE = { page: 1, pageSize: 50 } as const;
/** Between two case-list calls (a user clicking fast, not a tight loop that starves everything else). */
const PROBE_GAP_MS = 20;
const IDLE_PROBE_MS = 15_000;
const POLL_MS = 20;
/** monitorEventLoopDelay's timer interval: its samples include it, the figures below do not. */
const LOOP_RESOLUTION_MS = 10;

// ── what is measured around a step ───────────────────────────────────────────────────────────────────

const STALL_TICK_MS = 5;
const STALL_MS = 50;

/** Records when a STALL_TICK_MS timer on the main thread fired more than STALL_MS late, and by how much. */
function stallLog(): { stop(): { at: number; ms: number }[] } {
  const stalls: { at: number; ms: number }[] = [];
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    const late = now - last - STALL_TICK_MS;
    if (late > STALL_MS) stalls.push({ at: last, ms: late });
    last = now;
  }, STALL_TICK_MS);
  return {
    stop() {
      clearInterval(timer);
      return stalls;
    },
  };
}

interface Watched {
  ms: number;
  loopDelayMaxMs: number;
  loopDelayP99Ms: number;
  peakRssMiB: number;
  rssBeforeMiB: number;
  /** Main-thread stalls over STALL_MS (stallLog). */
  stallCount: number;
}

const MiB = 2 ** 20;

/** Runs `work` with the event-loop delay histogram and a 100 ms RSS sampler on. */
async function watch<T>(work: () => Promise<T>): Promise<{ value: T; watched: Watched }> {
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100);
  const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  loop.enable();
  const stalling = stallLog();
  const start = performance.now();
  try {
    const value = await work();
    const ms = performance.now() - start;
    loop.disable();
    const stallCount = stalling.stop().length;
    peak = Math.max(peak, process.memoryUsage().rss);
    return {
      value,
      watched: {
        ms,
        loopDelayMaxMs: Math.max(0, loop.max / 1e6 - LOOP_RESOLUTION_MS),
        loopDelayP99Ms: Math.max(0, loop.percentile(99) / 1e6 - LOOP_RESOLUTION_MS),
        peakRssMiB: peak / MiB,
        rssBeforeMiB: rssBefore / MiB,
        stallCount,
      },
    };
  } finally {
    loop.disable();
    stalling.stop();
    clearInterval(sampler);
  }
}

interface Latencies {
  calls: number;
  p50: number;
  p95: number;
  max: number;
}

function summarise(samples: number[]): Latencies {
  const sorted = [...samples].sort((x, y) => x - y);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { calls: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? NaN };
}

/** Calls cases.list page 1 until `until` resolves (or `forMs` passes); the latency of each call. */
async function probeCaseList(desk: BenchDesk, until: Promise<unknown> | null, forMs = 0): Promise<number[]> {
  let done = false;
  void until?.finally(() => {
    done = true;
  });
  const stopAt = performance.now() + forMs;
  const samples: number[] = [];
  while (until ? !done : performance.now() < stopAt) {
    const start = performance.now();
    const listed = await desk.ok('cases.list', PROBE);
    samples.push(performance.now() - start);
    if (listed.rows.length !== PROBE.pageSize) throw new Error('case list page 1 is not full');
    await sleep(PROBE_GAP_MS);
  }
  return samples;
}

interface Phases {
  /** backup.now called → first seen in 'sealing'. */
  snapshotMs: number;
  /** first 'sealing' → sealing done == total (encrypted, written, fsynced). */
  sealMs: number;
  /** written → backup.now answered (read back and verified, renamed, rotated, audited). */
  verifyMs: number;
  /** The longest main-thread stall (a 5 ms timer firing late by more than STALL_MS) in each phase. */
  stalls: { snapshot: number; sealing: number; verify: number; count: number };
}

/** backup.now, with its phases seen by polling backup.progress every POLL_MS. */
async function backupWithPhases(
  desk: BenchDesk,
  alongside?: (running: Promise<unknown>) => Promise<number[]>,
): Promise<{ fileName: string; bytes: number; phases: Phases; probes: number[] }> {
  const stalling = stallLog();
  const start = performance.now();
  let sealingAt: number | null = null;
  let writtenAt: number | null = null;
  const running = desk.ok('backup.now', null);
  let finished = false;
  const poller = (async () => {
    while (!finished) {
      const task = await desk.ok('backup.progress', null);
      const now = performance.now();
      if (task?.phase === 'sealing') {
        sealingAt ??= now;
        if (task.total !== null && task.done >= task.total) writtenAt ??= now;
      }
      await sleep(POLL_MS);
    }
  })();
  const probing = alongside ? alongside(running) : Promise.resolve([]);
  const made = await running.finally(() => {
    finished = true;
  });
  const end = performance.now();
  await poller;
  const probes = await probing;
  const stalls = stalling.stop().filter((x) => x.at < end);
  if (made.cancelled || !made.fileName) throw new Error('backup cancelled');
  const sealed = sealingAt ?? end;
  const written = writtenAt ?? end;
  const longest = (from: number, to: number) =>
    Math.max(0, ...stalls.filter((x) => x.at >= from && x.at < to).map((x) => x.ms));
  return {
    fileName: made.fileName,
    bytes: made.bytes,
    phases: {
      snapshotMs: sealed - start,
      sealMs: written - sealed,
      verifyMs: end - written,
      stalls: {
        snapshot: longest(0, sealed),
        sealing: longest(sealed, written),
        verify: longest(written, end),
        count: stalls.length,
      },
    },
    probes,
  };
}

function fileMiB(path: string): number {
  try {
    return statSync(path).size / MiB;
  } catch {
    return 0;
  }
}

const s = (ms: number) => (ms / 1000).toFixed(2);
const m = (ms: number) => ms.toFixed(1);

async function main(): Promise<void> {
  // At 100,000 cases the folder holds a few GiB: removed whatever happens.
  const tmp = tempDir('counseldesk-bench-backup-');
  try {
    await run(tmp.dir);
  } finally {
    tmp.cleanup();
  }
}

async function run(root: string): Promise<void> {
  const usb = join(root, 'usb');
  mkdirSync(usb);
  const load: number[][] = [loadavg()];
  const dir = join(root, 'desk');

  // The daily backup must not start by itself during the run.
  const options = { backup: { firstCheckDelayMs: 24 * 3_600_000 } };
  let desk = await BenchDesk.open(dir, usb, options);
  const directorId = await desk.setUp();
  await desk.app.close();
  const seedStart = performance.now();
  const seeded = await seedCases(dir, directorId, {
    cases: N,
    recordsPerCase: 1,
    receivedSpreadDays: RECEIVED_SPREAD_DAYS,
    searchIndex: WITH_INDEX,
  });
  const seedMs = performance.now() - seedStart;
  desk = await BenchDesk.open(dir, usb, options);
  await desk.ok('auth.login', { username: DIRECTOR.username, password: DIRECTOR.password });
  const listed = await desk.ok('cases.list', PROBE);
  if (listed.total !== seeded.cases) throw new Error(`listed ${listed.total} of ${seeded.cases} cases`);
  if (listed.rows.some((row) => row.registrationStatus !== 'accepted_cooling'))
    throw new Error('the sign-in swept seeded cases: their dates are not what the bench meant');
  const storeMiB = fileMiB(join(dir, DATABASE_FILE));
  const walMiB = fileMiB(join(dir, `${DATABASE_FILE}-wal`));
  load.push(loadavg());

  // 1. The case list while the desk is idle.
  const idle = await watch(() => probeCaseList(desk, null, IDLE_PROBE_MS));
  load.push(loadavg());

  // 2. A backup alone.
  const quiet = await watch(() => backupWithPhases(desk));
  load.push(loadavg());
  const backupPath = join(dir, 'backups', quiet.value.fileName);

  // 3. Verification of that file: the reader over every chunk, then the restore's checks up to the swap.
  const unlocked = unwrapWithPassword(dir, ADMIN.username, ADMIN.password);
  if (!unlocked) throw new Error('admin password does not open the keyring');
  const contentKey = keyFromDatabaseKey(await readSealedHeader(backupPath, 'desk-backup'), unlocked.dbKey);
  unlocked.dbKey.fill(0);
  const verified = await watch(() => verifySealedFile(backupPath, contentKey));
  contentKey.fill(0);
  const scratch = join(root, 'scratch');
  mkdirSync(scratch);
  let firstReadAt: number | null = null;
  let checkingAt: number | null = null;
  const stageStart = performance.now();
  const staged = await watch(() =>
    stageRestore(
      scratch,
      backupPath,
      { kind: 'password', username: DIRECTOR.username, password: DIRECTOR.password },
      {
        onProgress: (phase) => {
          if (phase === 'reading') firstReadAt ??= performance.now();
          if (phase === 'checking') checkingAt ??= performance.now();
        },
      },
    ),
  );
  const stageEnd = stageStart + staged.watched.ms;
  staged.value.dbKey.fill(0);
  const stagedDbMiB = fileMiB(join(stagingDir(scratch), DATABASE_FILE));
  rmSync(stagingDir(scratch), { recursive: true, force: true });
  const keyMs = (firstReadAt ?? stageEnd) - stageStart;
  const decryptMs = (checkingAt ?? stageEnd) - (firstReadAt ?? stageEnd);
  const integrityMs = stageEnd - (checkingAt ?? stageEnd);
  load.push(loadavg());

  // 4. A backup while the case list is being used.
  const busy = await watch(() => backupWithPhases(desk, (running) => probeCaseList(desk, running)));
  load.push(loadavg());
  const backupsLeft = readdirSync(join(dir, 'backups'));
  const strays = readdirSync(dir).filter((f) => f.startsWith('.backup-snapshot-'));
  await desk.app.close();
  if (strays.length > 0) throw new Error('a snapshot copy was left in the data directory');
  if (backupsLeft.some((f) => !f.endsWith('.cdbk'))) throw new Error('a partial backup was left');

  const idleLat = summarise(idle.value);
  const busyLat = summarise(busy.value.probes);
  const cpu = cpus()[0]?.model ?? 'unknown';
  const fileSize = quiet.value.bytes / MiB;
  const phaseRow = (label: string, r: { value: { phases: Phases }; watched: Watched }) =>
    `| ${label} | ${s(r.value.phases.snapshotMs)} | ${s(r.value.phases.sealMs)} | ${s(r.value.phases.verifyMs)} | ${s(r.watched.ms)} | ${m(r.watched.loopDelayMaxMs)} | ${r.watched.peakRssMiB.toFixed(0)} |`;
  const stallRow = (label: string, p: Phases) =>
    `| ${label} | ${p.stalls.count} | ${m(p.stalls.snapshot)} | ${m(p.stalls.sealing)} | ${m(p.stalls.verify)} |`;
  const latRow = (label: string, l: Latencies, w: Watched) =>
    `| ${label} | ${l.calls} | ${m(l.p50)} | ${m(l.p95)} | ${m(l.max)} | ${m(w.loopDelayP99Ms)} | ${m(w.loopDelayMaxMs)} | ${w.stallCount} |`;

  const section = `## Backups

Generated by \`npx tsx tests/bench/backup.ts\` on ${new Date().toISOString().slice(0, 10)} (${cpus().length} × ${cpu},
${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; the machine is shared — load average (1 min) at
start / seeded / after the idle loop / after the first backup / after verifying / after the second backup:
${load.map((l) => (l[0] ?? 0).toFixed(1)).join(' / ')}). One run, through \`dispatch\` as a director, on a real
encrypted store: ${seeded.cases.toLocaleString('en')} cases, two parties each, ${seeded.records.toLocaleString('en')}
counselling records of ≈190 Chinese characters, the sync outbox of every row${WITH_INDEX ? ', the search index' : ' (the search index not built: add ≈74 MiB per 100,000 cases, see Search)'}
(seeding ${s(seedMs)} s, not counted). Store: desk.db **${storeMiB.toFixed(1)} MiB** (WAL ${walMiB.toFixed(1)} MiB). The outbox holds
every seeded row's change, as on a desk that has never synced (a syncing desk prunes delivered entries):
the store is the larger one.

**Backup** (\`backup.now\`, into the desk's backups folder). Phases as \`backup.progress\` shows them, polled
every ${POLL_MS} ms: snapshot = \`VACUUM INTO\` on its own connection in a worker thread; sealing = encrypt,
write, fsync; verify = read back and decrypt every chunk, compare the content hash, rename, rotate, audit.
File: **${fileSize.toFixed(1)} MiB**. Loop delay = how late the main thread's event loop ran a timer
(\`monitorEventLoopDelay\`, ${LOOP_RESOLUTION_MS} ms interval, not counted in the figure); RSS = the process's peak, sampled every 100 ms (before: ${quiet.watched.rssBeforeMiB.toFixed(0)} MiB).

| run | snapshot (s) | sealing (s) | read back + verify (s) | total (s) | loop delay max (ms) | peak RSS (MiB) |
|---|---|---|---|---|---|---|
${phaseRow('alone', quiet)}
${phaseRow('while the case list is used', busy)}

Where the main thread stalled: a ${STALL_TICK_MS} ms timer firing more than ${STALL_MS} ms late — how many times
during the backup, and the longest (ms) in each phase (0: none). The two samplers (this timer and
\`monitorEventLoopDelay\`) do not always both catch the same block: take the larger figure.

| run | stalls | longest in snapshot | longest in sealing | longest in read back + verify |
|---|---|---|---|---|
${stallRow('alone', quiet.value.phases)}
${stallRow('while the case list is used', busy.value.phases)}

**Verification** of the first file, separately:

| check | time (s) | peak RSS (MiB) |
|---|---|---|
| \`verifySealedFile\`: every chunk decrypted and authenticated, content hashed (${(verified.value.plaintextBytes / MiB).toFixed(1)} MiB) | ${s(verified.watched.ms)} | ${verified.watched.peakRssMiB.toFixed(0)} |
| the restore's checks up to the swap (\`stageRestore\` into a scratch folder), total | ${s(staged.watched.ms)} | ${staged.watched.peakRssMiB.toFixed(0)} |
| — header, embedded keyring opened with the password (scrypt at the real cost), content key | ${s(keyMs)} | |
| — decrypted into the staging folder, fsynced (${stagedDbMiB.toFixed(1)} MiB database) | ${s(decryptMs)} | |
| — opened with the key, \`PRAGMA integrity_check\`, schema version | ${s(integrityMs)} | |

**The desk during a backup.** \`cases.list\` page 1 (${PROBE.pageSize} rows of ${seeded.cases.toLocaleString('en')}, sorted
by received date; a write channel: the list read is audited and the registration sweep runs) called again
${PROBE_GAP_MS} ms after each answer — for ${IDLE_PROBE_MS / 1000} s with nothing else running, then for the whole
second backup:

| desk | calls | p50 (ms) | p95 (ms) | max (ms) | loop delay p99 (ms) | loop delay max (ms) | stalls > ${STALL_MS} ms |
|---|---|---|---|---|---|---|---|
${latRow('idle', idleLat, idle.watched)}
${latRow('during a backup', busyLat, busy.watched)}

Backups left after rotation: ${backupsLeft.length}; no \`.partial\` file and no snapshot copy left behind.
`;
  writeBenchSection('backup-bench', section);
  process.stdout.write(section);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
