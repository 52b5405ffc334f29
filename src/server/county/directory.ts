import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CountyDatabaseConfig } from '../store';
import { CountyError } from '../errors';
import { databaseConfig, readCountyConfig, TLS_CERT_FILE, type CountyConfig } from './config';
import { COUNTY_KEYS_FILE, loadCountySecrets, type CountyKeys } from './keys';
import { certificateFingerprint, type TlsIdentity } from './tls';

/** What every command reads from a county directory without the passphrase. */
export interface CountyDirectory {
  dir: string;
  config: CountyConfig;
  /** Where the database is (without its key: that needs the passphrase). */
  database: CountyDatabaseConfig;
  /** The public certificate: its fingerprint goes into enrolment codes. */
  certificate: { certPem: string; fingerprint: string };
}

export function readCountyDirectory(dir: string, env: NodeJS.ProcessEnv = process.env): CountyDirectory {
  const config = readCountyConfig(dir);
  const certPem = readFileSync(join(dir, TLS_CERT_FILE), 'utf8');
  return {
    dir,
    config,
    database: databaseConfig(dir, config, env),
    certificate: { certPem, fingerprint: certificateFingerprint(certPem) },
  };
}

/** The unlocked county: its keys, the TLS identity and the database config carrying the database key. */
export interface UnlockedCounty {
  keys: CountyKeys;
  tls: TlsIdentity;
  database: CountyDatabaseConfig;
}

/**
 * Unlocks county-keys.json with the passphrase (WRONG_PASSPHRASE; UPGRADE_NEEDED for a county made by an
 * older version, whose TLS key is still a clear file).
 */
export async function unlockCountyDirectory(
  directory: CountyDirectory,
  passphrase: string,
): Promise<UnlockedCounty> {
  const { keys, tlsKeyPem } = await loadCountySecrets(join(directory.dir, COUNTY_KEYS_FILE), passphrase);
  if (tlsKeyPem === null) {
    throw new CountyError('UPGRADE_NEEDED', 'the TLS private key is not sealed yet: run `county upgrade`');
  }
  return {
    keys,
    tls: { ...directory.certificate, keyPem: tlsKeyPem },
    database: { ...directory.database, key: keys.databaseKey },
  };
}
