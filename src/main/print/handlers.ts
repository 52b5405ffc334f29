import { printCaseSummary, printRecord, printReferralLetter } from './service';
import type { DomainHandlers } from '../ipc';

export const printHandlers = {
  'print.recordPdf': (input, ctx) => printRecord(ctx, input.recordId),
  'print.caseSummaryPdf': (input, ctx) => printCaseSummary(ctx, input.caseId),
  'print.referralLetterPdf': (input, ctx) => printReferralLetter(ctx, input.referralId),
} satisfies DomainHandlers<'print'>;
