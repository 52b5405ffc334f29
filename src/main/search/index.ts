export { searchHandlers } from './handlers';
export { rebuildSearchIndex, registerSearchIndexing, reindexCases } from './search-index';
export type { SearchTables } from './search.table';
