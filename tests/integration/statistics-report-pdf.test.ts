import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelOutput } from '../../src/shared/contract';
import { labelsIn } from '../../src/shared/i18n';
import { periodZh } from '../../src/shared/documents';
import { addStaff, fullIntake, signInAs, type Staff } from '../support/case-fixture';
import { setUpDesk, type Desk } from '../support/desk-fixture';
import { tempDir } from '../support/tmp';

/*
 * The statistics report (print.statisticsReportPdf) end to end: cases and signed records through the
 * services, the report of the month as a real PDF from headless Chromium, its text read back with
 * pdftotext: the office, the period, the same figures 'statistics.get' answers, both 劝和率 with their
 * parts, the charts' titles, every shown indicator's definition, and the audit entry.
 */

const ZH = labelsIn('zh-CN');
const MARCH = { from: '2026-03-01', to: '2026-03-31' } as const;

describe('the printed statistics report', () => {
  let desk: Desk;
  let cleanup: () => Promise<void>;
  let staff: Staff;
  let centreName: string;
  const out = tempDir('counseldesk-report-');

  function text(pdf: ChannelOutput<'print.statisticsReportPdf'>): string {
    const file = join(out.dir, `${Math.random().toString(36).slice(2)}.pdf`);
    writeFileSync(file, Buffer.from(pdf.pdfBase64, 'base64'));
    return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  }

  let receipts = 0;
  const filing = (receivedDate: string) => ({ receivedDate, receiptNumber: `SL-2026-${++receipts}` });

  /** One counselled divorce case with a filing, its record signed with `result`. */
  async function counselled(result: 'reconcile' | 'postpone' | 'divorce', sessionDate: string) {
    const created = await desk.ok('cases.create', fullIntake({ filing: filing('2026-03-01') }));
    const draft = await desk.ok('records.saveDraft', {
      caseId: created.id,
      sessionDate,
      halfDay: 'am',
      channel: result === 'divorce' ? 'voice' : 'face_to_face',
      counsellorIds: [staff.counsellorA],
      volunteerNames: [],
      attendees: { parties: ['party_a', 'party_b'], others: [] },
      result,
      satisfaction: 'satisfied',
    });
    await desk.ok('records.sign', { recordId: draft.id });
  }

  beforeAll(async () => {
    const set = await setUpDesk();
    desk = set.desk;
    cleanup = set.cleanup;
    staff = await addStaff(desk); // counsellor A is signed in
    await counselled('reconcile', '2026-03-02');
    await counselled('reconcile', '2026-03-02');
    await counselled('postpone', '2026-03-02');
    await counselled('divorce', '2026-03-02');
    // Filed, not counselled.
    await desk.ok('cases.create', fullIntake({ filing: filing('2026-03-02') }));
    await signInAs(desk, 'director');
    centreName = (await desk.ok('settings.get', null)).office.centreName;
  });
  afterAll(async () => {
    await cleanup();
    out.cleanup();
  });

  it('names the period as the office reports it', () => {
    expect(periodZh('2026-03-01', '2026-03-31')).toEqual({ kind: '月报', text: '2026年3月' });
    expect(periodZh('2026-04-01', '2026-06-30')).toEqual({ kind: '季报', text: '2026年第二季度' });
    expect(periodZh('2025-01-01', '2025-12-31')).toEqual({ kind: '年报', text: '2025年' });
    expect(periodZh('2026-02-01', '2026-02-28')).toEqual({ kind: '月报', text: '2026年2月' });
    expect(periodZh('2026-03-05', '2026-03-31')).toEqual({
      kind: '报表',
      text: '2026年3月5日至2026年3月31日',
    });
  });

  it('prints the figures of the 统计 page, the charts and every definition, and audits the print', async () => {
    const figures = await desk.ok('statistics.get', { ...MARCH, counsellorId: null });
    expect(figures.divorce).toMatchObject({
      filings: 5,
      filingsCounselled: 4,
      counselled: 4,
      resultReconcile: 2,
    });

    const pdf = await desk.ok('print.statisticsReportPdf', { ...MARCH, counsellorId: null });
    expect(pdf.fileName).toBe('statistics-report-2026-03-01-2026-03-31.pdf');
    const printed = text(pdf);
    const flat = printed.replace(/\s+/g, '');

    expect(printed).toContain('婚姻家庭辅导工作统计月报');
    expect(flat).toContain(centreName.replace(/\s+/g, ''));
    expect(flat).toContain('统计期间：2026年3月');
    expect(flat).toContain('统计范围：全部案件');
    // The same numbers as the page, with both rates and their parts.
    const line = (label: string) =>
      printed.split('\n').find((l) => l.replace(/\s+/g, '').startsWith(label.replace(/\s+/g, '')));
    expect(line(ZH.statisticsIndicators.filings)).toMatch(/\s5$/);
    expect(line(ZH.statisticsIndicators.counselled)).toMatch(/\s4$/);
    expect(flat).toContain('辅导率380.0%（4/5）');
    expect(flat).toContain(`${ZH.statisticsIndicators.reconciliationRateBroad}975.0%（3/4）`);
    expect(flat).toContain(`${ZH.statisticsIndicators.reconciliationRateStrict}1050.0%（2/4）`);
    // Charts: the result mix and the channels (the trend needs more than one month).
    expect(flat).toContain('五、图表');
    expect(flat).toContain(ZH.statisticsCharts.results);
    expect(flat).toContain(ZH.statisticsCharts.channels);
    expect(flat).not.toContain(ZH.statisticsCharts.trend);
    // Every shown indicator's definition, as a numbered footnote.
    for (const key of [
      'counsellingRate',
      'reconciliationRateBroad',
      'reconciliationRateStrict',
      'visitsOverdue',
    ] as const) {
      expect(flat).toContain(
        `${ZH.statisticsIndicators[key]}：${ZH.statisticsDefinitions[key]}`.replace(/\s+/g, ''),
      );
    }
    // Counts only: no party's name.
    expect(flat).not.toContain('张三');

    const { rows } = await desk.ok('audit.list', { pageSize: 20 });
    const entry = rows.find((r) => r.action === 'statistics.report_printed');
    expect(entry).toBeDefined();
  });

  it('a counsellor’s report covers their own cases, and says so', async () => {
    await signInAs(desk, 'counsellorB');
    const pdf = await desk.ok('print.statisticsReportPdf', { ...MARCH, counsellorId: null });
    const flat = text(pdf).replace(/\s+/g, '');
    expect(flat).toContain('统计范围：本人负责或陪护的案件');
    const mine = await desk.ok('statistics.get', { ...MARCH, counsellorId: null });
    expect(mine.divorce.filings).toBe(0);
    expect(flat).toContain(`${ZH.statisticsIndicators.filings}10`);
    await signInAs(desk, 'director');
  });
});
