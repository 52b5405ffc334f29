import type { DomainHandlers } from '../dispatcher';
import { createDisclosure, listDisclosures, recordMandatoryReport, updateDisclosure } from './dv.service';

export const dvHandlers = {
  'dv.list': (input, call) => listDisclosures(call, input.caseId),
  'dv.create': (input, call) => createDisclosure(call, input),
  'dv.update': (input, call) => updateDisclosure(call, input),
  'dv.recordMandatoryReport': (input, call) => recordMandatoryReport(call, input),
} satisfies DomainHandlers<'dv'>;
