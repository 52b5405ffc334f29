export { statisticsHandlers } from './handlers';
export { listIndicator } from './list.service';
export { computeFigures, getFigures } from './statistics.service';
export type { StatisticsTables } from './snapshots.table';
