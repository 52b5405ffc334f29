export { bit } from './schema';
export { migrateToLatest } from './migrator';
export type { Bool01, DB, Db, RemovableColumns, SyncedColumns } from './schema';
