import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEncryptedDatabase } from '../../src/main/desk/store';
import { generateDatabaseKey } from '../../src/main/desk/keyring';
import { MIGRATIONS } from '../../src/main/db/migrations';
import { migrateToLatest } from '../../src/main/db/migrator';
import type { DB } from '../../src/main/db/schema';
import { tempDir } from '../support/tmp';

const NOW = '2026-11-23T09:00:00.000Z';
const HEX = (c: string) => c.repeat(64);

describe('migration 0006 (sync_state, sync_batches)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: Kysely<DB>;

  beforeEach(async () => {
    tmp = tempDir();
    db = new Kysely<DB>({
      dialect: new SqliteDialect({
        database: openEncryptedDatabase(tmp.dir, generateDatabaseKey(), { create: true }),
      }),
    });
    await migrateToLatest(db, MIGRATIONS.slice(0, 5));
    expect(await migrateToLatest(db, MIGRATIONS.slice(0, 6))).toEqual({ from: 5, to: 6 });
  });
  afterEach(async () => {
    await db.destroy();
    tmp.cleanup();
  });

  const state = (over: Record<string, unknown> = {}) => ({
    id: 1,
    device_id: '0190a7c2-1b2c-7d3e-8f40-5a6b7c8d9e0f',
    device_private_key: HEX('a'),
    device_public_key: HEX('b'),
    epoch: 1,
    next_seq: 1,
    last_hash: HEX('0'),
    county_public_key: null,
    county_receipt_key: null,
    county_fingerprint: null,
    county_receipt_fingerprint: null,
    created_at: NOW,
    updated_at: NOW,
    ...over,
  });
  const batch = (over: Record<string, unknown> = {}) => ({
    epoch: 1,
    seq: 1,
    hash: HEX('c'),
    first_seq: 1,
    last_seq: 3,
    change_count: 3,
    byte_size: 4,
    envelope: Buffer.from('CDSB'),
    created_at: NOW,
    status: 'sealed' as const,
    receipt: null,
    delivered_at: null,
    ...over,
  });

  it('sync_state holds one row with hex keys', async () => {
    await db.insertInto('sync_state').values(state()).execute();
    await expect(
      db
        .insertInto('sync_state')
        .values(state({ id: 2 }))
        .execute(),
    ).rejects.toThrow(/CHECK/);
    await expect(db.insertInto('sync_state').values(state()).execute()).rejects.toThrow(/UNIQUE/);
    await db.deleteFrom('sync_state').execute();
    await expect(
      db
        .insertInto('sync_state')
        .values(state({ device_private_key: 'A'.repeat(64) }))
        .execute(),
    ).rejects.toThrow(/CHECK/);
    await expect(
      db
        .insertInto('sync_state')
        .values(state({ next_seq: 0 }))
        .execute(),
    ).rejects.toThrow(/CHECK/);
  });

  it('sync_batches: unique (epoch, seq), sealed → delivered once, the envelope never changes', async () => {
    await db.insertInto('sync_batches').values(batch()).execute();
    await expect(
      db
        .insertInto('sync_batches')
        .values(batch({ hash: HEX('d') }))
        .execute(),
    ).rejects.toThrow(/UNIQUE/);
    await expect(
      db
        .insertInto('sync_batches')
        .values(batch({ seq: 2, status: 'delivered' }))
        .execute(),
    ).rejects.toThrow(/CHECK/);
    await expect(
      db
        .updateTable('sync_batches')
        .set({ envelope: Buffer.from('XXXX') })
        .execute(),
    ).rejects.toThrow(/immutable/);
    await db
      .updateTable('sync_batches')
      .set({ status: 'delivered', receipt: '{"receipt":{}}', delivered_at: NOW })
      .execute();
    await expect(
      db.updateTable('sync_batches').set({ status: 'sealed', receipt: null, delivered_at: null }).execute(),
    ).rejects.toThrow(/immutable/);
    const tables = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table'`.execute(
      db,
    );
    expect(tables.rows.map((r) => r.name)).toEqual(expect.arrayContaining(['sync_state', 'sync_batches']));
  });
});
