import type { DomainHandlers } from '../dispatcher';
import {
  caseSummaryJob,
  eventSignInSheetJob,
  printJob,
  recordJob,
  referralLetterJob,
  statisticsReportJob,
  visitPacketJob,
} from './service';

export const printHandlers = {
  'print.recordPdf': async (input, call) => printJob(call, await recordJob(call, input.recordId)),
  'print.caseSummaryPdf': async (input, call) => printJob(call, await caseSummaryJob(call, input.caseId)),
  'print.referralLetterPdf': async (input, call) =>
    printJob(call, await referralLetterJob(call, input.referralId)),
  'print.visitPacketPdf': async (input, call) => printJob(call, await visitPacketJob(call, input.visitId)),
  'print.eventSignInSheetPdf': async (input, call) =>
    printJob(call, await eventSignInSheetJob(call, input.eventId)),
  'print.statisticsReportPdf': async (input, call) => printJob(call, await statisticsReportJob(call, input)),
} satisfies DomainHandlers<'print'>;
