export { findVisibleDisclosureOrThrow } from './dv';
export type { DvTables } from './dv.table';
export { dvHandlers } from './handlers';
