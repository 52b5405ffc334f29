import { DomainError } from '../../shared/errors';
import type { DomainHandlers } from '../dispatcher';
import { caseSummaryJob, printJob, recordJob, referralLetterJob } from './service';

export const printHandlers = {
  'print.recordPdf': async (input, call) => printJob(call, await recordJob(call, input.recordId)),
  'print.caseSummaryPdf': async (input, call) => printJob(call, await caseSummaryJob(call, input.caseId)),
  'print.referralLetterPdf': async (input, call) =>
    printJob(call, await referralLetterJob(call, input.referralId)),
  // SCAFFOLD (issue 9, being built): replaced before this lands.
  'print.visitPacketPdf': () => {
    throw new DomainError('INTERNAL');
  },
  'print.eventSignInSheetPdf': () => {
    throw new DomainError('INTERNAL');
  },
} satisfies DomainHandlers<'print'>;
