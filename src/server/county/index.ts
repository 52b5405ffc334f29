export {
  CONFIG_FILE,
  databaseConfig,
  DEFAULT_PORT,
  DEFAULT_SQLITE_FILE,
  describeDatabase,
  readCountyConfig,
  TLS_CERT_FILE,
  TLS_KEY_FILE,
  writeCountyConfig,
} from './config';
export type { CountyConfig } from './config';
export {
  COUNTY_KEYS_FILE,
  generateCountyKeys,
  loadCountyKeys,
  readCountyPublicKeys,
  saveCountyKeys,
} from './keys';
export type { CountyKeys } from './keys';
export { certificateFingerprint, generateTlsIdentity, groupFingerprint } from './tls';
export type { TlsIdentity } from './tls';
