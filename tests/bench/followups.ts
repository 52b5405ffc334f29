/*
 * Follow-up queue benchmark: N cases (default 100,000), each with a family archive, a plan and three
 * visits (two made, one open: 3N visits), 20 counsellors and 200 volunteers, on a real encrypted store.
 * Then the queue service ('followups.queue') is timed for every bucket as a director (everyone's), a
 * counsellor (their families: 1/20), a volunteer (their visits: 1/200) and a director filtering by one
 * volunteer, and the dashboard's follow-up sections. Writes its table into docs/benchmarks.md (markers).
 *
 *   npx tsx tests/bench/followups.ts            # 100,000 cases, 300,000 visits
 *   BENCH_CASES=10000 npx tsx tests/bench/followups.ts
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { openStore, PAGE_CACHE_KIB } from '../../src/main/desk/store';
import { uuidv7 } from '../../src/main/desk/ids';
import { generateDatabaseKey } from '../../src/main/desk/keyring';
import { dashboardFollowUps, followUpQueue } from '../../src/main/followups/queue.service';
import { addDays } from '../../src/shared/calendar/local-date';
import { QUEUE_BUCKETS, type QueueFilter } from '../../src/shared/followups';
import type { SessionUser } from '../../src/shared/users/schemas';
import { tempDir } from '../support/tmp';

const N = Number(process.env['BENCH_CASES'] ?? 100_000);
const COUNSELLORS = 20;
const VOLUNTEERS = 200;
const RUNS = 20;
const TODAY = '2026-03-02';
const AT = '2026-03-02T02:00:00.000Z';

function stats(samples: number[]): { p50: number; p95: number } {
  const sorted = [...samples].sort((x, y) => x - y);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { p50: at(0.5), p95: at(0.95) };
}

function user(id: string, role: SessionUser['role']): SessionUser {
  return { id, username: id, displayName: id, role, mustChangePassword: false };
}

async function main(): Promise<void> {
  const tmp = tempDir('counseldesk-bench-');
  const store = await openStore(tmp.dir, generateDatabaseKey(), { create: true });
  const { db, sqlite } = store;

  const insertUser =
    sqlite.prepare(`INSERT INTO users (id, username, display_name, role, created_at, updated_at,
    origin_device) VALUES (?, ?, ?, ?, ?, ?, 'bench')`);
  const counsellorIds = Array.from({ length: COUNSELLORS }, () => uuidv7());
  counsellorIds.forEach((id, i) => insertUser.run(id, `c${i}`, `辅导员${i}`, 'counsellor', AT, AT));
  const directorId = uuidv7();
  insertUser.run(directorId, 'director', '主任', 'director', AT, AT);
  const volunteerUserId = uuidv7();
  insertUser.run(volunteerUserId, 'volunteer', '志愿者', 'volunteer', AT, AT);

  const insertVolunteer = sqlite.prepare(`INSERT INTO volunteers (id, name, profession, qualified,
    pledge_signed_date, active, user_id, created_by, created_at, updated_at, origin_device)
    VALUES (?, ?, 'lawyer', 1, '2026-01-01', 1, ?, ?, ?, ?, 'bench')`);
  const volunteerIds = Array.from({ length: VOLUNTEERS }, () => uuidv7());
  volunteerIds.forEach((id, i) =>
    insertVolunteer.run(id, `志愿者${i}`, i === 0 ? volunteerUserId : null, directorId, AT, AT),
  );

  const insertCase = sqlite.prepare(`INSERT INTO cases (id, case_number, type, received_date, counsellor_id,
    created_by, created_at, updated_at, origin_device, result)
    VALUES (?, ?, 'divorce_adjustment', ?, ?, ?, ?, ?, 'bench', 'reconcile')`);
  const insertFamily = sqlite.prepare(`INSERT INTO families (id, archive_number, archive_year, archive_seq,
    name, focus, result, counsellor_id, status, created_by, created_at, updated_at, origin_device)
    VALUES (?, ?, 2026, ?, ?, 'marriage', 'reconcile', ?, 'open', ?, ?, ?, 'bench')`);
  const insertLink = sqlite.prepare(`INSERT INTO family_cases (id, family_id, case_id, linked_by, created_at,
    updated_at, origin_device) VALUES (?, ?, ?, ?, ?, ?, 'bench')`);
  const insertPlan = sqlite.prepare(`INSERT INTO followup_plans (id, family_id, case_id, result, focus,
    start_date, months, volunteer_id, status, created_by, created_at, updated_at, origin_device)
    VALUES (?, ?, ?, 'reconcile', 'marriage', ?, '[1,3,6,12]', ?, ?, ?, ?, ?, 'bench')`);
  const insertVisit = sqlite.prepare(`INSERT INTO followup_visits (id, plan_id, family_id, counsellor_id, seq,
    due_date, status, volunteer_id, visit_date, channel, duration_minutes, met_whom, recorded_by, recorded_at,
    created_at, updated_at, origin_device)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'bench')`);

  const seedStart = performance.now();
  const seed = sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const caseId = uuidv7();
      const familyId = uuidv7();
      const planId = uuidv7();
      const counsellor = counsellorIds[i % COUNSELLORS] as string;
      const volunteer = volunteerIds[i % VOLUNTEERS] as string;
      // Results spread over ten years up to today: plans in every state of their schedule.
      const start = addDays(TODAY, -(i % 3650));
      insertCase.run(
        caseId,
        `2026-LH-${String(i + 1).padStart(6, '0')}`,
        start,
        counsellor,
        counsellor,
        AT,
        AT,
      );
      insertFamily.run(
        familyId,
        `JT-2026-${String(i + 1).padStart(6, '0')}`,
        i + 1,
        `家庭${i}`,
        counsellor,
        counsellor,
        AT,
        AT,
      );
      insertLink.run(uuidv7(), familyId, caseId, counsellor, AT, AT);
      insertPlan.run(
        planId,
        familyId,
        caseId,
        start,
        volunteer,
        i % 25 === 7 ? 'paused' : 'active',
        counsellor,
        AT,
        AT,
      );
      for (const seq of [1, 2, 3]) {
        const due = addDays(start, seq * 45);
        const done = seq < 3;
        insertVisit.run(
          uuidv7(),
          planId,
          familyId,
          counsellor,
          seq,
          due,
          done ? 'done' : 'scheduled',
          volunteer,
          done ? due : null,
          done ? 'voice' : null,
          done ? 30 : null,
          done ? '夫妻双方' : null,
          done ? counsellor : null,
          done ? AT : null,
          AT,
          AT,
        );
      }
    }
  });
  for (let from = 0; from < N; from += 5000) seed(from, Math.min(N, from + 5000));
  sqlite.exec('ANALYZE');
  const seedSeconds = (performance.now() - seedStart) / 1000;

  const director = user(directorId, 'director');
  const counsellor = user(counsellorIds[0] as string, 'counsellor');
  const volunteer = user(volunteerUserId, 'volunteer');
  const cases: [string, SessionUser, Partial<QueueFilter>][] = [
    ['director, everyone', director, { scope: 'all' }],
    ['counsellor, own families', counsellor, {}],
    ['volunteer, own visits', volunteer, {}],
    ['director, one volunteer', director, { scope: 'all', volunteerId: volunteerIds[1] }],
  ];
  const rows: string[] = [];
  // The peer in the same run: everyone's queue with SQLite's default 2 MiB page cache instead of the
  // store's 64 MiB (src/main/desk/store.ts), so the cost of decrypting pages again shows.
  const peer: [string, SessionUser, Partial<QueueFilter>, number][] = [
    ...cases.map(
      ([label, who, filter]) =>
        [label, who, filter, PAGE_CACHE_KIB] as [string, SessionUser, Partial<QueueFilter>, number],
    ),
    ['director, everyone (2 MiB cache)', director, { scope: 'all' }, 2000],
  ];
  for (const [label, who, filter, cacheKib] of peer) {
    sqlite.pragma(`cache_size = -${cacheKib}`);
    for (const bucket of QUEUE_BUCKETS) {
      const f: QueueFilter = { bucket, scope: 'mine', page: 2, pageSize: 50, ...filter };
      let answer = await followUpQueue(db, who, f, TODAY);
      const samples: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        const t = performance.now();
        answer = await followUpQueue(db, who, f, TODAY);
        samples.push(performance.now() - t);
      }
      const { p50, p95 } = stats(samples);
      rows.push(
        `| ${label} | ${bucket} | ${answer.total.toLocaleString('en')} | ${answer.rows.length} | ${p50.toFixed(2)} | ${p95.toFixed(2)} |`,
      );
    }
  }
  sqlite.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
  for (const [label, who] of [
    ['director', director],
    ['counsellor', counsellor],
  ] as const) {
    const samples: number[] = [];
    let answer = await dashboardFollowUps(db, who, TODAY, 200);
    for (let r = 0; r < RUNS; r++) {
      const t = performance.now();
      answer = await dashboardFollowUps(db, who, TODAY, 200);
      samples.push(performance.now() - t);
    }
    const { p50, p95 } = stats(samples);
    rows.push(
      `| dashboard, ${label} | overdue + concerns | — | ${answer.overdueVisits.length} | ${p50.toFixed(2)} | ${p95.toFixed(2)} |`,
    );
  }
  await store.close();
  tmp.cleanup();

  const section = [
    '<!-- followups-bench:start -->',
    '## Follow-up queue',
    '',
    `Generated by \`npx tsx tests/bench/followups.ts\` on ${new Date().toISOString().slice(0, 10)}: ${N.toLocaleString('en')} cases,`,
    `each with a family archive, a plan (1 in 25 paused) and three visits (two made, one open) — ${(3 * N).toLocaleString('en')} visits —`,
    `results spread over ten years, ${COUNSELLORS} counsellors, ${VOLUNTEERS} volunteers; SQLCipher store, ANALYZE run.`,
    `Machine: ${cpus()[0]?.model ?? 'unknown'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}.`,
    `Each row is the whole service call ('followups.queue': page 2 of 50 rows plus the exact counts of all four`,
    `buckets), ${RUNS} runs after one warm-up, with the store's ${PAGE_CACHE_KIB / 1024} MiB page cache; the peer row runs the`,
    `director's queue with SQLite's default 2 MiB cache in the same run. Seeding took ${seedSeconds.toFixed(1)} s.`,
    '',
    '| as | bucket | total | rows | p50 ms | p95 ms |',
    '|---|---|---|---|---|---|',
    ...rows,
    '<!-- followups-bench:end -->',
  ].join('\n');
  const file = join(__dirname, '../../docs/benchmarks.md');
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n\n';
  const marked = /<!-- followups-bench:start -->[\s\S]*<!-- followups-bench:end -->/;
  writeFileSync(
    file,
    marked.test(current) ? current.replace(marked, section) : `${current.trimEnd()}\n\n${section}\n`,
  );
  console.log(section);
}

void main();
