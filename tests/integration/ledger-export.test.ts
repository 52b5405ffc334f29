import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ValueType, type Workbook, type Worksheet } from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZH } from '../../src/shared/documents';
import { ledgerWriteError } from '../../src/main/ledger/file';
import { LEDGER_COLUMNS, LEDGER_SHEETS, type LedgerSheet } from '../../src/shared/ledger';
import { maskResidentId } from '../../src/shared/rules';
import type { ArchiveDesk } from '../support/archive-fixture';
import { SECRETS } from '../support/archive-fixture';
import { signInAs, type Staff } from '../support/case-fixture';
import {
  B_CASE_ID,
  B_CASE_NAMES,
  LEDGER_EXPECTED,
  LEDGER_PERIOD,
  ledgerDesk,
  readLedger,
  type LedgerResult,
} from '../support/ledger-seed';
import { assertSofficeInstalled, sheetsAsCsv } from '../support/ledger-soffice';

/*
 * 导出工作台账 end to end on a real encrypted desk: the workbook read back with exceljs (sheets, headers,
 * frozen rows, real dates and numbers, masking per role, DV-linked referrals only with DV rights) and
 * converted by LibreOffice headless (the numbers it shows match); every export audited without personal
 * data; a cancelled or failed export leaves no file and no entry.
 */

let d: ArchiveDesk;
const files: Partial<
  Record<'director' | 'counsellorA' | 'counsellorB', { result: LedgerResult; wb: Workbook }>
> = {};

const REGISTERS = ['cases', 'records', 'referrals', 'visits', 'events', 'volunteers'] as const;
const HEADERS = {
  summary: ZH.ledgerSummaryColumns,
  appendixB: ZH.ledgerAppendixBColumns,
  cases: ZH.ledgerCasesColumns,
  records: ZH.ledgerRecordsColumns,
  referrals: ZH.ledgerReferralsColumns,
  visits: ZH.ledgerVisitsColumns,
  events: ZH.ledgerEventsColumns,
  volunteers: ZH.ledgerVolunteersColumns,
} as const;
const headerRowOf = (sheet: LedgerSheet): number => (sheet === 'summary' || sheet === 'appendixB' ? 4 : 1);
const sheetOf = (wb: Workbook, sheet: LedgerSheet): Worksheet => {
  const ws = wb.getWorksheet(ZH.ledgerSheets[sheet]);
  if (!ws) throw new Error(`no sheet ${sheet}`);
  return ws;
};
const column = (sheet: LedgerSheet, key: string): number =>
  (LEDGER_COLUMNS[sheet] as readonly string[]).indexOf(key) + 1;

/** Every cell's text in the workbook, for "never appears" checks. */
function allText(wb: Workbook): string {
  const parts: string[] = [];
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        parts.push(cell.text);
      }),
    ),
  );
  return parts.join('\n');
}

async function exportAs(who: keyof Staff): Promise<{ result: LedgerResult; wb: Workbook }> {
  await signInAs(d.desk, who);
  const result = await d.desk.ok('ledger.export', { ...LEDGER_PERIOD });
  const wb = await readLedger(d, result);
  return { result, wb };
}

beforeAll(async () => {
  assertSofficeInstalled();
  ({ d } = await ledgerDesk());
  files.director = await exportAs('director');
  files.counsellorA = await exportAs('counsellorA');
  files.counsellorB = await exportAs('counsellorB');
}, 120_000);
afterAll(async () => {
  await d.cleanup();
});

describe('the workbook, read back with exceljs', () => {
  it('is named by the period only and written completely (no partial file left)', () => {
    const { result } = files.director!;
    expect(result.cancelled).toBe(false);
    expect(result.fileName).toBe('工作台账-2026-03-01至2026-04-30.xlsx');
    // The second and third exports of the same period did not replace the first.
    expect(files.counsellorA!.result.fileName).toBe('工作台账-2026-03-01至2026-04-30-2.xlsx');
    expect(files.counsellorB!.result.fileName).toBe('工作台账-2026-03-01至2026-04-30-3.xlsx');
    expect(readdirSync(d.stick).filter((f) => f.endsWith('.partial'))).toEqual([]);
    expect(result.bytes).toBeGreaterThan(5_000);
  });

  it('has the sheets in order with Chinese headers, frozen header rows and an autofilter', () => {
    const { wb } = files.director!;
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(LEDGER_SHEETS.map((s) => ZH.ledgerSheets[s]));
    expect(wb.worksheets.map((ws) => ws.name)).toEqual([
      '汇总',
      '辅导服务统计表',
      '案件登记',
      '辅导记录',
      '转介',
      '回访',
      '活动',
      '志愿者',
    ]);
    for (const sheet of LEDGER_SHEETS) {
      const ws = sheetOf(wb, sheet);
      const h = headerRowOf(sheet);
      const headers = (ws.getRow(h).values as unknown[]).slice(1);
      const words = LEDGER_COLUMNS[sheet].map((c) => (HEADERS[sheet] as Record<string, string>)[c]);
      expect(headers, sheet).toEqual(words);
      expect(ws.views[0], sheet).toMatchObject({ state: 'frozen', ySplit: h });
      expect(ws.autoFilter, sheet).toBeTruthy();
      for (let c = 1; c <= LEDGER_COLUMNS[sheet].length; c++) {
        expect(ws.getColumn(c).width, `${sheet} column ${c}`).toBeGreaterThanOrEqual(6);
      }
    }
    expect(sheetOf(wb, 'cases').getRow(1).getCell(1).value).toBe('案件编号');
    expect(sheetOf(wb, 'summary').getRow(1).getCell(1).value).toBe('工作台账');
  });

  it('holds exactly the rows each role may see, and says so in its answer', () => {
    for (const who of ['director', 'counsellorA', 'counsellorB'] as const) {
      const { result, wb } = files[who]!;
      for (const sheet of REGISTERS) {
        const ws = sheetOf(wb, sheet);
        expect(ws.actualRowCount - 1, `${who} ${sheet}`).toBe(LEDGER_EXPECTED[who][sheet]);
        expect(result.rowCounts[sheet], `${who} ${sheet}`).toBe(LEDGER_EXPECTED[who][sheet]);
      }
    }
  });

  it('writes dates as date cells (yyyy-mm-dd) and counts as numbers', () => {
    const { wb } = files.director!;
    const cases = sheetOf(wb, 'cases');
    const received = cases.getRow(2).getCell(column('cases', 'receivedDate'));
    expect(received.type).toBe(ValueType.Date);
    expect(received.value).toEqual(new Date('2026-03-02T00:00:00.000Z'));
    expect(received.numFmt).toBe('yyyy-mm-dd');
    const sessions = cases.getRow(2).getCell(column('cases', 'signedRecords'));
    expect(sessions.type).toBe(ValueType.Number);
    const records = sheetOf(wb, 'records');
    expect(records.getRow(2).getCell(column('records', 'sessionDate')).type).toBe(ValueType.Date);
    const event = sheetOf(wb, 'events').getRow(2);
    expect(event.getCell(column('events', 'date')).value).toEqual(new Date('2026-03-01T00:00:00.000Z'));
    expect(event.getCell(column('events', 'attendeeCount')).value).toBe(30);
    expect(event.getCell(column('events', 'durationHours')).value).toBe(1.5);
    const volunteer = sheetOf(wb, 'volunteers').getRow(2);
    // One signed record naming 周志愿 (60 min) + the 1.5 h event spoken at (90 min).
    expect(volunteer.getCell(column('volunteers', 'sessions')).value).toBe(1);
    expect(volunteer.getCell(column('volunteers', 'eventMinutes')).value).toBe(90);
    expect(volunteer.getCell(column('volunteers', 'serviceMinutes')).value).toBe(150);
    const visit = sheetOf(wb, 'visits').getRow(2);
    expect(visit.getCell(column('visits', 'dueDate')).value).toEqual(new Date('2026-04-02T00:00:00.000Z'));
    expect(visit.getCell(column('visits', 'seq')).type).toBe(ValueType.Number);
  });

  it('masks document numbers for everyone and never carries notes, phones or DV facts', () => {
    for (const who of ['director', 'counsellorA', 'counsellorB'] as const) {
      const text = allText(files[who]!.wb);
      expect(text, who).not.toContain(SECRETS.idNumber);
      expect(text, who).not.toContain(B_CASE_ID);
      expect(text, who).not.toContain(SECRETS.notes);
      expect(text, who).not.toContain(SECRETS.addendum);
      expect(text, who).not.toContain(SECRETS.dvFacts);
      expect(text, who).not.toContain('13900000001');
      expect(text, who).not.toContain('家暴，需出具告诫书');
    }
    const director = allText(files.director!.wb);
    expect(director).toContain(maskResidentId(SECRETS.idNumber));
    expect(director).toContain(maskResidentId(B_CASE_ID));
  });

  it("shows a counsellor only their own cases' people: B's parties are absent from A's ledger", () => {
    const director = allText(files.director!.wb);
    const a = allText(files.counsellorA!.wb);
    const b = allText(files.counsellorB!.wb);
    for (const name of B_CASE_NAMES) {
      expect(director).toContain(name);
      expect(b).toContain(name);
      expect(a).not.toContain(name);
    }
    // A's own DV case: A in charge, B accompanying — both see its parties.
    expect(a).toContain(SECRETS.names[0]);
    expect(b).toContain(SECRETS.names[0]);
  });

  it('lists the DV-linked referral only for users with DV rights', () => {
    const targets = (who: 'director' | 'counsellorA' | 'counsellorB') => {
      const ws = sheetOf(files[who]!.wb, 'referrals');
      const out: string[] = [];
      ws.eachRow((row, n) => {
        if (n > 1) out.push(row.getCell(column('referrals', 'target')).text);
      });
      return out.sort();
    };
    const police = ZH.referralTargets.police;
    const legal = ZH.referralTargets.legal_aid;
    expect(targets('director')).toEqual([police, legal].sort());
    expect(targets('counsellorA')).toEqual([police, legal].sort());
    expect(targets('counsellorB')).toEqual([legal]);
  });

  it('puts the indicators with their definitions on the summary sheet', () => {
    const ws = sheetOf(files.director!.wb, 'summary');
    const byName = new Map<string, { value: unknown; definition: string }>();
    ws.eachRow((row, n) => {
      if (n > 4)
        byName.set(row.getCell(1).text, { value: row.getCell(2).value, definition: row.getCell(4).text });
    });
    // Three divorce-adjustment cases first counselled in the period: 表示和好, 暂缓离婚, 选择离婚.
    expect(byName.get('辅导对数')?.value).toBe(3);
    expect(byName.get('表示和好')?.value).toBe(1);
    expect(byName.get('受理离婚登记申请')?.value).toBe(4);
    expect(byName.get('辅导人次（记录数）')?.value).toBe(3);
    expect(byName.get('劝和率（仅表示和好）')?.value).toBeCloseTo(1 / 3, 10);
    expect(byName.get('劝和率（含暂缓、撤回）')?.value).toBeCloseTo(2 / 3, 10);
    expect(byName.get('辅导对数')?.definition).toBe(ZH.statisticsDefinitions.counselled);
    expect(byName.get('活动人次')?.value).toBe(30);
  });
});

describe('the workbook, converted by LibreOffice headless', () => {
  it('shows the same rows and numbers in every sheet', () => {
    const { result } = files.director!;
    const csv = sheetsAsCsv(join(d.stick, result.fileName!));
    expect([...csv.keys()].sort()).toEqual(LEDGER_SHEETS.map((s) => ZH.ledgerSheets[s]).sort());
    const rows = (sheet: LedgerSheet) => {
      const all = csv.get(ZH.ledgerSheets[sheet]) ?? [];
      return all.slice(headerRowOf(sheet)).filter((r) => r.some((c) => c !== ''));
    };
    for (const sheet of REGISTERS) expect(rows(sheet).length, sheet).toBe(LEDGER_EXPECTED.director[sheet]);
    const get = (sheet: LedgerSheet, row: string[], key: string) => row[column(sheet, key) - 1];
    // Dates as the user sees them, numbers as numbers.
    expect(rows('cases').map((r) => get('cases', r, 'receivedDate'))).toEqual([
      '2026-03-02',
      '2026-03-02',
      '2026-03-02',
      '2026-03-02',
    ]);
    const event = rows('events')[0]!;
    expect(get('events', event, 'attendeeCount')).toBe('30');
    expect(get('events', event, 'durationHours')).toBe('1.5');
    expect(get('volunteers', rows('volunteers')[0]!, 'serviceMinutes')).toBe('150');
    // The summary's rates as percentages with one decimal (exact fractions underneath).
    const summary = new Map(rows('summary').map((r) => [r[0], r[1]]));
    expect(summary.get('辅导对数')).toBe('3');
    expect(summary.get('劝和率（仅表示和好）')).toBe('33.3%');
    expect(summary.get('劝和率（含暂缓、撤回）')).toBe('66.7%');
    expect(summary.get('辅导率')).toBe('75.0%');
    // Appendix B: sessions by channel add up to the records sheet's rows.
    const form = rows('appendixB');
    const cell = (item: string, category: string) =>
      form.find((r) => r[0] === item && r[1] === category)?.[2];
    expect(cell(ZH.ledgerTexts.itemSessions, ZH.channels.face_to_face)).toBe('2');
    expect(cell(ZH.ledgerTexts.itemSessions, ZH.channels.voice)).toBe('1');
    expect(cell(ZH.ledgerTexts.itemSessions, ZH.ledgerTexts.total)).toBe(String(rows('records').length));
    expect(cell(ZH.ledgerTexts.itemCounselled, ZH.caseTypes.divorce_adjustment)).toBe('3');
    expect(cell(ZH.ledgerTexts.itemResults, ZH.results.reconcile)).toBe('1');
    expect(cell(ZH.ledgerTexts.itemSatisfaction, ZH.satisfaction.basic)).toBe('1');
  }, 120_000);
});

describe('auditing and failures', () => {
  it('audits every export with the file name, the period and counts — no personal data', async () => {
    await signInAs(d.desk, 'director');
    const audit = await d.desk.ok('audit.list', { action: 'ledger.exported', page: 1, pageSize: 50 });
    expect(audit.rows).toHaveLength(3);
    const mine = audit.rows.find((e) => e.detail['fileName'] === files.director!.result.fileName);
    expect(mine?.detail).toMatchObject({
      from: '2026-03-01',
      to: '2026-04-30',
      count: LEDGER_EXPECTED.director.cases,
    });
    const text = JSON.stringify(audit.rows);
    for (const name of [...SECRETS.names, ...B_CASE_NAMES]) expect(text).not.toContain(name);
  });

  it('writes nothing and audits nothing when the folder dialog is cancelled', async () => {
    await signInAs(d.desk, 'director');
    const before = readdirSync(d.stick).length;
    d.setFolder(null);
    const result = await d.desk.ok('ledger.export', { ...LEDGER_PERIOD });
    d.setFolder(d.stick);
    expect(result).toMatchObject({ cancelled: true, fileName: null });
    expect(readdirSync(d.stick).length).toBe(before);
    const audit = await d.desk.ok('audit.list', { action: 'ledger.exported', page: 1, pageSize: 50 });
    expect(audit.rows).toHaveLength(3);
  });

  it('answers a localized error for a folder that is gone, and leaves nothing', async () => {
    await signInAs(d.desk, 'director');
    const gone = join(d.stick, 'pulled-out');
    d.setFolder(gone);
    const error = await d.desk.fails('ledger.export', { ...LEDGER_PERIOD });
    d.setFolder(d.stick);
    expect(error.code).toBe('LEDGER_FOLDER_UNAVAILABLE');
    expect(error.message).toContain('无法写入所选文件夹');
    expect(existsSync(gone)).toBe(false);
  });

  it('answers LEDGER_DISK_FULL on a full disk and leaves no partial file (tmpfs; root only)', async () => {
    await signInAs(d.desk, 'director');
    const small = join(d.stick, 'small');
    mkdirSync(small);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8k', 'tmpfs', small], { stdio: 'pipe' });
    } catch {
      // No mount here (not root, or no CAP_SYS_ADMIN): the mapping is what stands for the disk.
      expect(ledgerWriteError(Object.assign(new Error('x'), { code: 'ENOSPC' })).code).toBe(
        'LEDGER_DISK_FULL',
      );
      return;
    }
    try {
      d.setFolder(small);
      const error = await d.desk.fails('ledger.export', { ...LEDGER_PERIOD });
      expect(error.code).toBe('LEDGER_DISK_FULL');
      expect(error.message).toContain('空间不足');
      expect(readdirSync(small)).toEqual([]);
    } finally {
      d.setFolder(d.stick);
      execFileSync('umount', [small]);
    }
  });

  it('refuses a period that ends before it starts', async () => {
    await signInAs(d.desk, 'director');
    const error = await d.desk.fails('ledger.export', { from: '2026-04-01', to: '2026-03-01' });
    expect(error.code).toBe('VALIDATION');
    // None of the refused or failed exports above was audited.
    const audit = await d.desk.ok('audit.list', { action: 'ledger.exported', page: 1, pageSize: 50 });
    expect(audit.rows).toHaveLength(3);
  });
});
