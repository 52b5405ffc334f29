// The county's data at rest and its durability (issue 10): the SQLite store is SQLCipher-encrypted and
// commits durably (synchronous=FULL), a receipt comes only from a committed transaction, PostgreSQL rows
// are sealed per row, known plaintext from the desks appears in no file of the county directory and in no
// pg_dump, the report gives the same figures as on a plain database, and a lower version never rolls a
// row back. Real SQLCipher files, a real PostgreSQL cluster, real sealed batches.
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCountyKeys } from '../../src/server/county/keys';
import { CountyError } from '../../src/server/errors';
import { ingestPending } from '../../src/server/ingest/ingest';
import { receiveBatch } from '../../src/server/receive/receive';
import { countyReport } from '../../src/server/report/report';
import { openCountyStore, type CountyDatabaseConfig, type CountyStore } from '../../src/server/store/store';
import { SEALED_ROW_PREFIX } from '../../src/server/store/row-seal';
import { enrolTestDevice, testDevice, type TestChange, type TestDevice } from '../support/county-batches';
import { COUNTY_DIALECTS, createTestCountyDatabase, dumpTestPostgres } from '../support/county-db';
import { tempDir } from '../support/tmp';

const tmp = tempDir('county-at-rest-');
afterAll(() => tmp.cleanup());

const keys = await generateCountyKeys();
const NOW = new Date('2026-11-24T02:00:00.000Z');
const DEVICE = '0190a7c2-1b2c-7d3e-8f40-00000000a001';

/** Text a desk holds that nobody at the county may read from a copy of its disk or database. */
const SECRETS = {
  name: '张秀英',
  idNumber: '110101199003074514',
  dvPhrase: '他喝醉后用皮带打我和孩子',
  note: '双方同意冷静期结束后再谈财产分割',
  address: '城关镇幸福路17号3单元',
};

const CASE = '0190a7c2-0000-7000-8000-0000000c0001';
const id = (n: number) => `0190a7c2-0000-7000-8000-${String(n).padStart(12, '0')}`;

function personalChanges(): TestChange[] {
  const at = NOW.toISOString();
  return [
    {
      table: 'cases',
      id: CASE,
      version: 1,
      row: {
        id: CASE,
        type: 'divorce_adjustment',
        registration_status: 'accepted_cooling',
        result: null,
        party_name: SECRETS.name,
        party_id_number: SECRETS.idNumber,
        address: SECRETS.address,
        deleted_at: null,
      },
    },
    {
      table: 'dv_disclosures',
      id: id(2),
      version: 1,
      row: { id: id(2), case_id: CASE, narrative: SECRETS.dvPhrase, deleted_at: null },
    },
    // Soft-deleted on the desk: not counted (the clear soft_deleted column says so, nothing is decrypted).
    {
      table: 'dv_disclosures',
      id: id(3),
      version: 2,
      row: { id: id(3), case_id: CASE, narrative: SECRETS.dvPhrase, deleted_at: at },
    },
    {
      table: 'counselling_records',
      id: id(4),
      version: 1,
      row: { id: id(4), case_id: CASE, status: 'signed', notes: SECRETS.note, deleted_at: null },
    },
    {
      table: 'referrals',
      id: id(5),
      version: 1,
      row: { id: id(5), case_id: CASE, target: 'women_federation', status: 'sent', deleted_at: null },
    },
    {
      table: 'families',
      id: id(6),
      version: 1,
      row: { id: id(6), name: SECRETS.name, address: SECRETS.address, deleted_at: null },
    },
  ];
}

async function receiveAndIngest(
  store: CountyStore,
  device: TestDevice,
  epoch: number,
  changes: TestChange[],
) {
  const batch = await device.batch(epoch, changes, NOW);
  const result = await receiveBatch(store, keys, batch.address, batch.bytes, { now: () => NOW });
  expect(result.stored).toBe(true);
  return ingestPending(store, keys, { now: () => NOW });
}

/** Every file under `dir` (the database, -wal, -shm, journals, anything else), as bytes. */
function filesUnder(dir: string): { name: string; bytes: Buffer }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return [{ name, bytes: readFileSync(path) }];
  });
}

function secretsIn(text: Buffer | string): string[] {
  const haystack = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  return Object.entries(SECRETS)
    .filter(([, value]) => haystack.includes(Buffer.from(value, 'utf8')))
    .map(([name]) => name);
}

/** The report of a database holding exactly personalChanges(): what a plain county reported before. */
async function referenceFigures() {
  const dir = join(tmp.dir, 'plain');
  // No key: a plain file, as every county database was before schema 2.
  const store = await openCountyStore(await createTestCountyDatabase('sqlite', mkdir(dir), { key: null }));
  try {
    const device = await testDevice(DEVICE, keys);
    await enrolTestDevice(store, device, '城关镇工作站');
    await receiveAndIngest(store, device, 1, personalChanges());
    return (await countyReport(store, { now: () => NOW })).total;
  } finally {
    await store.close();
  }
}

function mkdir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}

describe('county SQLite store: durable commits, SQLCipher at rest', () => {
  it('runs WAL with synchronous=FULL, also when the file is opened again', async () => {
    const config = await createTestCountyDatabase('sqlite', mkdir(join(tmp.dir, 'pragma')));
    for (let round = 0; round < 2; round += 1) {
      const store = await openCountyStore(config);
      try {
        const mode = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(store.db);
        const sync = await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(store.db);
        expect(mode.rows[0]?.journal_mode).toBe('wal');
        expect(sync.rows[0]?.synchronous).toBe(2); // FULL
      } finally {
        await store.close();
      }
    }
  });

  it('a receipt comes only out of a committed transaction: a commit that fails gives no receipt', async () => {
    const config = await createTestCountyDatabase('sqlite', mkdir(join(tmp.dir, 'commit')));
    const store = await openCountyStore(config);
    try {
      const device = await testDevice(DEVICE, keys);
      await enrolTestDevice(store, device, '城关镇工作站');
      // A deferred foreign key is checked at COMMIT: this trigger makes the receipt's transaction fail there,
      // after the envelope and receipt rows are written and the receipt is signed.
      await sql`CREATE TABLE commit_bomb (device TEXT REFERENCES devices(id) DEFERRABLE INITIALLY DEFERRED)`.execute(
        store.db,
      );
      await sql`CREATE TRIGGER fail_commit AFTER INSERT ON receipts BEGIN
        INSERT INTO commit_bomb VALUES ('not-a-device'); END`.execute(store.db);
      const first = await device.batch(1, personalChanges().slice(0, 1), NOW);
      await expect(receiveBatch(store, keys, first.address, first.bytes, { now: () => NOW })).rejects.toThrow(
        /FOREIGN KEY/,
      );
      const stored = await store.db.selectFrom('receipts').selectAll().execute();
      expect(stored).toEqual([]);
      expect(await store.db.selectFrom('envelopes').select('seq').execute()).toEqual([]);

      // Without the bomb the same batch is received, and another connection sees it committed at once.
      await sql`DROP TRIGGER fail_commit`.execute(store.db);
      const answer = await receiveBatch(store, keys, first.address, first.bytes, { now: () => NOW });
      const other = await openCountyStore(config);
      try {
        const seen = await other.db.selectFrom('receipts').select(['seq', 'signed']).execute();
        expect(seen).toEqual([{ seq: 1, signed: answer.text }]);
      } finally {
        await other.close();
      }
    } finally {
      await store.close();
    }
  });

  it('no known plaintext in any file of the county directory; the wrong key does not open it', async () => {
    const dir = mkdir(join(tmp.dir, 'sqlite-county'));
    const config = await createTestCountyDatabase('sqlite', dir, { key: keys.databaseKey });
    const store = await openCountyStore(config);
    const device = await testDevice(DEVICE, keys);
    try {
      await enrolTestDevice(store, device, '城关镇工作站');
      expect(await receiveAndIngest(store, device, 1, personalChanges())).toMatchObject({ batches: 1 });
      // The rows are really there (and readable with the key) …
      const rows = await store.db.selectFrom('county_rows').select('row_json').execute();
      expect(rows.map((r) => secretsIn(r.row_json)).flat()).toContain('dvPhrase');
      // … and not in any file while the server runs (WAL and shared memory included) …
      const open = filesUnder(dir);
      expect(open.map((f) => f.name).sort()).toEqual(['county.db', 'county.db-shm', 'county.db-wal']);
      for (const file of open)
        expect({ file: file.name, found: secretsIn(file.bytes) }).toEqual({ file: file.name, found: [] });
    } finally {
      await store.close();
    }
    // … nor after it stopped.
    for (const file of filesUnder(dir))
      expect({ file: file.name, found: secretsIn(file.bytes) }).toEqual({ file: file.name, found: [] });

    const wrong = await openCountyStore({ ...config, key: new Uint8Array(32) }).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(CountyError);
    expect((wrong as CountyError).code).toBe('DATABASE_LOCKED');
    const none = await openCountyStore({
      kind: 'sqlite',
      path: config.kind === 'sqlite' ? config.path : '',
    }).catch((e: unknown) => e);
    expect((none as CountyError).code).toBe('DATABASE_LOCKED');
  });
});

describe('PostgreSQL county: personal content sealed per row', () => {
  it('no known plaintext in a pg_dump; rows open only where they belong', async () => {
    const config = await createTestCountyDatabase('postgres', tmp.dir, { key: keys.databaseKey });
    const store = await openCountyStore(config);
    try {
      const device = await testDevice(DEVICE, keys);
      await enrolTestDevice(store, device, '城关镇工作站');
      await receiveAndIngest(store, device, 1, personalChanges());
      const dump = await dumpTestPostgres(config.kind === 'postgres' ? config.url : '');
      expect(dump).toContain('county_rows');
      expect(dump).toContain(SEALED_ROW_PREFIX);
      expect(secretsIn(dump)).toEqual([]);

      // Bound to its place: a sealed row copied onto another row does not open there.
      const [a, b] = await store.db
        .selectFrom('county_rows')
        .select(['device', 'table_name', 'row_id', 'row_json'])
        .where('table_name', '=', 'dv_disclosures')
        .orderBy('row_id')
        .execute();
      if (!a || !b) throw new Error('expected two disclosures');
      expect(
        JSON.parse(store.rows.open({ device: a.device, table: a.table_name, id: a.row_id }, a.row_json)),
      ).toMatchObject({
        narrative: SECRETS.dvPhrase,
      });
      expect(() =>
        store.rows.open({ device: b.device, table: b.table_name, id: b.row_id }, a.row_json),
      ).toThrow(CountyError);
    } finally {
      await store.close();
    }
    // Without the key nothing of a row can be read.
    const locked = await openCountyStore({
      kind: 'postgres',
      url: config.kind === 'postgres' ? config.url : '',
    });
    try {
      await expect(countyReport(locked, { now: () => NOW })).rejects.toMatchObject({
        code: 'DATABASE_LOCKED',
      });
    } finally {
      await locked.close();
    }
  });
});

describe('the report on encrypted stores', () => {
  it('gives the same figures as on a plain database, on SQLite and PostgreSQL', async () => {
    const reference = await referenceFigures();
    expect(reference).toMatchObject({
      cases: 1,
      dvDisclosures: 1,
      families: 1,
      counsellingRecords: 1,
      signedRecords: 1,
      referrals: 1,
    });
    for (const dialect of COUNTY_DIALECTS) {
      const config: CountyDatabaseConfig = await createTestCountyDatabase(
        dialect,
        mkdir(join(tmp.dir, `report-${dialect}`)),
      );
      const store = await openCountyStore(config);
      try {
        const device = await testDevice(DEVICE, keys);
        await enrolTestDevice(store, device, '城关镇工作站');
        await receiveAndIngest(store, device, 1, personalChanges());
        expect((await countyReport(store, { now: () => NOW })).total).toEqual(reference);
      } finally {
        await store.close();
      }
    }
  });
});

describe.each(COUNTY_DIALECTS)('the county never rolls a row back (%s)', (dialect) => {
  it('a lower version (a restored desk) is stored as an envelope but does not overwrite; an equal one may', async () => {
    const store = await openCountyStore(
      await createTestCountyDatabase(dialect, mkdir(join(tmp.dir, `version-${dialect}`))),
    );
    try {
      const device = await testDevice(DEVICE, keys);
      await enrolTestDevice(store, device, '城关镇工作站');
      const X = id(101);
      const Y = id(102);
      const Z = id(103);
      const volunteer = (rowId: string, name: string) => ({
        id: rowId,
        display_name: name,
        active: 1,
        deleted_at: null,
      });
      await receiveAndIngest(store, device, 1, [
        { table: 'volunteers', id: X, version: 3, row: volunteer(X, 'newest') },
        { table: 'volunteers', id: Y, version: 1, row: volunteer(Y, 'same') },
      ]);
      // The desk restored an older backup and re-sends in a new epoch: X at version 2 (older), Y at its
      // version again, Z new.
      expect(
        await receiveAndIngest(store, device, 2, [
          { table: 'volunteers', id: X, op: 'update', version: 2, row: volunteer(X, 'older') },
          { table: 'volunteers', id: Y, op: 'update', version: 1, row: volunteer(Y, 'same again') },
          { table: 'volunteers', id: Z, version: 1, row: volunteer(Z, 'new') },
        ]),
      ).toMatchObject({ batches: 1, blocked: 0 });
      const rows = await store.db
        .selectFrom('county_rows')
        .select(['device', 'table_name', 'row_id', 'row_json', 'version', 'epoch'])
        .orderBy('row_id')
        .execute();
      const shown = rows.map((r) => {
        const row = JSON.parse(
          store.rows.open({ device: r.device, table: r.table_name, id: r.row_id }, r.row_json),
        ) as {
          display_name: string;
        };
        return [r.row_id, row.display_name, Number(r.version), Number(r.epoch)];
      });
      expect(shown).toEqual([
        [X, 'newest', 3, 1],
        [Y, 'same again', 1, 2],
        [Z, 'new', 1, 2],
      ]);
      // The older change is kept where it came: the epoch-2 envelope is stored and counted as applied.
      const envelopes = await store.db
        .selectFrom('envelopes')
        .select(['epoch', 'seq'])
        .orderBy('epoch')
        .execute();
      expect(envelopes.map((e) => [Number(e.epoch), Number(e.seq)])).toEqual([
        [1, 1],
        [2, 1],
      ]);
    } finally {
      await store.close();
    }
  });
});
