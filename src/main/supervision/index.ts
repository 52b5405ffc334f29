export { supervisionHandlers } from './handlers';
export { compareItems, itemTiming } from './supervision';
export type { SupervisionTables } from './supervision.table';
