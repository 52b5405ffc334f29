export { countDisclosures, findVisibleDisclosureOrThrow } from './dv.repository';
export type { DvTables } from './dv.table';
export { dvHandlers } from './handlers';
