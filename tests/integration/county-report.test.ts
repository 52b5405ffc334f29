// The county report (src/server/report/report.ts) on SQLite and PostgreSQL, from rows that real desks made
// through their services (and aftercare rows of known counts written beside them), sealed, the county
// received and ingested. Counts only, never content.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/main/desk/ids';
import type { DB } from '../../src/main/db/schema';
import type { BuiltBatch } from '../../src/main/sync/batch-builder';
import { ingestPending } from '../../src/server/ingest/ingest';
import { generateCountyKeys } from '../../src/server/county/keys';
import { countyReport, emptyFigures, formatReport, type Figures } from '../../src/server/report/report';
import { countyPeriodReport } from '../../src/server/report/period';
import { formatPeriodReport } from '../../src/server/report/report-format';
import { countyReportPdf, countyWorkbook } from '../../src/server/report/documents';
import { DEFAULT_CHROMIUM } from '../../src/shared/documents';
import { computeFigures } from '../../src/main/statistics';
import { rate, StatisticsInputSchema, type Figures as PeriodFigures } from '../../src/shared/statistics';
import type { CountyStore } from '../../src/server/store/store';
import { COUNTY_DIALECTS, openTestCountyStore } from '../support/county-db';
import {
  NOW,
  WORKLOAD,
  addUsers,
  deliver,
  enrolAtCounty,
  plainDesk,
  sealAll,
  workloadDesk,
  type SyncDesk,
} from '../support/sync-desks';
import { tempDir } from '../support/tmp';

const keys = await generateCountyKeys();
const A = '0190a7c2-1b2c-7d3e-8f40-00000000000a';
const B = '0190a7c2-1b2c-7d3e-8f40-00000000000b';
const D = '0190a7c2-1b2c-7d3e-8f40-00000000000d';
const E = '0190a7c2-1b2c-7d3e-8f40-00000000000e';
const F = '0190a7c2-1b2c-7d3e-8f40-00000000000f';

/** The report's time at night: office-local 2026-11-24 01:00 while UTC is still on 2026-11-23. */
const AFTER_MIDNIGHT = new Date('2026-11-23T17:00:00.000Z');

/**
 * Aftercare rows of a desk, each kind with its counting trap: soft-deleted rows (deleted_at with its
 * reason), a hard-deleted visit, an inactive volunteer, an event still ahead and one on the next day.
 * Every visit has a plan of its own (a plan has one open visit at most).
 */
interface AftercareSpec {
  families: { status: 'open' | 'closed'; removed?: boolean }[];
  visits: { status: 'scheduled' | 'done' | 'cancelled'; due: string; removed?: boolean; gone?: boolean }[];
  volunteers: { active: boolean; pledge: string | null; removed?: boolean }[];
  events: { date: string; attendees: number; removed?: boolean }[];
}

/**
 * 明水街道's desk A, at NOW (office-local 2026-11-23): 3 archives; visits 3 done, 2 open of which 1
 * overdue (the other is due today); 3 active volunteers, 1 with the pledge; 2 events held, 65 人次.
 * After midnight (2026-11-24): the visit due on the 23rd is overdue too, the event of the 24th is held.
 */
const AFTERCARE_A: AftercareSpec = {
  families: [{ status: 'open' }, { status: 'open' }, { status: 'closed' }, { status: 'open', removed: true }],
  visits: [
    { status: 'done', due: '2026-05-02' },
    { status: 'done', due: '2026-08-02' },
    { status: 'done', due: '2026-09-10' },
    { status: 'scheduled', due: '2026-11-20' },
    { status: 'scheduled', due: '2026-11-23' },
    { status: 'cancelled', due: '2026-06-01' },
    { status: 'done', due: '2026-07-01', removed: true },
    { status: 'scheduled', due: '2026-10-01', removed: true },
    { status: 'done', due: '2026-04-01', gone: true },
  ],
  volunteers: [
    { active: true, pledge: '2026-03-01' },
    { active: true, pledge: null },
    { active: true, pledge: null },
    { active: false, pledge: '2026-03-01' },
    { active: true, pledge: '2026-03-01', removed: true },
  ],
  events: [
    { date: '2026-11-01', attendees: 40 },
    { date: '2026-11-23', attendees: 25 },
    { date: '2026-11-24', attendees: 15 },
    { date: '2026-12-05', attendees: 30 },
    { date: '2026-10-01', attendees: 50, removed: true },
  ],
};

/** 埠村街道's desk B: 1 archive, 1 visit done, 1 active volunteer with the pledge, 1 event of 10 人次. */
const AFTERCARE_B: AftercareSpec = {
  families: [{ status: 'open' }],
  visits: [{ status: 'done', due: '2026-06-15' }],
  volunteers: [{ active: true, pledge: '2026-02-01' }],
  events: [{ date: '2026-09-09', attendees: 10 }],
};

/** Personal text in the aftercare rows: the report must carry none of it. */
const AFTERCARE_TEXT = ['周志愿', '王家庭', '回访笔记：家里还在吵架', '城关镇文化站', '孩子住校'];

async function writeAftercare(db: Kysely<DB>, spec: AftercareSpec): Promise<void> {
  const at = NOW.toISOString();
  const { id: userId } = await db.selectFrom('users').select('id').executeTakeFirstOrThrow();
  const row = () => ({
    id: uuidv7(),
    created_at: at,
    updated_at: at,
    origin_device: 'desk',
    deleted_at: null,
  });
  const removed = { deleted_at: at, deleted_reason: '录入重复' };
  const families: string[] = [];
  for (const [i, f] of spec.families.entries()) {
    const family = { ...row(), ...(f.removed ? removed : {}) };
    families.push(family.id);
    await db
      .insertInto('families')
      .values({
        ...family,
        archive_number: `JT-2026-${String(i + 1).padStart(5, '0')}`,
        archive_year: 2026,
        archive_seq: i + 1,
        name: '王家庭',
        focus: 'marriage',
        needs: '孩子住校',
        counsellor_id: userId,
        status: f.status,
        closed_at: f.status === 'closed' ? at : null,
        closed_reason: f.status === 'closed' ? '回访完成' : null,
        created_by: userId,
      })
      .execute();
  }
  const familyId = families[0] ?? '';
  for (const v of spec.visits) {
    const plan = row();
    await db
      .insertInto('followup_plans')
      .values({
        ...plan,
        family_id: familyId,
        result: 'reconcile',
        focus: 'marriage',
        start_date: '2026-03-02',
        months: '[1,3,6,12]',
        status: 'active',
        created_by: userId,
      })
      .execute();
    const visit = { ...row(), ...(v.removed ? removed : {}) };
    const record =
      v.status === 'done'
        ? {
            visit_date: v.due,
            channel: 'voice' as const,
            duration_minutes: 30,
            met_whom: '双方',
            problems: '回访笔记：家里还在吵架',
            recorded_by: userId,
            recorded_at: at,
          }
        : {};
    await db
      .insertInto('followup_visits')
      .values({
        ...visit,
        plan_id: plan.id,
        family_id: familyId,
        counsellor_id: userId,
        seq: 1,
        due_date: v.due,
        status: v.status,
        safety_concern: 0,
        ...record,
      })
      .execute();
    if (v.gone) await db.deleteFrom('followup_visits').where('id', '=', visit.id).execute();
  }
  for (const v of spec.volunteers) {
    await db
      .insertInto('volunteers')
      .values({
        ...row(),
        ...(v.removed ? removed : {}),
        name: '周志愿',
        phone: '13900000009',
        profession: 'social_worker',
        qualified: 1,
        pledge_signed_date: v.pledge,
        active: v.active ? 1 : 0,
        inactive_reason: v.active ? null : '外出务工',
        created_by: userId,
      })
      .execute();
  }
  for (const e of spec.events) {
    await db
      .insertInto('outreach_events')
      .values({
        ...row(),
        ...(e.removed ? removed : {}),
        type: 'happiness_class',
        date: e.date,
        place: '城关镇文化站',
        topic: '幸福课堂',
        duration_hours: 1.5,
        attendee_count: e.attendees,
        created_by: userId,
      })
      .execute();
  }
}

const desks: Record<string, SyncDesk> = {};
const batches: Record<string, BuiltBatch[]> = {};
const tmp = tempDir('county-report-');
const CHROMIUM = process.env['COUNSELDESK_CHROMIUM'] ?? DEFAULT_CHROMIUM;

beforeAll(async () => {
  desks.a = await workloadDesk(A, keys);
  await writeAftercare(desks.a.db, AFTERCARE_A);
  batches.a = await sealAll(desks.a, keys, 50);

  // B: the same workload, then one case and the DV disclosure soft-deleted, the police referral removed.
  const b = (desks.b = await workloadDesk(B, keys));
  const at = NOW.toISOString();
  const softDelete = (table: 'cases' | 'dv_disclosures') =>
    b.db
      .updateTable(table)
      .set((eb) => ({ deleted_at: at, updated_at: at, version: eb('version', '+', 1) }))
      .where('deleted_at', 'is', null);
  await softDelete('cases').where('type', '=', 'marital').execute();
  await softDelete('dv_disclosures').execute();
  const police = await b.db
    .selectFrom('referrals')
    .select('id')
    .where('target', '=', 'police')
    .executeTakeFirstOrThrow();
  await b.db.deleteFrom('referral_events').where('referral_id', '=', police.id).execute();
  await b.db.deleteFrom('referrals').where('id', '=', police.id).execute();
  await writeAftercare(b.db, AFTERCARE_B);
  batches.b = await sealAll(b, keys, 50);

  for (const [key, id] of [
    ['d', D],
    ['e', E],
    ['f', F],
  ] as const) {
    desks[key] = await plainDesk(id, keys);
    await addUsers(desks[key].db, 6, id);
    batches[key] = await sealAll(desks[key], keys, 2);
  }
}, 120_000);

afterAll(async () => {
  for (const desk of Object.values(desks)) await desk.close();
  tmp.cleanup();
});

function figures(over: Partial<Figures>): Figures {
  return { ...emptyFigures(), ...over };
}

const FIGURES_A = figures({
  cases: WORKLOAD.cases,
  casesByType: { ...WORKLOAD.casesByType },
  casesByStatus: { ...WORKLOAD.casesByStatus },
  casesByResult: { ...WORKLOAD.casesByResult },
  counsellingRecords: WORKLOAD.records,
  signedRecords: WORKLOAD.signedRecords,
  referrals: 2,
  referralsByTarget: { ...WORKLOAD.referralsByTarget },
  referralsByStatus: { ...WORKLOAD.referralsByStatus },
  dvDisclosures: WORKLOAD.dvDisclosures,
  families: 3,
  visitsDone: 3,
  visitsOpen: 2,
  visitsOverdue: 1,
  activeVolunteers: 3,
  pledgedVolunteers: 1,
  eventsHeld: 2,
  eventAttendees: 65,
});

const FIGURES_B = figures({
  cases: 3,
  casesByType: { divorce_adjustment: 2, premarital: 1 },
  casesByStatus: { accepted_cooling: 1, withdrawn: 1, none: 1 },
  casesByResult: { postpone: 1, reconcile: 1, none: 1 },
  counsellingRecords: WORKLOAD.records,
  signedRecords: WORKLOAD.signedRecords,
  referrals: 1,
  referralsByTarget: { legal_aid: 1 },
  referralsByStatus: { sent: 1 },
  dvDisclosures: 0,
  families: 1,
  visitsDone: 1,
  activeVolunteers: 1,
  pledgedVolunteers: 1,
  eventsHeld: 1,
  eventAttendees: 10,
});

describe.each(COUNTY_DIALECTS)('county report (%s)', (dialect) => {
  let county: CountyStore;

  beforeEach(async () => {
    county = await openTestCountyStore(dialect, tmp.dir);
    await enrolAtCounty(county, desks.a!, '明水街道');
    await enrolAtCounty(county, desks.d!, '明水街道');
    await enrolAtCounty(county, desks.e!, '明水街道');
    await enrolAtCounty(county, desks.b!, '埠村街道');
    await enrolAtCounty(county, desks.f!, '相公庄街道');
    await deliver(county, keys, A, batches.a!);
    await deliver(county, keys, B, batches.b!);
    // D: its second batch is altered in storage (blocked), its third arrives behind it
    const [d1, d2, d3] = batches.d!;
    await deliver(county, keys, D, [d1!, d2!]);
    const row = await county.db
      .selectFrom('envelopes')
      .select('bytes')
      .where('device', '=', D)
      .where('seq', '=', 2)
      .executeTakeFirstOrThrow();
    const bytes = Buffer.from(row.bytes);
    bytes[bytes.length - 80] = (bytes[bytes.length - 80] ?? 0) ^ 0x01;
    await county.db
      .updateTable('envelopes')
      .set({ bytes })
      .where('device', '=', D)
      .where('seq', '=', 2)
      .execute();
    await ingestPending(county, keys, { now: () => NOW });
    await deliver(county, keys, D, [d3!]);
    // E: delivered after the last ingest pass, so still pending
    await deliver(county, keys, E, batches.e!);
  });
  afterEach(() => county.close());

  it('counts cases, records, referrals and DV disclosures per station and county-wide', async () => {
    const report = await countyReport(county, { now: () => NOW });
    expect(report.generatedAt).toBe(NOW.toISOString());
    expect(report.stations).toEqual([
      // pinyin order: bù, míng, xiàng
      { station: '埠村街道', devices: 1, ...FIGURES_B },
      { station: '明水街道', devices: 3, ...FIGURES_A },
      { station: '相公庄街道', devices: 1, ...figures({}) },
    ]);
    expect(report.total).toEqual(
      figures({
        cases: 7,
        casesByType: { divorce_adjustment: 4, premarital: 2, marital: 1 },
        casesByStatus: { accepted_cooling: 2, withdrawn: 2, none: 3 },
        casesByResult: { postpone: 2, reconcile: 2, none: 3 },
        counsellingRecords: 6,
        signedRecords: 4,
        referrals: 3,
        referralsByTarget: { legal_aid: 2, police: 1 },
        referralsByStatus: { sent: 2, created: 1 },
        dvDisclosures: 1,
        families: 4,
        visitsDone: 4,
        visitsOpen: 2,
        visitsOverdue: 1,
        activeVolunteers: 4,
        pledgedVolunteers: 2,
        eventsHeld: 3,
        eventAttendees: 75,
      }),
    );
  });

  it("computes a period's indicators with the desks' own rules: each station its desk's figures, the county their sum", async () => {
    const period = { from: '2026-01-01', to: '2026-12-31' };
    const report = await countyPeriodReport(county, period, NOW);
    expect(report.unreadable).toBe(0);
    const own = async (desk: SyncDesk): Promise<PeriodFigures> => {
      const director = await desk.db
        .selectFrom('users')
        .select(['id', 'username', 'display_name'])
        .where('role', '=', 'director')
        .executeTakeFirstOrThrow();
      const user = {
        id: director.id,
        username: director.username,
        displayName: director.display_name,
        role: 'director' as const,
        mustChangePassword: false,
      };
      return computeFigures(desk.db, user, StatisticsInputSchema.parse(period), report.today);
    };
    const a = await own(desks.a!);
    const b = await own(desks.b!);
    // The desks' figures are not empty: the comparison means something.
    expect(a.divorce.filings).toBeGreaterThan(0);
    expect(a.sessions).toBeGreaterThan(0);
    expect(a.divorce.withdrawals).toBeGreaterThan(0);
    expect(a.referrals).toBeGreaterThan(b.referrals);
    expect(a.eventsHeld).toBeGreaterThan(0);
    expect(a.volunteerEvaluations.count + b.volunteerEvaluations.count).toBe(0);

    const station = (name: string) => report.stations.find((s) => s.station === name)?.figures;
    expect(station('明水街道')).toEqual(a);
    expect(station('埠村街道')).toEqual(b);
    expect(report.total).toEqual(sumFigures(a, b));
    const text = formatPeriodReport(report);
    expect(text).toContain('劝和率（含暂缓、撤回）');
    expect(text).toContain('埠村街道');
  });

  it("writes the county's workbook and printed report with the same figures (exceljs, pdftotext)", async () => {
    const period = { from: '2026-01-01', to: '2026-12-31' };
    const report = await countyPeriodReport(county, period, NOW);
    const a = report.stations.find((s) => s.station === '明水街道')!.figures;
    const b = report.stations.find((s) => s.station === '埠村街道')!.figures;
    expect(a.divorce.counselled).toBeGreaterThan(0);

    const xlsx = join(tmp.dir, `county-${dialect}.xlsx`);
    writeFileSync(xlsx, await countyWorkbook(report, '章丘区婚姻家庭辅导中心'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '辅导服务统计表', '各站汇总']);
    const values = (name: string) =>
      wb
        .getWorksheet(name)!
        .getSheetValues()
        .filter((r) => Array.isArray(r))
        .map((r) => (r as unknown[]).slice(1));
    const stations = values('各站汇总');
    expect(stations[2]?.[0]).toBe('统计范围：全县 3 个站点');
    expect(stations[3]).toEqual(['指标', '单位', '埠村街道', '明水街道', '相公庄街道', '全县合计']);
    const row = (label: string) => stations.find((r) => r[0] === label);
    expect(row('辅导对数')?.slice(2)).toEqual([
      b.divorce.counselled,
      a.divorce.counselled,
      0,
      report.total.divorce.counselled,
    ]);
    expect(row('受理离婚登记申请')?.slice(2)).toEqual([
      b.divorce.filings,
      a.divorce.filings,
      0,
      a.divorce.filings + b.divorce.filings,
    ]);
    // A station's rate is its own fraction; a zero denominator is "—", never 0%.
    const broad = row('劝和率（含暂缓、撤回）');
    expect(broad?.[3]).toBeCloseTo(
      a.divorce.reconciliationRateBroad.numerator / a.divorce.reconciliationRateBroad.denominator,
      12,
    );
    expect(broad?.[4]).toBe('—');
    const summary = new Map(values('汇总').map((r) => [r[0], r[1]]));
    expect(summary.get('辅导对数')).toBe(report.total.divorce.counselled);
    expect(summary.get('转介')).toBe(report.total.referrals);

    const pdf = await countyReportPdf(report, '章丘区婚姻家庭辅导中心', CHROMIUM);
    const pdfFile = join(tmp.dir, `county-${dialect}.pdf`);
    writeFileSync(pdfFile, pdf);
    const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdfFile, '-'], {
      encoding: 'utf8',
    });
    expect(text).toContain('婚姻家庭辅导工作统计年报');
    expect(text).toContain('章丘区婚姻家庭辅导中心');
    expect(text).toContain('全县 3 个站点');
    expect(text).toContain('五、各站点主要指标');
    for (const name of ['埠村街道', '明水街道', '相公庄街道', '全县合计']) expect(text).toContain(name);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toMatch(new RegExp(`辅导对数 \\d+ ${report.total.divorce.counselled} `));
  }, 60_000);

  it('judges overdue visits and held events by the office-local date of the report, not UTC', async () => {
    const report = await countyReport(county, { now: () => AFTER_MIDNIGHT });
    const a = report.stations.find((s) => s.station === '明水街道');
    expect(a).toMatchObject({ visitsOpen: 2, visitsOverdue: 2, eventsHeld: 3, eventAttendees: 80 });
    expect(report.total).toMatchObject({ visitsOverdue: 2, eventsHeld: 4, eventAttendees: 90 });
    // the other figures do not depend on the day
    expect({ ...report.total, visitsOverdue: 1, eventsHeld: 3, eventAttendees: 75 }).toEqual(
      (await countyReport(county, { now: () => NOW })).total,
    );
  });

  it("shows each device's last batch and what is ingested, pending and blocked", async () => {
    const report = await countyReport(county);
    const byDevice = new Map(report.devices.map((d) => [d.device, d]));
    const received = NOW.toISOString();
    expect(byDevice.get(A)).toMatchObject({
      station: '明水街道',
      batches: batches.a!.length,
      ingested: batches.a!.length,
      pending: 0,
      blocked: 0,
      lastReceivedAt: received,
    });
    expect(byDevice.get(B)).toMatchObject({
      batches: batches.b!.length,
      ingested: batches.b!.length,
      pending: 0,
    });
    expect(byDevice.get(D)).toMatchObject({
      batches: 3,
      ingested: 1,
      pending: 0,
      blocked: 2,
      superseded: 0,
      blockedReason: 'DECRYPT_FAILED',
    });
    expect(byDevice.get(E)).toMatchObject({
      batches: 3,
      ingested: 0,
      pending: 3,
      blocked: 0,
      blockedReason: null,
    });
    expect(byDevice.get(F)).toMatchObject({ station: '相公庄街道', batches: 0, lastReceivedAt: null });
    expect(report.devices.map((d) => d.device)).toEqual([B, A, D, E, F]); // 埠村 明水 相公庄, then id
  });

  it('formats a Chinese plain-text report that carries no personal data or DV content', async () => {
    const text = formatReport(await countyReport(county, { now: () => NOW }));
    expect(text).toContain('县级汇总报表（生成于 2026-11-23 09:00 UTC）');
    expect(text).toMatch(/^合计\s+5\s+7\s+6\s+4\s+3\s+1$/m);
    expect(text).toMatch(/^明水街道\s+3\s+4\s+3\s+2\s+2\s+1$/m);
    for (const heading of ['辅导类别', '离婚登记状态', '辅导结果', '接收机构', '转介按状态', '设备与入库']) {
      expect(text).toContain(heading);
    }
    expect(text).toMatch(/^合计\s+2\s+1\s+0\s+4$/m); // by type: 婚前 婚姻关系 家庭关系 离婚调适
    expect(text).toContain('DECRYPT_FAILED');
    // aftercare: 家庭档案 已回访 待回访 其中已逾期 在岗志愿者 其中已签保密承诺 活动场次 参加人次
    expect(text).toContain('七、家庭档案、回访、志愿者与活动（截至 2026-11-23，北京时间）');
    expect(text).toMatch(
      /^站点\s+家庭档案\s+已回访\s+待回访\s+其中已逾期\s+在岗志愿者\s+其中已签保密承诺\s+活动场次\s+参加人次$/m,
    );
    expect(text).toMatch(/^埠村街道\s+1\s+1\s+0\s+0\s+1\s+1\s+1\s+10$/m);
    expect(text).toMatch(/^明水街道\s+3\s+3\s+2\s+1\s+3\s+1\s+2\s+65$/m);
    expect(text).toMatch(/^相公庄街道\s+0\s+0\s+0\s+0\s+0\s+0\s+0\s+0$/m);
    expect(text).toMatch(/^合计\s+4\s+4\s+2\s+1\s+4\s+2\s+3\s+75$/m);
    expect(text).toContain('八、设备与入库');
    for (const secret of [
      ...AFTERCARE_TEXT,
      '张三',
      '李四',
      '13800000001',
      '对方多次推搡',
      '淤青',
      '明水派出所',
      '询问笔录',
      '辅导员',
      'user.',
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});

/** Two desks' figures added up: counts summed, rates recomputed from the summed parts. */
function sumFigures(a: PeriodFigures, b: PeriodFigures): PeriodFigures {
  const add = (x: unknown, y: unknown): unknown => {
    if (typeof x === 'number' && typeof y === 'number') return x + y;
    if (Array.isArray(x) || x === null || typeof x !== 'object') return x;
    const xr = x as Record<string, unknown>;
    const yr = y as Record<string, unknown>;
    if ('numerator' in xr && 'denominator' in xr) {
      return rate(
        (xr.numerator as number) + (yr.numerator as number),
        (xr.denominator as number) + (yr.denominator as number),
      );
    }
    return Object.fromEntries(Object.keys(xr).map((k) => [k, add(xr[k], yr[k])]));
  };
  const sum = add(a, b) as PeriodFigures;
  // Not additive: the period, the day and the scope are the same; the trend months add by month.
  return {
    ...sum,
    period: a.period,
    today: a.today,
    counsellorId: null,
    trend: a.trend.map((m, i) => ({
      ...(add(m, b.trend[i]) as typeof m),
      month: m.month,
      from: m.from,
      to: m.to,
    })),
    // An average does not add up; these desks record no evaluations (the test checks).
    volunteerEvaluations: { count: 0, averageScore: null },
  };
}
