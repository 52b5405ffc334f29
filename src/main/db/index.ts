export { bit } from './schema';
export { migrateToLatest } from './migrator';
export type { Bool01, DB, Db, SyncedColumns } from './schema';
