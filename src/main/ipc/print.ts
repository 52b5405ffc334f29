import { printCaseSummary, printRecord, printReferralLetter } from '../print/service';
import type { DomainHandlers } from './handler';

export const printHandlers = {
  'print.recordPdf': (input, ctx) => printRecord(ctx, input.recordId),
  'print.caseSummaryPdf': (input, ctx) => printCaseSummary(ctx, input.caseId),
  'print.referralLetterPdf': (input, ctx) => printReferralLetter(ctx, input.referralId),
} satisfies DomainHandlers<'print'>;
