/*
 * Statistics benchmark (issue 12): a desk of N cases (default 100,000) received over five years, two
 * counselling records each (nine in ten signed, with dates, channels, satisfaction and results), every
 * registry outcome, reason categories and a referral for every twentieth case. Then, through the real
 * service (dispatch, as the director): the 统计 page for the last full year ('statistics.get'), for a
 * month, for one counsellor's year, and a drill-down list page ('statistics.list'). Median of several runs.
 * Writes its table into docs/benchmarks.md (markers). No ANALYZE: a desk never runs it.
 *
 *   npx tsx tests/bench/statistics.ts            # 100,000 cases
 *   BENCH_CASES=10000 npx tsx tests/bench/statistics.ts
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/main/desk/store';
import { unwrapWithPassword } from '../../src/main/desk/keyring';
import { localDateAt } from '../../src/shared/calendar';
import type { Channel, ChannelInput } from '../../src/shared/contract';
import { tempDir } from '../support/tmp';
import { writeBenchSection } from './bench-doc';
import { ADMIN, BenchDesk, DIRECTOR, seedCases } from './bench-desk';

const N = Number(process.env['BENCH_CASES'] ?? 100_000);
const RUNS = 9;
const YEARS = 5;

/** Signs records, sets results, outcomes, reasons and referrals on the seeded cases (app closed). */
async function enrich(dir: string, today: string): Promise<{ signed: number; referrals: number }> {
  const unlocked = unwrapWithPassword(dir, ADMIN.username, ADMIN.password);
  if (!unlocked) throw new Error('admin password does not open the keyring');
  const store = await openStore(dir, unlocked.dbKey);
  const { sqlite } = store;
  sqlite.exec(`
    UPDATE counselling_records SET
      session_date = date((SELECT received_date FROM cases WHERE cases.id = case_id),
        '+' || (3 + (rowid % 2) * 20) || ' days'),
      half_day = CASE rowid % 2 WHEN 0 THEN 'am' ELSE 'pm' END,
      channel = CASE rowid % 4 WHEN 0 THEN 'face_to_face' WHEN 1 THEN 'voice' WHEN 2 THEN 'text' ELSE NULL END,
      satisfaction = CASE rowid % 4 WHEN 0 THEN 'satisfied' WHEN 1 THEN 'basic' WHEN 2 THEN 'dissatisfied' ELSE NULL END,
      result = CASE rowid % 3 WHEN 0 THEN 'reconcile' WHEN 1 THEN 'postpone' ELSE 'divorce' END,
      volunteer_names = CASE WHEN rowid % 17 = 0 THEN '["志愿者甲"]' ELSE '[]' END;
    UPDATE counselling_records SET status = 'signed', signed_by = created_by, signed_at = created_at
      WHERE session_date <= '${today}' AND rowid % 10 <> 0;
    UPDATE cases SET
      result = (SELECT r.result FROM counselling_records r WHERE r.case_id = cases.id AND r.status = 'signed'
        AND r.deleted_at IS NULL ORDER BY r.session_date DESC, r.half_day DESC, r.signed_at DESC LIMIT 1),
      reason_categories = CASE rowid % 5 WHEN 0 THEN '[]' WHEN 1 THEN '["infidelity"]'
        WHEN 2 THEN '["financial","in_laws"]' WHEN 3 THEN '["incompatibility"]' ELSE '["domestic_violence","addiction"]' END;
    UPDATE cases SET registration_status = 'awaiting_certificate', next_deadline = certificate_window_end
      WHERE withdrawal_deadline < '${today}' AND certificate_window_end >= '${today}';
    UPDATE cases SET next_deadline = NULL,
      registration_status = CASE rowid % 4 WHEN 0 THEN 'withdrawn' WHEN 1 THEN 'deemed_withdrawn'
        WHEN 2 THEN 'registered' ELSE 'refused' END,
      withdrawal_by = CASE rowid % 4 WHEN 0 THEN 'both' END,
      withdrawal_date = CASE rowid % 4 WHEN 0 THEN date(filing_received_date, '+10 days') END,
      registered_date = CASE rowid % 4 WHEN 2 THEN date(certificate_window_start, '+2 days') END,
      refusal_date = CASE rowid % 4 WHEN 3 THEN date(certificate_window_start, '+5 days') END
      WHERE certificate_window_end < '${today}';
    INSERT INTO referrals (id, case_id, dv_disclosure_id, reference_number, ref_year, ref_seq, target, subject,
      reason, consent_given, status, expected_reply_date, created_by, created_at, updated_at, origin_device)
      SELECT lower(hex(randomblob(16))), id, NULL, 'ZJ-B-' || rowid, 2000, rowid / 20,
        CASE rowid % 3 WHEN 0 THEN 'police' WHEN 1 THEN 'legal_aid' ELSE 'psychological' END, 'both', '转介', 1,
        CASE rowid % 2 WHEN 0 THEN 'sent' ELSE 'done' END, date(received_date, '+10 days'), created_by,
        created_at, created_at, origin_device
      FROM cases WHERE rowid % 20 = 0;
  `);
  const count = (q: string) => (sqlite.prepare(q).get() as { n: number }).n;
  const out = {
    signed: count(`SELECT count(*) AS n FROM counselling_records WHERE status = 'signed'`),
    referrals: count(`SELECT count(*) AS n FROM referrals`),
  };
  await store.close();
  unlocked.dbKey.fill(0);
  return out;
}

async function main(): Promise<void> {
  const tmp = tempDir('counseldesk-bench-statistics-');
  const dir = join(tmp.dir, 'desk');
  const load: number[][] = [loadavg()];
  let desk = await BenchDesk.open(dir, tmp.dir);
  const directorId = await desk.setUp();
  await desk.app.close();
  const seedStart = performance.now();
  const seeded = await seedCases(dir, directorId, {
    cases: N,
    recordsPerCase: 2,
    receivedSpreadDays: YEARS * 365,
    searchIndex: false,
  });
  const today = localDateAt(new Date());
  const enriched = await enrich(dir, today);
  const seedMs = performance.now() - seedStart;
  desk = await BenchDesk.open(dir, tmp.dir);
  await desk.ok('auth.login', { username: DIRECTOR.username, password: DIRECTOR.password });

  const year = Number(today.slice(0, 4)) - 1;
  const full = { from: `${year}-01-01`, to: `${year}-12-31` };
  const time = async <K extends Channel>(channel: K, input: ChannelInput<K>) => {
    await desk.ok(channel, input); // warm
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      await desk.ok(channel, input);
      samples.push(performance.now() - start);
    }
    samples.sort((a, b) => a - b);
    return { median: samples[Math.floor(samples.length / 2)] ?? 0, max: samples[samples.length - 1] ?? 0 };
  };
  const yearFigures = await desk.ok('statistics.get', full);
  const cases: [string, () => ReturnType<typeof time>][] = [
    [`\`statistics.get\`, the year ${year} (whole desk)`, () => time('statistics.get', full)],
    [
      `\`statistics.get\`, one month (${year}-06)`,
      () => time('statistics.get', { from: `${year}-06-01`, to: `${year}-06-30` }),
    ],
    [
      `\`statistics.get\`, five years`,
      () => time('statistics.get', { from: `${year - 4}-01-01`, to: `${year}-12-31` }),
    ],
    [
      `\`statistics.list\` counselled, the year, page 1 (50 rows)`,
      () => time('statistics.list', { ...full, indicator: 'counselled', pageSize: 50 }),
    ],
    [
      `\`statistics.list\` counselled, the year, last page`,
      () =>
        time('statistics.list', {
          ...full,
          indicator: 'counselled',
          pageSize: 50,
          page: Math.max(1, Math.ceil(yearFigures.divorce.counselled / 50)),
        }),
    ],
    [
      `\`statistics.list\` sessions by channel (voice), the year, page 1`,
      () =>
        time('statistics.list', { ...full, indicator: 'sessionsByChannel', value: 'voice', pageSize: 50 }),
    ],
    [
      `\`statistics.list\` reasons (infidelity), the year, page 1`,
      () => time('statistics.list', { ...full, indicator: 'reasons', value: 'infidelity', pageSize: 50 }),
    ],
  ];
  const rows: string[] = [];
  for (const [label, run] of cases) {
    const t = await run();
    rows.push(`| ${label} | ${t.median.toFixed(1)} | ${t.max.toFixed(1)} |`);
    process.stdout.write(`${label}: ${t.median.toFixed(1)} ms\n`);
  }
  load.push(loadavg());
  await desk.app.close();
  tmp.cleanup();

  const d = yearFigures.divorce;
  const cpu = cpus()[0]?.model ?? 'unknown';
  const section = `## Statistics (统计)

Generated by \`npx tsx tests/bench/statistics.ts\` on ${today} (${cpus().length} × ${cpu},
${Math.round(totalmem() / 2 ** 30)} GiB; load average at start/end: ${load.map((l) => (l[0] ?? 0).toFixed(1)).join(' / ')}).
Through \`dispatch\` as the director, on a real encrypted store without ANALYZE (a desk never runs it):
${seeded.cases.toLocaleString('en')} divorce cases received over ${YEARS} years, ${seeded.records.toLocaleString('en')}
counselling records (${enriched.signed.toLocaleString('en')} signed), every registry outcome,
${enriched.referrals.toLocaleString('en')} referrals (seeding ${(seedMs / 1000).toFixed(1)} s, not counted).
The year ${year}: ${d.filings.toLocaleString('en')} filings, ${d.counselled.toLocaleString('en')} couples counselled,
${yearFigures.sessions.toLocaleString('en')} sessions, 劝和率 ${d.reconciliationRateBroad.percent ?? '—'}% (broad).
Median and slowest of ${RUNS} runs after one warm-up.

| call | median (ms) | max (ms) |
|---|---|---|
${rows.join('\n')}
`;
  writeBenchSection('statistics-bench', section);
  process.stdout.write(section);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
