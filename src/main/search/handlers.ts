import type { DomainHandlers } from '../dispatcher';
import { searchCases } from './search';

export const searchHandlers = {
  'search.cases': (input, call) => searchCases(call, input),
} satisfies DomainHandlers<'search'>;
