// The county applies only the tables it knows (SYNCED_TABLE_NAMES, src/shared/sync/tables.ts): a sealed,
// signed, well-formed batch with one change of any other table blocks its device with UNKNOWN_TABLE and
// nothing of it is applied; batches of known tables — the aftercare tables of migration 0008 among them —
// still flow, on SQLite and PostgreSQL.
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changeLine, type OutboxChange } from '../../src/main/sync/outbox';
import { SYNCED_TABLES } from '../../src/main/sync/sync.table';
import { generateCountyKeys } from '../../src/server/county/keys';
import { ingestPending, unblockDevice } from '../../src/server/ingest/ingest';
import { receiveBatch } from '../../src/server/receive/receive';
import { countyReport } from '../../src/server/report/report';
import { addDevice, type CountyStore } from '../../src/server/store/store';
import {
  assertSyncedTables,
  generateSigningKeyPair,
  sealBatch,
  SYNCED_TABLE_NAMES,
  SyncFormatError,
  toHex,
  ZERO_HASH,
  type RawKeyPair,
} from '../../src/shared/sync';
import { COUNTY_DIALECTS, openTestCountyStore } from '../support/county-db';
import { NOW } from '../support/sync-desks';
import { tempDir } from '../support/tmp';

const keys = await generateCountyKeys();
const X = '0190a7c2-1b2c-7d3e-8f40-0000000000e1';
const Y = '0190a7c2-1b2c-7d3e-8f40-0000000000e2';
const tmp = tempDir('county-unknown-table-');

afterAll(() => tmp.cleanup());

const rowId = (n: number) => `0190a7c2-0000-7000-8000-${String(n).padStart(12, '0')}`;

/** One change line of `table` for row n (a plain row: the county stores rows as they come). */
function line(seq: number, table: string, n: number): string {
  const change: OutboxChange = {
    seq,
    table: table as OutboxChange['table'],
    id: rowId(n),
    op: 'insert',
    version: 1,
    changedAt: NOW.toISOString(),
    rowJson: JSON.stringify({ id: rowId(n), version: 1, deleted_at: null }),
  };
  return changeLine(change);
}

interface Chain {
  device: string;
  signer: RawKeyPair;
  prev: string;
  seq: number;
}

/** Seals the tables as one batch each change, the next seq of the device's chain, and stores it. */
async function send(
  county: CountyStore,
  chain: Chain,
  tables: readonly (readonly [table: string, n: number])[],
): Promise<void> {
  chain.seq += 1;
  const body = tables.map(([table, n], i) => `${line(i + 1, table, n)}\n`).join('');
  const sealed = await sealBatch({
    device: chain.device,
    epoch: 1,
    seq: chain.seq,
    prev: chain.prev,
    count: tables.length,
    createdAt: NOW.toISOString(),
    plaintext: gzipSync(body),
    countyPublicKey: keys.encryption.publicKey,
    deviceSigningKey: chain.signer.privateKey,
  });
  chain.prev = sealed.hash;
  await receiveBatch(county, keys, { device: chain.device, epoch: 1, seq: chain.seq }, sealed.bytes, {
    now: () => NOW,
  });
}

async function enrol(county: CountyStore, device: string): Promise<Chain> {
  const signer = await generateSigningKeyPair();
  await addDevice(county.db, {
    id: device,
    station: '明水街道',
    enrolmentCodeHash: '0'.repeat(64),
    publicKey: toHex(signer.publicKey),
    enrolledAt: NOW.toISOString(),
  });
  return { device, signer, prev: ZERO_HASH, seq: 0 };
}

describe('the synced table list', () => {
  it('is the desk’s SYNCED_TABLES, parents before children, the aftercare tables of 0008 included', () => {
    expect(SYNCED_TABLES).toEqual(SYNCED_TABLE_NAMES);
    expect(SYNCED_TABLE_NAMES).toHaveLength(21);
    expect(new Set(SYNCED_TABLE_NAMES).size).toBe(21);
    const at = (t: (typeof SYNCED_TABLE_NAMES)[number]) => SYNCED_TABLE_NAMES.indexOf(t);
    expect(at('users')).toBe(0);
    expect(at('volunteers')).toBeLessThan(at('followup_plans'));
    expect(at('families')).toBeLessThan(at('family_cases'));
    expect(at('followup_plans')).toBeLessThan(at('followup_visits'));
    expect(at('outreach_events')).toBeLessThan(at('outreach_event_speakers'));
  });

  it('assertSyncedTables names the first line of an unknown table, never the name', () => {
    expect(() => assertSyncedTables([{ table: 'cases' }, { table: 'followup_visits' }])).not.toThrow();
    let error: unknown;
    try {
      assertSyncedTables([{ table: 'cases' }, { table: 'secret_table' }, { table: 'other' }]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SyncFormatError);
    expect(error).toMatchObject({ code: 'UNKNOWN_TABLE', reason: 'change line 2: table' });
    expect(String(error)).not.toContain('secret_table');
  });
});

describe.each(COUNTY_DIALECTS)('county ingest of unknown tables (%s)', (dialect) => {
  let county: CountyStore;

  beforeEach(async () => {
    county = await openTestCountyStore(dialect, tmp.dir);
  });
  afterEach(() => county.close());

  const ingest = () => ingestPending(county, keys, { now: () => NOW });
  const progress = async () =>
    (await county.db.selectFrom('ingest_progress').selectAll().orderBy('device').execute()).map((p) => [
      p.device,
      Number(p.last_seq),
      p.status,
      p.reason,
    ]);
  const rowsOf = async (device: string) =>
    (
      await county.db
        .selectFrom('county_rows')
        .select(['table_name', 'row_id'])
        .where('device', '=', device)
        .orderBy('table_name')
        .orderBy('row_id')
        .execute()
    ).map((r) => `${r.table_name}/${r.row_id}`);

  it('blocks a batch with a change of an unknown table; nothing of it is applied, known tables flow', async () => {
    const x = await enrol(county, X);
    const y = await enrol(county, Y);
    // X: a batch of known tables (aftercare ones too), then one whose second line is of an unknown table
    // between two known ones, then one more behind it.
    await send(county, x, [
      ['users', 1],
      ['volunteers', 2],
      ['outreach_events', 3],
    ]);
    await send(county, x, [
      ['families', 4],
      ['future_table', 5],
      ['followup_visits', 6],
    ]);
    await send(county, x, [['cases', 7]]);
    // Y: every known table in one batch.
    await send(
      county,
      y,
      SYNCED_TABLE_NAMES.map((table, i) => [table, 100 + i] as const),
    );

    expect(await ingest()).toEqual({ batches: 2, changes: 3 + SYNCED_TABLE_NAMES.length, blocked: 1 });
    expect(await progress()).toEqual([
      [X, 1, 'blocked', 'UNKNOWN_TABLE'],
      [Y, 1, 'active', null],
    ]);
    expect(await rowsOf(X)).toEqual([
      `outreach_events/${rowId(3)}`,
      `users/${rowId(1)}`,
      `volunteers/${rowId(2)}`,
    ]);
    expect(await rowsOf(Y)).toEqual(
      SYNCED_TABLE_NAMES.map((table, i) => `${table}/${rowId(100 + i)}`).sort(),
    );
    const status = (await countyReport(county)).devices.find((d) => d.device === X);
    expect(status).toMatchObject({ ingested: 1, blocked: 2, pending: 0, blockedReason: 'UNKNOWN_TABLE' });

    // Nothing changes by itself; unblocked without a fix, the same batch blocks again with the same code.
    expect(await ingest()).toEqual({ batches: 0, changes: 0, blocked: 0 });
    expect(await unblockDevice(county, X, NOW)).toBe(1);
    expect(await ingest()).toEqual({ batches: 0, changes: 0, blocked: 1 });
    expect(await progress()).toEqual([
      [X, 1, 'blocked', 'UNKNOWN_TABLE'],
      [Y, 1, 'active', null],
    ]);
    expect(await rowsOf(X)).toHaveLength(3);
  });

  it('a table name that breaks the pattern is still MALFORMED, not UNKNOWN_TABLE', async () => {
    const x = await enrol(county, X);
    await send(county, x, [['Cases', 1]]);
    expect(await ingest()).toEqual({ batches: 0, changes: 0, blocked: 1 });
    expect(await progress()).toEqual([[X, 0, 'blocked', 'MALFORMED']]);
    expect(await rowsOf(X)).toEqual([]);
  });
});
