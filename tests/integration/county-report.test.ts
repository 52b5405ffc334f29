// The county report (src/server/report/report.ts) on SQLite and PostgreSQL, from rows that real desks made
// through their services, sealed, the county received and ingested. Counts only, never content.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BuiltBatch } from '../../src/main/sync/batch-builder';
import { ingestPending } from '../../src/server/ingest/ingest';
import { generateCountyKeys } from '../../src/server/county/keys';
import { countyReport, emptyFigures, formatReport, type Figures } from '../../src/server/report/report';
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

const desks: Record<string, SyncDesk> = {};
const batches: Record<string, BuiltBatch[]> = {};
const tmp = tempDir('county-report-');

beforeAll(async () => {
  desks.a = await workloadDesk(A, keys);
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
      }),
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
    for (const secret of [
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
