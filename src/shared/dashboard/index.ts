export { dashboardContract } from './contract';
export type { Dashboard } from './schemas';
