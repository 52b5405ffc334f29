import { channel, type ChannelSpec } from '../ipc';
import { LedgerExportInputSchema, LedgerExportResultSchema } from './schemas';

/**
 * 'ledger.*' (the workbook: docs/ledger-format.md). `ledger.export` reads the period's registers as the
 * caller may see them (a counsellor: their own cases; document numbers masked; DV-linked referrals only with
 * DV rights; never a note), asks the platform for a folder (cancelled → `cancelled: true`, nothing written),
 * writes `工作台账-{from}至{to}.xlsx` safely (temporary name, fsync, rename) and audits `ledger.exported`.
 * Errors: VALIDATION (`to` before `from`, or a period of ten years or more), LEDGER_FOLDER_UNAVAILABLE, LEDGER_DISK_FULL,
 * LEDGER_WRITE_FAILED — no file is left behind and nothing is audited.
 */
export const ledgerContract = {
  'ledger.export': channel({
    input: LedgerExportInputSchema,
    output: LedgerExportResultSchema,
    access: 'cases.work',
  }),
} as const satisfies Record<string, ChannelSpec>;
