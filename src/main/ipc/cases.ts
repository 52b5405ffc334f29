import { listCases } from '../services/case-list';
import { createCase, getCase, listCounsellors, recordConsent } from '../services/cases';
import { updateCase } from '../services/case-update';
import { transitionCase } from '../services/registration';
import type { DomainHandlers } from './handler';

export const casesHandlers = {
  'cases.create': (input, ctx) => createCase(ctx, input),
  'cases.get': (input, ctx) => getCase(ctx, input.caseId),
  'cases.update': (input, ctx) => updateCase(ctx, input),
  'cases.list': (input, ctx) => listCases(ctx, input),
  'cases.recordConsent': (input, ctx) => recordConsent(ctx, input),
  'cases.transition': (input, ctx) => transitionCase(ctx, input),
  'cases.counsellors': (_input, ctx) => listCounsellors(ctx),
} satisfies DomainHandlers<'cases'>;
