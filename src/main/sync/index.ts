export { createDeskSync } from './desk-sync';
export { syncHandlers } from './handlers';
export type { SyncHost } from './host';
export { rebaselineAfterRestore } from './rebaseline';
export type { RebaselineResult } from './rebaseline';
export { SyncService } from './service';
export type { SyncServiceOptions } from './service';
export type { SyncTables } from './sync.table';
