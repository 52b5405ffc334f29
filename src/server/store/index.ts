export { addDevice, openCountyStore } from './store';
export type { CountyDatabaseConfig, CountyDB, CountyStore, IngestStatus } from './store';
