export { ledgerContract } from './contract';
export {
  LEDGER_SHEETS,
  LedgerExportInputSchema,
  LedgerExportResultSchema,
  LedgerRowCountsSchema,
  LedgerSheetSchema,
} from './schemas';
export type { LedgerExportInput, LedgerExportResult, LedgerRowCounts, LedgerSheet } from './schemas';
export { LEDGER_COLUMNS, LEDGER_TEXTS, LEDGER_UNITS, LEDGER_YES_NO } from './columns';
export type {
  LedgerColumnKey,
  LedgerColumnOf,
  LedgerColumns,
  LedgerText,
  LedgerUnit,
  LedgerYesNo,
} from './columns';
