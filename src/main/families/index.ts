export { nextArchiveNumber } from './families.repository';
export { familiesHandlers } from './handlers';
export type { FamiliesTables } from './families.table';
