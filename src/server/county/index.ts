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
export { readCountyDirectory, unlockCountyDirectory } from './directory';
export type { CountyDirectory, UnlockedCounty } from './directory';
export {
  COUNTY_KEYS_FILE,
  generateCountyKeys,
  loadCountyKeys,
  loadCountySecrets,
  readCountyPublicKeys,
  saveCountyKeys,
  unlockKeyFile,
} from './keys';
export type { CountyKeys, CountySecrets, UnlockedKeyFile } from './keys';
export { certificateFingerprint, generateTlsIdentity, groupFingerprint } from './tls';
export type { TlsIdentity } from './tls';
export { upgradeCounty } from './upgrade';
export type { UpgradeSummary } from './upgrade';
