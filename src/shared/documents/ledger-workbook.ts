// exceljs is CommonJS: its default export, so the ESM bundles (the crash test's child) load it too.
import ExcelJS, { type Row, type Style, type Workbook, type Worksheet } from 'exceljs';
import { LEDGER_COLUMNS, type LedgerSheet } from '../ledger';
import { ZH } from './chinese';

/*
 * The workbook writer (docs/ledger-format.md): every sheet has its header on one row, frozen, with an
 * autofilter; dates are real Excel dates (a date cell formatted yyyy-mm-dd), numbers are numbers, rates are
 * fractions formatted as percentages. It knows nothing of the store: the service hands it the rows.
 */

/** An office-local calendar date, written as an Excel date (not as text). */
export interface LedgerDate {
  readonly date: string;
}
/** A fraction shown as a percentage with one decimal (Excel rounds half away from zero, i.e. half up). */
export interface LedgerPercent {
  readonly percent: number;
}
export type LedgerCell = string | number | LedgerDate | LedgerPercent | null;

export const asDate = (date: string | null | undefined): LedgerDate | null => (date ? { date } : null);

/** A sheet as the writer takes it: rows in the order of LEDGER_COLUMNS[sheet], plus optional title lines. */
export interface LedgerSheetData {
  sheet: LedgerSheet;
  /** Lines above the header (a form's title, its office and period), one merged cell each. */
  title: readonly string[];
  rows: readonly (readonly LedgerCell[])[];
}

/**
 * A sheet whose columns are known only when it is written — the county's 各站汇总, one column per
 * station. Written like the others: title lines, one frozen header row with an autofilter.
 */
export interface LedgerMatrixSheetData {
  name: string;
  headers: readonly string[];
  title: readonly string[];
  rows: readonly (readonly LedgerCell[])[];
}

/** Each sheet's column headers (the label catalogue, in Chinese). */
const HEADERS = {
  summary: ZH.ledgerSummaryColumns,
  appendixB: ZH.ledgerAppendixBColumns,
  cases: ZH.ledgerCasesColumns,
  records: ZH.ledgerRecordsColumns,
  referrals: ZH.ledgerReferralsColumns,
  visits: ZH.ledgerVisitsColumns,
  events: ZH.ledgerEventsColumns,
  volunteers: ZH.ledgerVolunteersColumns,
} satisfies Record<LedgerSheet, Readonly<Record<string, string>>>;

const DATE_FORMAT = 'yyyy-mm-dd';
const PERCENT_FORMAT = '0.0%';
const DATE_STYLE: Partial<Style> = { numFmt: DATE_FORMAT };
const PERCENT_STYLE: Partial<Style> = { numFmt: PERCENT_FORMAT };
const MIN_WIDTH = 6;
const MAX_WIDTH = 60;
/** How many rows the column widths are measured on (the header and the first rows; enough to be sensible). */
const MEASURED_ROWS = 500;

/** Display width of a text: CJK and full-width characters take two columns. */
function textWidth(text: string): number {
  let w = 0;
  for (const ch of text)
    w +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        ch,
      )
        ? 2
        : 1;
  return w;
}

function cellWidth(cell: LedgerCell): number {
  if (cell === null) return 0;
  if (typeof cell === 'string') return textWidth(cell);
  if (typeof cell === 'number') return String(cell).length;
  if ('date' in cell) return 10;
  return 6;
}

function excelValue(cell: LedgerCell): string | number | Date | null {
  if (cell === null || typeof cell === 'string' || typeof cell === 'number') return cell;
  if ('date' in cell) {
    const [y, m, d] = cell.date.split('-').map(Number) as [number, number, number];
    // exceljs turns a Date into the Excel serial by its UTC value: midnight UTC is the whole day.
    return new Date(Date.UTC(y, m - 1, d));
  }
  return cell.percent;
}

/** A sheet's name and column headers (the label catalogue's, or a matrix sheet's own). */
function headingsOf(data: LedgerSheetData | LedgerMatrixSheetData): { name: string; headers: string[] } {
  if ('name' in data) return { name: data.name, headers: [...data.headers] };
  const words: Readonly<Record<string, string>> = HEADERS[data.sheet];
  return {
    name: ZH.ledgerSheets[data.sheet],
    headers: LEDGER_COLUMNS[data.sheet].map((c) => words[c] ?? c),
  };
}

function addSheet(wb: Workbook, data: LedgerSheetData | LedgerMatrixSheetData): Worksheet {
  const { name, headers } = headingsOf(data);
  const headerRow = data.title.length + 1;
  const ws = wb.addWorksheet(name, {
    views: [
      {
        state: 'frozen',
        xSplit: 0,
        ySplit: headerRow,
        topLeftCell: `A${headerRow + 1}`,
        activeCell: `A${headerRow + 1}`,
      },
    ],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  data.title.forEach((line, i) => {
    const row = ws.getRow(i + 1);
    row.getCell(1).value = line;
    row.font = i === 0 ? { bold: true, size: 14 } : { size: 11 };
    ws.mergeCells(i + 1, 1, i + 1, headers.length);
  });
  const header = ws.getRow(headerRow);
  headers.forEach((h, i) => (header.getCell(i + 1).value = h));
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center' };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };

  const widths = headers.map(textWidth);
  // Values first (one addRows), then the date and percent formats as one shared style object per kind.
  ws.addRows(data.rows.map((cells) => cells.map(excelValue)));
  data.rows.forEach((cells, r) => {
    let row: Row | null = null;
    cells.forEach((cell, c) => {
      if (r < MEASURED_ROWS) widths[c] = Math.max(widths[c] ?? 0, cellWidth(cell));
      if (cell === null || typeof cell !== 'object') return;
      row ??= ws.getRow(headerRow + 1 + r);
      row.getCell(c + 1).style = 'date' in cell ? DATE_STYLE : PERCENT_STYLE;
    });
  });
  headers.forEach((_h, i) => {
    ws.getColumn(i + 1).width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, (widths[i] ?? 0) + 2));
  });
  ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: headers.length } };
  return ws;
}

/** The workbook as .xlsx bytes; its properties name the product, never a user. */
export async function ledgerWorkbook(
  sheets: readonly (LedgerSheetData | LedgerMatrixSheetData)[],
  createdAt: Date,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '婚姻家庭辅导工作台';
  wb.lastModifiedBy = '婚姻家庭辅导工作台';
  wb.title = '工作台账';
  wb.created = createdAt;
  wb.modified = createdAt;
  for (const s of sheets) addSheet(wb, s);
  // Deflate level 1: JSZip compresses in JavaScript, and at a year's 30,000 rows level 6 takes half again as
  // long for a file only a quarter smaller.
  const out = await wb.xlsx.writeBuffer({
    zip: { compression: 'DEFLATE', compressionOptions: { level: 1 } },
  });
  return Buffer.from(out);
}
