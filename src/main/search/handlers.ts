import type { DomainHandlers } from '../dispatcher';
import { searchCases } from './search';

export const searchHandlers = {
  'search.cases': (input, call) => searchCases(call, input),
  'search.indexProgress': async (_input, { ctx }) => ctx.progress.searchIndex.current,
} satisfies DomainHandlers<'search'>;
