import { z } from 'zod';
import { StatisticsInputSchema } from '../statistics';

/*
 * The work ledger (工作台账, docs/ledger-format.md): one .xlsx workbook per export, a sheet per register of
 * the period plus the indicators and the MZ/T 084—2017 appendix B statistics form.
 */

/** The workbook's sheets, in order (their Chinese names are in the label catalogue, `ledgerSheets`). */
export const LEDGER_SHEETS = [
  'summary',
  'appendixB',
  'cases',
  'records',
  'referrals',
  'visits',
  'events',
  'volunteers',
] as const;
export const LedgerSheetSchema = z.enum(LEDGER_SHEETS);
export type LedgerSheet = z.infer<typeof LedgerSheetSchema>;

/**
 * The period (office-local dates, both inclusive; docs/indicators.md "The period") and, optionally, one
 * counsellor in charge whose cases (and visits) the ledger is narrowed to — the 统计 page's own input, so
 * the same period rule applies.
 */
export const LedgerExportInputSchema = StatisticsInputSchema;
export type LedgerExportInput = z.output<typeof LedgerExportInputSchema>;

/** How many data rows each register sheet holds (the summary and appendix B: their figure rows). */
export const LedgerRowCountsSchema = z.object({
  summary: z.number().int().min(0),
  appendixB: z.number().int().min(0),
  cases: z.number().int().min(0),
  records: z.number().int().min(0),
  referrals: z.number().int().min(0),
  visits: z.number().int().min(0),
  events: z.number().int().min(0),
  volunteers: z.number().int().min(0),
}) satisfies z.ZodType<Record<LedgerSheet, number>>;
export type LedgerRowCounts = z.infer<typeof LedgerRowCountsSchema>;

export const LedgerExportResultSchema = z.object({
  /** The folder dialog was cancelled: nothing was written, nothing audited. */
  cancelled: z.boolean(),
  /** `工作台账-{from}至{to}.xlsx` (or `-2`, `-3` … when taken): no personal data. */
  fileName: z.string().nullable(),
  /** Where it was written, shown to the user who chose it (never audited). */
  folder: z.string().nullable(),
  rowCounts: LedgerRowCountsSchema,
  bytes: z.number().int().min(0),
});
export type LedgerExportResult = z.infer<typeof LedgerExportResultSchema>;
