export { familiesHandlers } from './handlers';
export type { FamiliesTables } from './families.table';
