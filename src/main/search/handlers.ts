import { searchCases } from './search';
import type { DomainHandlers } from '../ipc';

export const searchHandlers = {
  'search.cases': (input, ctx) => searchCases(ctx, input),
} satisfies DomainHandlers<'search'>;
