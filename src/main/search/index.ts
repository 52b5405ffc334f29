export { searchHandlers } from './handlers';
export { registerSearchIndexing } from './search-index';
export type { SearchTables } from './search.table';
