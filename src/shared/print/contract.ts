import { z } from 'zod';
import { channel, type ChannelSpec } from '../ipc';
import { StatisticsInputSchema } from '../statistics';

/**
 * A generated PDF. The file name carries only the document kind and office numbers (case number, record
 * date, referral reference) — never a name or anything else personal, since file names leak into
 * download folders, recent-file lists and backups.
 */
export const PdfFileSchema = z.object({
  fileName: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]*\.pdf$/),
  pdfBase64: z.string().min(1),
});
export type PdfFile = z.infer<typeof PdfFileSchema>;

/**
 * 'print.*' channels (docs/domain.md "Printing"). Each print is audited ('record.printed', 'case.printed',
 * 'referral.letter_printed', 'followup.packet_printed',
 * 'event.sign_in_printed', 'statistics.report_printed').
 */
export const printContract = {
  /** The counselling record form (MZ/T 084—2017 appendix D), with its addenda, A4. */
  'print.recordPdf': channel({
    input: z.object({ recordId: z.string().uuid() }),
    output: PdfFileSchema,
    access: 'cases.work',
  }),
  /** Case summary: parties, timeline, status, records list, referrals. No DV details; a DV case hides address and phone. */
  'print.caseSummaryPdf': channel({
    input: z.object({ caseId: z.string().uuid() }),
    output: PdfFileSchema,
    access: 'cases.work',
  }),
  /** The referral letter (转介函) with its reference number. */
  'print.referralLetterPdf': channel({
    input: z.object({ referralId: z.string().uuid() }),
    output: PdfFileSchema,
    access: 'cases.work',
  }),
  /** A volunteer's visit packet (their own visits only): no ID number, note or DV detail. */
  'print.visitPacketPdf': channel({
    input: z.object({ visitId: z.string().uuid() }),
    output: PdfFileSchema,
    access: 'followups.visit',
  }),
  /** An outreach event's sign-in sheet (签到表), with blank rows for the attendees. */
  'print.eventSignInSheetPdf': channel({
    input: z.object({ eventId: z.string().uuid() }),
    output: PdfFileSchema,
    access: 'events.manage',
  }),
  /**
   * The statistics report (统计月报 / 季报 / 年报) of a period: the 统计 page's figures for the same scope,
   * its charts and every indicator's definition (docs/indicators.md). Counts only.
   */
  'print.statisticsReportPdf': channel({
    input: StatisticsInputSchema,
    output: PdfFileSchema,
    access: 'cases.work',
  }),
} as const satisfies Record<string, ChannelSpec>;
