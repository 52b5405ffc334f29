import { searchCases } from '../services/search';
import type { DomainHandlers } from './handler';

export const searchHandlers = {
  'search.cases': (input, ctx) => searchCases(ctx, input),
} satisfies DomainHandlers<'search'>;
