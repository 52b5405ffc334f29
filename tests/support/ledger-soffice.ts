import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { tempDir } from './tmp';

/*
 * LibreOffice headless as a second, independent reader of the exported ledger: it converts every sheet of
 * the workbook to CSV (formatted text, as a user sees the cells). Missing soffice is a failure with a clear
 * message, never a skip: .ci/run installs it (libreoffice-calc-nogui).
 */

const SOFFICE = process.env['COUNSELDESK_SOFFICE'] ?? '/usr/bin/soffice';

export function assertSofficeInstalled(): void {
  const probe = spawnSync(SOFFICE, ['--version'], { encoding: 'utf8', timeout: 60_000 });
  if (probe.status !== 0) {
    throw new Error(
      `LibreOffice headless (${SOFFICE}) is needed to check the ledger workbook: ` +
        'apt-get install libreoffice-calc-nogui (.ci/run installs it).',
    );
  }
}

/** A tiny CSV parser (RFC 4180: quoted fields, doubled quotes, newlines inside quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * Every sheet of `xlsxPath` as CSV rows, keyed by sheet name: soffice --convert-to csv with the filter's
 * 12th token -1 ("each sheet to its own file": `<stem>-<sheet>.csv`), UTF-8 (76), comma-separated (44),
 * cells as shown (token 9 true).
 */
export function sheetsAsCsv(xlsxPath: string): Map<string, string[][]> {
  const tmp = tempDir('counseldesk-soffice-');
  try {
    const input = join(tmp.dir, 'ledger.xlsx');
    copyFileSync(xlsxPath, input);
    const out = join(tmp.dir, 'out');
    mkdirSync(out);
    execFileSync(
      SOFFICE,
      [
        `-env:UserInstallation=file://${join(tmp.dir, 'profile')}`,
        '--headless',
        '--convert-to',
        'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1',
        '--outdir',
        out,
        input,
      ],
      { stdio: 'pipe', timeout: 120_000 },
    );
    const sheets = new Map<string, string[][]>();
    for (const file of readdirSync(out)) {
      const m = /^ledger-(.+)\.csv$/.exec(basename(file));
      if (m) sheets.set(m[1] as string, parseCsv(readFileSync(join(out, file), 'utf8')));
    }
    return sheets;
  } finally {
    tmp.cleanup();
  }
}
