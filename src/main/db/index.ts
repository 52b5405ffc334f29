export { migrateToLatest } from './migrator';
export type { Bool01, DB, SyncedColumns } from './schema';
