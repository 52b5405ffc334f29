export { searchHandlers } from './handlers';
export {
  indexCaseSources,
  rebuildSearchIndex,
  registerSearchIndexing,
  reindexCases,
  type CaseSearchSource,
} from './search-index';
export type { SearchTables } from './search.table';
