export { dashboardContract } from './contract';
export { DASHBOARD_FIRST_ROWS } from './schemas';
export type { Dashboard } from './schemas';
