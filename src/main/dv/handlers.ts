import { createDisclosure, listDisclosures, recordMandatoryReport, updateDisclosure } from './dv';
import type { DomainHandlers } from '../ipc';

export const dvHandlers = {
  'dv.list': (input, ctx) => listDisclosures(ctx, input.caseId),
  'dv.create': (input, ctx) => createDisclosure(ctx, input),
  'dv.update': (input, ctx) => updateDisclosure(ctx, input),
  'dv.recordMandatoryReport': (input, ctx) => recordMandatoryReport(ctx, input),
} satisfies DomainHandlers<'dv'>;
