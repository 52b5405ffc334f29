import { listCases } from './list';
import { createCase, getCase, listCounsellors, recordConsent } from './cases';
import { updateCase } from './update';
import { transitionCase } from './registration';
import type { DomainHandlers } from '../ipc';

export const casesHandlers = {
  'cases.create': (input, ctx) => createCase(ctx, input),
  'cases.get': (input, ctx) => getCase(ctx, input.caseId),
  'cases.update': (input, ctx) => updateCase(ctx, input),
  'cases.list': (input, ctx) => listCases(ctx, input),
  'cases.recordConsent': (input, ctx) => recordConsent(ctx, input),
  'cases.transition': (input, ctx) => transitionCase(ctx, input),
  'cases.counsellors': (_input, ctx) => listCounsellors(ctx),
} satisfies DomainHandlers<'cases'>;
