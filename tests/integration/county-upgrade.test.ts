// `county upgrade` (issue 10) on each dialect: a county directory as the previous version made it — key
// file version 1, a clear tls-key.pem, a plain SQLite file (or clear PostgreSQL rows) at schema 1 — is
// refused by `serve` until upgraded; the upgrade seals the TLS key and a new database key, encrypts the
// database (SQLite) or seals every row (PostgreSQL), keeps every row and the report's figures, removes the
// clear key file, and running it again changes nothing.
import { createCipheriv, randomBytes, scryptSync } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { writeCountyConfig } from '../../src/server/county/config';
import { readCountyDirectory, unlockCountyDirectory } from '../../src/server/county/directory';
import { COUNTY_KEYS_FILE, generateCountyKeys, type CountyKeys } from '../../src/server/county/keys';
import { generateTlsIdentity } from '../../src/server/county/tls';
import { upgradeCounty } from '../../src/server/county/upgrade';
import { ingestPending } from '../../src/server/ingest/ingest';
import { receiveBatch } from '../../src/server/receive/receive';
import { countyReport } from '../../src/server/report/report';
import { openCountyStore } from '../../src/server/store/store';
import { SUITE, toHex } from '../../src/shared/sync';
import { enrolTestDevice, testDevice } from '../support/county-batches';
import { COUNTY_DIALECTS, createTestCountyDatabase, dumpTestPostgres } from '../support/county-db';
import { tempDir } from '../support/tmp';

const tmp = tempDir('county-upgrade-');
afterAll(() => tmp.cleanup());

const PASSPHRASE = 'county passphrase for the upgrade';
const NOW = new Date('2026-11-24T02:00:00.000Z');
const DEVICE = '0190a7c2-1b2c-7d3e-8f40-00000000b001';
const SECRET_NOTE = '女方提出离婚后曾遭威胁，住址为城关镇幸福路17号';
const id = (n: number) => `0190a7c2-0000-7000-8000-${String(n).padStart(12, '0')}`;

/** A key file exactly as version 1 wrote it (the two private keys only), for the keys given. */
function writeVersion1KeyFile(path: string, keys: CountyKeys): void {
  const kdf = { name: 'scrypt', N: 2 ** 15, r: 8, p: 1, salt: randomBytes(16).toString('hex') };
  const clear = {
    format: 'counseldesk-county-keys',
    version: 1,
    suite: SUITE,
    encryptionPublicKey: toHex(keys.encryption.publicKey),
    signingPublicKey: toHex(keys.signing.publicKey),
    kdf,
    cipher: 'aes-256-gcm',
    iv: randomBytes(12).toString('hex'),
  };
  const key = scryptSync(PASSPHRASE, Buffer.from(kdf.salt, 'hex'), 32, {
    N: kdf.N,
    r: kdf.r,
    p: kdf.p,
    maxmem: 64 * 1024 * 1024,
  });
  const cipher = createCipheriv('aes-256-gcm', key, Buffer.from(clear.iv, 'hex'));
  const aad = [
    clear.format,
    clear.version,
    clear.suite,
    clear.encryptionPublicKey,
    clear.signingPublicKey,
    kdf.name,
    kdf.N,
    kdf.r,
    kdf.p,
    kdf.salt,
    clear.cipher,
    clear.iv,
  ].join('|');
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const secret = Buffer.concat([keys.encryption.privateKey, keys.signing.privateKey]);
  const ciphertext = Buffer.concat([cipher.update(secret), cipher.final()]).toString('hex');
  const file = { ...clear, ciphertext, tag: cipher.getAuthTag().toString('hex') };
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
}

/**
 * The previous version's county: the rows ingested into a plain database (no key), then the schema taken
 * back to version 1 (the columns and table version 2 added dropped, row_json clear as version 1 kept it).
 */
async function oldCounty(dialect: 'sqlite' | 'postgres', dir: string, keys: CountyKeys) {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const created = await createTestCountyDatabase(dialect, dir, { key: null });
  // Version 1 kept PostgreSQL rows clear: build them through a keyed store, then write them back clear.
  const rowKey = dialect === 'postgres' ? { key: new Uint8Array(randomBytes(32)) } : {};
  const store = await openCountyStore({ ...created, ...rowKey });
  const device = await testDevice(DEVICE, keys);
  await enrolTestDevice(store, device, '城关镇工作站');
  const changes = [
    {
      table: 'cases',
      id: id(1),
      version: 1,
      row: {
        id: id(1),
        type: 'divorce_adjustment',
        registration_status: 'filed',
        notes: SECRET_NOTE,
        deleted_at: null,
      },
    },
    {
      table: 'dv_disclosures',
      id: id(2),
      version: 1,
      row: { id: id(2), narrative: SECRET_NOTE, deleted_at: null },
    },
    {
      table: 'dv_disclosures',
      id: id(3),
      version: 2,
      row: { id: id(3), narrative: SECRET_NOTE, deleted_at: NOW.toISOString() },
    },
  ];
  const batch = await device.batch(1, changes, NOW);
  await receiveBatch(store, keys, batch.address, batch.bytes, { now: () => NOW });
  await ingestPending(store, keys, { now: () => NOW });
  const figures = (await countyReport(store, { now: () => NOW })).total;
  const rows = await store.db.selectFrom('county_rows').selectAll().execute();
  for (const r of rows) {
    const clear = store.rows.open({ device: r.device, table: r.table_name, id: r.row_id }, r.row_json);
    await store.db
      .updateTable('county_rows')
      .set({ row_json: clear })
      .where('device', '=', r.device)
      .where('table_name', '=', r.table_name)
      .where('row_id', '=', r.row_id)
      .execute();
  }
  await sql`ALTER TABLE county_rows DROP COLUMN soft_deleted`.execute(store.db);
  await sql`ALTER TABLE devices DROP COLUMN revoked_at`.execute(store.db);
  await sql`DROP TABLE county_audit`.execute(store.db);
  await store.db.updateTable('county_meta').set({ schema_version: 1 }).where('id', '=', 1).execute();
  await store.close();

  const tls = await generateTlsIdentity({ hosts: ['127.0.0.1'] });
  writeFileSync(join(dir, 'tls-cert.pem'), tls.certPem);
  writeFileSync(join(dir, 'tls-key.pem'), tls.keyPem, { mode: 0o600 });
  writeVersion1KeyFile(join(dir, COUNTY_KEYS_FILE), keys);
  const database =
    created.kind === 'postgres'
      ? { kind: 'postgres' as const, url: created.url }
      : { kind: 'sqlite' as const, path: 'county.db' };
  writeCountyConfig(dir, { publicUrl: 'https://127.0.0.1:8443', host: '127.0.0.1', port: 8443, database });
  return { created, figures, tls };
}

function secretOnDisk(dir: string): string[] {
  return readdirSync(dir).filter((name) =>
    readFileSync(join(dir, name)).includes(Buffer.from(SECRET_NOTE, 'utf8')),
  );
}

describe.each(COUNTY_DIALECTS)('county upgrade (%s)', (dialect) => {
  it('refuses to serve an old county, then upgrades it in place with every row and figure kept', async () => {
    const dir = join(tmp.dir, dialect);
    const keys = await generateCountyKeys();
    const { created, figures, tls } = await oldCounty(dialect, dir, keys);
    expect(figures).toMatchObject({ cases: 1, dvDisclosures: 1 });
    const env = { ...process.env, COUNTY_DATABASE_URL: created.kind === 'postgres' ? created.url : '' };
    if (dialect === 'sqlite') expect(secretOnDisk(dir)).toEqual(['county.db']);

    await expect(unlockCountyDirectory(readCountyDirectory(dir, env), PASSPHRASE)).rejects.toMatchObject({
      code: 'UPGRADE_NEEDED',
    });
    await expect(upgradeCounty(readCountyDirectory(dir, env), 'wrong passphrase')).rejects.toMatchObject({
      code: 'WRONG_PASSPHRASE',
    });

    expect(await upgradeCounty(readCountyDirectory(dir, env), PASSPHRASE, NOW)).toEqual({
      keyFile: true,
      databaseEncrypted: dialect === 'sqlite',
      tlsKeyRemoved: true,
    });
    expect(existsSync(join(dir, 'tls-key.pem'))).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, COUNTY_KEYS_FILE), 'utf8'))).toMatchObject({ version: 2 });

    const unlocked = await unlockCountyDirectory(readCountyDirectory(dir, env), PASSPHRASE);
    expect(unlocked.tls.keyPem).toBe(tls.keyPem);
    expect(toHex(unlocked.keys.encryption.privateKey)).toBe(toHex(keys.encryption.privateKey));
    const store = await openCountyStore(unlocked.database);
    try {
      expect((await countyReport(store, { now: () => NOW })).total).toEqual(figures);
      const meta = await store.db
        .selectFrom('county_meta')
        .select('schema_version')
        .executeTakeFirstOrThrow();
      expect(meta.schema_version).toBe(2);
      const audit = await store.db.selectFrom('county_audit').select(['action', 'device']).execute();
      expect(audit).toEqual([{ action: 'upgrade', device: null }]);
    } finally {
      await store.close();
    }
    if (dialect === 'sqlite') expect(secretOnDisk(dir)).toEqual([]);
    else
      expect(await dumpTestPostgres(created.kind === 'postgres' ? created.url : '')).not.toContain(
        SECRET_NOTE,
      );

    // Again: nothing left to do, nothing broken.
    expect(await upgradeCounty(readCountyDirectory(dir, env), PASSPHRASE, NOW)).toEqual({
      keyFile: false,
      databaseEncrypted: false,
      tlsKeyRemoved: false,
    });
    const again = await openCountyStore(
      (await unlockCountyDirectory(readCountyDirectory(dir, env), PASSPHRASE)).database,
    );
    try {
      expect((await countyReport(again, { now: () => NOW })).total).toEqual(figures);
    } finally {
      await again.close();
    }
  });
});
