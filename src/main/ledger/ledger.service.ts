import { localDateAt } from '../../shared/calendar';
import type { LedgerExportInput, LedgerExportResult, LedgerRowCounts } from '../../shared/ledger';
import { formSheets, ledgerWorkbook } from '../../shared/documents';
import type { Figures } from '../../shared/statistics';
import { actorOf, appendAudit } from '../audit';
import { inTransaction, type ReadCall, type WriteCall } from '../desk';
import { displayNames } from '../users';
import { assertWritableFolder, freeName, writeFileSafely } from './file';
import type { LedgerScope } from './ledger.repository';
import { readRegisters, registerSheets } from './registers';

/*
 * 导出工作台账 (docs/ledger-format.md). The folder first (a cancel costs nothing), then every register and
 * the figures read in ONE short read transaction (one consistent picture of the store), the workbook built
 * and written with no transaction open, then the export audited — ids, dates, counts and the file name only.
 */

/** The summary sheet's figures for the call's user and period (the indicators of docs/indicators.md). */
export type FiguresSource = (
  call: WriteCall,
  input: { from: string; to: string; counsellorId: string | null },
  today: string,
) => Promise<Figures>;

const emptyCounts = (): LedgerRowCounts => ({
  summary: 0,
  appendixB: 0,
  cases: 0,
  records: 0,
  referrals: 0,
  visits: 0,
  events: 0,
  volunteers: 0,
});

/** `工作台账-2026-01-01至2026-03-31`: the period only, never who or whose. */
export function ledgerFileStem(from: string, to: string): string {
  return `工作台账-${from}至${to}`;
}

export async function exportLedger(
  call: ReadCall,
  input: LedgerExportInput,
  figuresOf: FiguresSource,
): Promise<LedgerExportResult> {
  const today = localDateAt(call.now);
  const folder = await call.ctx.chooseFolder('ledger-export');
  if (folder === null)
    return { cancelled: true, fileName: null, folder: null, rowCounts: emptyCounts(), bytes: 0 };
  await assertWritableFolder(folder);

  const scope: LedgerScope = {
    user: call.user,
    from: input.from,
    to: input.to,
    counsellorId: input.counsellorId,
    today,
  };
  const read = await inTransaction(call, async (c) => ({
    registers: await readRegisters(c.db, scope),
    figures: await figuresOf(c, input, today),
    counsellor: input.counsellorId
      ? ((await displayNames(c.db, [input.counsellorId])).get(input.counsellorId) ?? '')
      : null,
  }));
  const forms = formSheets(
    {
      office: call.open.settings.office.centreName,
      from: input.from,
      to: input.to,
      scope: { counsellor: read.counsellor },
    },
    read.figures,
  );
  const sheets = [...forms, ...registerSheets(read.registers)];
  const rowCounts = emptyCounts();
  for (const s of sheets) rowCounts[s.sheet] = s.rows.length;
  const bytes = await ledgerWorkbook(sheets, call.now);

  const fileName = await freeName(folder, ledgerFileStem(input.from, input.to), '.xlsx');
  const size = await writeFileSafely(folder, fileName, bytes);
  await inTransaction(call, (c) =>
    appendAudit(
      c.db,
      {
        ...actorOf(c.user),
        action: 'ledger.exported',
        detail: {
          fileName,
          from: input.from,
          to: input.to,
          userId: input.counsellorId,
          count: rowCounts.cases,
          rows: Object.values(rowCounts).reduce((n, v) => n + v, 0),
        },
      },
      c.ctx.clock.now(),
    ),
  );
  return { cancelled: false, fileName, folder, rowCounts, bytes: size };
}
