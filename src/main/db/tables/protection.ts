/** Table types added by issue 3 (protection); the tables are created by their numbered migration. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in as the tables land
export interface ProtectionTables {}
