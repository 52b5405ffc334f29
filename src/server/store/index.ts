export {
  addDevice,
  auditCounty,
  encryptSqliteFile,
  isPlainSqliteFile,
  openCountyStore,
  revokeDevice,
} from './store';
export type { CountyAuditAction, CountyDatabaseConfig, CountyDB, CountyStore, IngestStatus } from './store';
export { DATABASE_KEY_BYTES } from './row-seal';
export type { RowCodec, RowRef } from './row-seal';
