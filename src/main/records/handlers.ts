import type { DomainHandlers } from '../dispatcher';
import { addAddendum, getRecord, listRecords, saveDraft, signRecord } from './records.service';

export const recordsHandlers = {
  'records.list': (input, call) => listRecords(call, input.caseId),
  'records.get': (input, call) => getRecord(call, input.recordId),
  'records.saveDraft': (input, call) => saveDraft(call, input),
  'records.sign': (input, call) => signRecord(call, input),
  'records.addAddendum': (input, call) => addAddendum(call, input),
} satisfies DomainHandlers<'records'>;
