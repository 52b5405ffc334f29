import type { DomainHandlers } from '../dispatcher';
import { activeCounsellors } from '../users';
import { createCase, getCase, recordConsent } from './cases.service';
import { listCases } from './list';
import { transitionCase } from './registration';
import { updateCase } from './update';

export const casesHandlers = {
  'cases.create': (input, call) => createCase(call, input),
  'cases.get': (input, call) => getCase(call, input.caseId),
  'cases.update': (input, call) => updateCase(call, input),
  'cases.list': (input, call) => listCases(call, input),
  'cases.recordConsent': (input, call) => recordConsent(call, input),
  'cases.transition': (input, call) => transitionCase(call, input),
  'cases.counsellors': (_input, call) => activeCounsellors(call.db),
} satisfies DomainHandlers<'cases'>;
