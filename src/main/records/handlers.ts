import { addAddendum, getRecord, listRecords, saveDraft, signRecord } from './records';
import type { DomainHandlers } from '../ipc';

export const recordsHandlers = {
  'records.list': (input, ctx) => listRecords(ctx, input.caseId),
  'records.get': (input, ctx) => getRecord(ctx, input.recordId),
  'records.saveDraft': (input, ctx) => saveDraft(ctx, input),
  'records.sign': (input, ctx) => signRecord(ctx, input.recordId),
  'records.addAddendum': (input, ctx) => addAddendum(ctx, input),
} satisfies DomainHandlers<'records'>;
