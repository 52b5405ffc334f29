import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEncryptedDatabase } from '../../src/main/desk/store';
import { generateDatabaseKey } from '../../src/main/desk/keyring';
import { MIGRATIONS } from '../../src/main/db/migrations';
import { migrateToLatest } from '../../src/main/db/migrator';
import type { DB } from '../../src/main/db/schema';
import { tempDir } from '../support/tmp';

const NOW = '2026-11-23T09:00:00.000Z';
const CERT = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const ENROLMENT = {
  server_url: 'https://127.0.0.1:8443',
  station: '城关镇',
  tls_certificate: CERT,
  tls_fingerprint: 'a'.repeat(64),
  enrolled_at: NOW,
};

describe('migration 0007 (sync_link)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: Kysely<DB>;

  beforeEach(async () => {
    tmp = tempDir();
    db = new Kysely<DB>({
      dialect: new SqliteDialect({
        database: openEncryptedDatabase(tmp.dir, generateDatabaseKey(), { create: true }),
      }),
    });
    await migrateToLatest(db, MIGRATIONS.slice(0, 6));
    expect(await migrateToLatest(db, MIGRATIONS.slice(0, 7))).toEqual({ from: 6, to: 7 });
  });
  afterEach(async () => {
    await db.destroy();
    tmp.cleanup();
  });

  const link = () => db.selectFrom('sync_link').selectAll().executeTakeFirstOrThrow();
  const update = (set: Record<string, unknown>) => db.updateTable('sync_link').set(set).execute();

  it('starts with one row: not enrolled, auto sync every 15 minutes, no attempt yet', async () => {
    expect(await link()).toMatchObject({
      id: 1,
      server_url: null,
      enrolled_at: null,
      auto_sync: 1,
      interval_minutes: 15,
      last_attempt_at: null,
      last_error_code: null,
    });
    await expect(
      db
        .insertInto('sync_link')
        .values({ id: 2, auto_sync: 1, interval_minutes: 15, updated_at: NOW })
        .execute(),
    ).rejects.toThrow(/CHECK/);
    await expect(db.deleteFrom('sync_link').execute()).rejects.toThrow(/cannot be removed/);
  });

  it('enrolment columns are set all at once, then never change', async () => {
    await expect(update({ server_url: ENROLMENT.server_url })).rejects.toThrow(/CHECK/);
    await expect(update({ ...ENROLMENT, tls_fingerprint: 'A'.repeat(64) })).rejects.toThrow(/CHECK/);
    await expect(update({ ...ENROLMENT, server_url: 'http://plain' })).rejects.toThrow(/CHECK/);
    await expect(update({ ...ENROLMENT, tls_certificate: 'not a pem' })).rejects.toThrow(/CHECK/);
    await update(ENROLMENT);
    await expect(update({ tls_fingerprint: 'b'.repeat(64) })).rejects.toThrow(/enrolment is fixed/);
    await expect(update({ server_url: 'https://10.0.0.1' })).rejects.toThrow(/enrolment is fixed/);
    // The rest of the row stays writable: settings and status.
    await update({ auto_sync: 0, interval_minutes: 60, last_attempt_at: NOW });
    expect(await link()).toMatchObject({ ...ENROLMENT, auto_sync: 0, interval_minutes: 60 });
  });

  it('settings and the last error are checked', async () => {
    await expect(update({ auto_sync: 2 })).rejects.toThrow(/CHECK/);
    await expect(update({ interval_minutes: 0 })).rejects.toThrow(/CHECK/);
    await expect(update({ interval_minutes: 1441 })).rejects.toThrow(/CHECK/);
    await expect(update({ last_error_code: 'SYNC_UNREACHABLE' })).rejects.toThrow(/CHECK/);
    await expect(
      update({ last_error_code: 'sync unreachable', last_error_at: NOW, last_error_meta: '{}' }),
    ).rejects.toThrow(/CHECK/);
    await expect(
      update({ last_error_code: 'SYNC_CLOCK_SKEW', last_error_at: NOW, last_error_meta: '[1]' }),
    ).rejects.toThrow(/CHECK/);
    await update({
      last_error_code: 'SYNC_CLOCK_SKEW',
      last_error_at: NOW,
      last_error_meta: '{"minutes":9}',
    });
    await update({ last_error_code: null, last_error_at: null, last_error_meta: null, last_success_at: NOW });
    expect(await link()).toMatchObject({ last_error_code: null, last_success_at: NOW });
  });
});
