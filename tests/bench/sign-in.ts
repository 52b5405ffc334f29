/*
 * Sign-in after days off (issue 13): a desk of N cases (default 100,000) received over five years, whose
 * statuses were last brought up to date a week ago (the registration sweep ran then), so the first sign-in
 * today finds every case whose withdrawal deadline or certificate window closed during the week. Measured
 * through the real service (`dispatch('auth.login')` on a freshly opened app, as the desk starts in the
 * morning) beside a sign-in with nothing to sweep, in the same run. Writes its table into
 * docs/benchmarks.md (markers).
 *
 *   npx tsx tests/bench/sign-in.ts            # 100,000 cases
 *   BENCH_CASES=10000 npx tsx tests/bench/sign-in.ts
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/main/desk/store';
import { unwrapWithPassword } from '../../src/main/desk/keyring';
import { addDays, localDateAt } from '../../src/shared/calendar';
import { tempDir } from '../support/tmp';
import { writeBenchSection } from './bench-doc';
import { ADMIN, BenchDesk, DIRECTOR, seedCases } from './bench-desk';
import { createApp } from '../../src/main/app/create-app';
import { nodePlatform, systemClock } from '../../src/main/app/node-platform';
import type { Clock } from '../../src/main/desk';
import type { Channel, ChannelInput, ChannelOutput } from '../../src/shared/contract';

const N = Number(process.env['BENCH_CASES'] ?? 100_000);
const YEARS = 5;
const DAYS_OFF = 7;
const RUNS = 3;

/**
 * The desk as the sweep left it `DAYS_OFF` days ago (app closed): every case whose withdrawal deadline had
 * closed by then waits for its certificate, or — its window closed too — is deemed withdrawn.
 */
async function sweptDaysAgo(dir: string, sweptThrough: string): Promise<number> {
  const unlocked = unwrapWithPassword(dir, ADMIN.username, ADMIN.password);
  if (!unlocked) throw new Error('admin password does not open the keyring');
  const store = await openStore(dir, unlocked.dbKey);
  store.sqlite
    .prepare(
      `UPDATE cases SET registration_status = 'deemed_withdrawn', next_deadline = NULL
       WHERE registration_status = 'accepted_cooling' AND certificate_window_end <= ?`,
    )
    .run(sweptThrough);
  store.sqlite
    .prepare(
      `UPDATE cases SET registration_status = 'awaiting_certificate', next_deadline = certificate_window_end
       WHERE registration_status = 'accepted_cooling' AND withdrawal_deadline <= ?`,
    )
    .run(sweptThrough);
  const due = (
    store.sqlite
      .prepare(
        `SELECT count(*) AS n FROM cases
         WHERE (registration_status = 'accepted_cooling' AND withdrawal_deadline < ?)
            OR (registration_status = 'awaiting_certificate' AND certificate_window_end < ?)`,
      )
      .get(localDateAt(new Date()), localDateAt(new Date())) as { n: number }
  ).n;
  await store.close();
  unlocked.dbKey.fill(0);
  return due;
}

/** The wall clock, or the wall clock `days` ago (the desk's last working day). */
const clockDaysAgo = (days: number): Clock => ({ now: () => new Date(Date.now() - days * 86_400_000) });

interface MorningSignIn {
  /** `auth.login` on a freshly opened app, ms. */
  signIn: number;
  /** The call after it (the audit list), ms: it waits for the sweep the sign-in left behind it. */
  next: number;
  /** Automatic status changes in the log after it. */
  changes: number;
}

/** One sign-in on a freshly opened app (as in the morning), then the next call. */
async function morningSignIn(dir: string, folder: string, clock: Clock): Promise<MorningSignIn> {
  const app = await createApp(dir, nodePlatform('test', clock, { folder }));
  try {
    const ok = async <K extends Channel>(channel: K, input: ChannelInput<K>): Promise<ChannelOutput<K>> => {
      const r = await app.dispatch(channel, input);
      if (!r.ok) throw new Error(`${channel} failed: ${r.error.code}`);
      return r.value as ChannelOutput<K>;
    };
    let start = performance.now();
    await ok('auth.login', { username: DIRECTOR.username, password: DIRECTOR.password });
    const signIn = performance.now() - start;
    start = performance.now();
    const audit = await ok('audit.list', { action: 'case.status_changed', page: 1, pageSize: 1 });
    return { signIn, next: performance.now() - start, changes: audit.total };
  } finally {
    await app.close();
  }
}

async function main(): Promise<void> {
  const tmp = tempDir('counseldesk-bench-sign-in-');
  const dir = join(tmp.dir, 'desk');
  const load: number[][] = [loadavg()];
  const setup = await BenchDesk.open(dir, tmp.dir);
  const directorId = await setup.setUp();
  await setup.app.close();
  const seedStart = performance.now();
  const seeded = await seedCases(dir, directorId, {
    cases: N,
    recordsPerCase: 1,
    receivedSpreadDays: YEARS * 365,
    searchIndex: true,
  });
  const today = localDateAt(new Date());
  const due = await sweptDaysAgo(dir, addDays(today, -DAYS_OFF));
  const seedMs = performance.now() - seedStart;

  // The desk's last working day: a sign-in then (its sweep finds nothing the SQL above did not do), so
  // the first opening after seeding is not what is measured.
  await morningSignIn(dir, tmp.dir, clockDaysAgo(DAYS_OFF));
  const afterWeek = await morningSignIn(dir, tmp.dir, systemClock);
  const ordinary: MorningSignIn[] = [];
  for (let i = 0; i < RUNS; i++) {
    const signIn = await morningSignIn(dir, tmp.dir, systemClock);
    if (signIn.changes !== afterWeek.changes) throw new Error('an ordinary sign-in moved a case');
    ordinary.push(signIn);
  }
  const median = (pick: (m: MorningSignIn) => number) =>
    ordinary.map(pick).sort((a, b) => a - b)[Math.floor(ordinary.length / 2)] ?? 0;
  load.push(loadavg());
  tmp.cleanup();

  const cpu = cpus()[0]?.model ?? 'unknown';
  const section = `## Sign-in after days off

Generated by \`npx tsx tests/bench/sign-in.ts\` on ${today} (${cpus().length} × ${cpu},
${Math.round(totalmem() / 2 ** 30)} GiB; load average at start/end: ${load.map((l) => (l[0] ?? 0).toFixed(1)).join(' / ')}).
${seeded.cases.toLocaleString('en')} divorce cases received over ${YEARS} years (search index built), their
statuses last brought up to date ${DAYS_OFF} days ago; so ${due.toLocaleString('en')} cases had a deadline close
while the desk was off (seeding ${(seedMs / 1000).toFixed(1)} s, not counted). Each sign-in is \`auth.login\` as
the director on a freshly opened app (the keyring unwrapped, the store opened, the password checked),
after one sign-in on the desk's last working day.

| sign-in | status changes made | \`auth.login\` (ms) | the call after it (ms) |
|---|---|---|---|
| the first after ${DAYS_OFF} days off | ${afterWeek.changes.toLocaleString('en')} | ${afterWeek.signIn.toFixed(0)} | ${afterWeek.next.toFixed(0)} |
| any other (median of ${RUNS}) | 0 | ${median((m) => m.signIn).toFixed(0)} | ${median((m) => m.next).toFixed(0)} |

The sign-in answers before the registration sweep: the sweep runs as the next task of the desk's call
queue, so the call after the sign-in (here the audit list; in the app the 工作台) waits for it.
`;
  writeBenchSection('sign-in-bench', section);
  process.stdout.write(section);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
