export { bit } from './schema';
export { currentVersion, latestSchemaVersion, migrateToLatest } from './migrator';
export type { Bool01, DB, Db, RemovableColumns, SyncedColumns } from './schema';
