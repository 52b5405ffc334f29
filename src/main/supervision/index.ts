export { supervisionHandlers } from './handlers';
export { openItemsFor, orderByDue } from './supervision.repository';
export { compareItems, itemTiming } from './supervision.service';
export type { SupervisionTables } from './supervision.table';
