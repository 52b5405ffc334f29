import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { serverUrlSchema } from '../../shared/sync';
import { writeFileAtomic } from '../atomic-file';
import { CountyError } from '../errors';
import type { CountyDatabaseConfig } from '../store';

/**
 * The county directory: everything one county server needs, in one folder the operator backs up.
 *   county.json       this config (clear; holds a PostgreSQL URL if one was given to init — mode 0600)
 *   county-keys.json  county keys; private halves, the database key and the TLS private key sealed under
 *                     the passphrase (keys.ts)
 *   tls-cert.pem      the server certificate (public; its fingerprint is in every enrolment code)
 *   county.db         the embedded SQLite database (default), SQLCipher-encrypted with the database key
 * tls-key.pem is only in a county made before schema 2 (its TLS key in the clear): `county upgrade` seals
 * it into county-keys.json and removes it.
 */
export const CONFIG_FILE = 'county.json';
export const TLS_CERT_FILE = 'tls-cert.pem';
/** The clear TLS key of a county made before the key file's version 2 (read and removed by upgrade). */
export const TLS_KEY_FILE = 'tls-key.pem';
export const DEFAULT_SQLITE_FILE = 'county.db';
export const DEFAULT_PORT = 8443;
/** Overrides county.json's database with PostgreSQL (keeps the password out of the file). */
export const DATABASE_URL_ENV = 'COUNTY_DATABASE_URL';

const postgresUrlSchema = z.string().regex(/^postgres(ql)?:\/\/\S+$/, 'postgres://…');

export const countyConfigSchema = z.strictObject({
  /** What desks connect to (goes into enrolment codes): https://host[:port]. */
  publicUrl: serverUrlSchema,
  /** Where `serve` listens. */
  host: z.string().min(1).max(253),
  port: z.number().int().min(1).max(65535),
  database: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('sqlite'), path: z.string().min(1) }),
    z.strictObject({ kind: z.literal('postgres'), url: postgresUrlSchema }),
  ]),
});

export type CountyConfig = z.infer<typeof countyConfigSchema>;

export function hasCountyConfig(dir: string): boolean {
  return existsSync(join(dir, CONFIG_FILE));
}

export function writeCountyConfig(dir: string, config: CountyConfig): void {
  const checked = countyConfigSchema.parse(config);
  writeFileAtomic(join(dir, CONFIG_FILE), `${JSON.stringify(checked, null, 2)}\n`);
}

export function readCountyConfig(dir: string): CountyConfig {
  let text: string;
  try {
    text = readFileSync(join(dir, CONFIG_FILE), 'utf8');
  } catch (e) {
    // Missing (ENOENT) and not readable (EACCES) need other repairs than a damaged file: say which.
    const code = (e as { code?: unknown } | null)?.code;
    throw new CountyError(
      'BAD_CONFIG',
      `${CONFIG_FILE} cannot be read${typeof code === 'string' ? ` (${code})` : ''}`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CountyError('BAD_CONFIG', `${CONFIG_FILE} is not JSON`);
  }
  const checked = countyConfigSchema.safeParse(value);
  if (!checked.success) {
    const paths = checked.error.issues.map((issue) => issue.path.join('.') || '(root)');
    throw new CountyError(
      'BAD_CONFIG',
      `${CONFIG_FILE}: invalid field(s): ${[...new Set(paths)].join(', ')}`,
    );
  }
  return checked.data;
}

/** The database to open: $COUNTY_DATABASE_URL wins; a relative SQLite path is inside the directory. */
export function databaseConfig(
  dir: string,
  config: CountyConfig,
  env: NodeJS.ProcessEnv = process.env,
): CountyDatabaseConfig {
  const override = env[DATABASE_URL_ENV];
  if (override !== undefined && override !== '') {
    if (!postgresUrlSchema.safeParse(override).success) {
      throw new CountyError('BAD_CONFIG', `${DATABASE_URL_ENV} must be a postgres:// URL`);
    }
    return { kind: 'postgres', url: override };
  }
  const { database } = config;
  if (database.kind === 'postgres') return database;
  return { kind: 'sqlite', path: isAbsolute(database.path) ? database.path : join(dir, database.path) };
}

/** A database config for messages: never the URL (it may hold a password). */
export function describeDatabase(database: CountyDatabaseConfig): string {
  if (database.kind === 'sqlite') return `SQLite ${database.path}`;
  try {
    const url = new URL(database.url);
    return `PostgreSQL ${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}
