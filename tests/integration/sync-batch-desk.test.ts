// Casework made through the real desk services (dispatch), then the desk locked and its encrypted store
// opened with the recovery code, batches sealed, delivered to the real county receiver and receipted.
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/main/desk/store';
import { unwrapWithRecoveryCode } from '../../src/main/desk/keyring';
import { applyReceipt, buildNextBatch } from '../../src/main/sync/batch-builder';
import { pendingCount } from '../../src/main/sync/outbox';
import { initSyncState } from '../../src/main/sync/state';
import { generateCountyKeys } from '../../src/server/county/keys';
import { receiveBatch } from '../../src/server/receive/receive';
import { addDevice, openSqliteStore, type CountyStore } from '../../src/server/store/store';
import { openBatch, parseEnvelope } from '../../src/shared/sync';
import { addStaff, minimalIntake } from '../support/case-fixture';
import { Desk, SETUP_INPUT } from '../support/desk-fixture';
import { tempDir } from '../support/tmp';

const DEVICE = '0190a7c2-1b2c-7d3e-8f40-5a6b7c8d9e0f';
const NOW = new Date('2026-11-23T09:00:00.000Z');

describe('sync batches from casework made through the desk services', () => {
  let tmp: ReturnType<typeof tempDir>;
  let store: Store;
  let county: CountyStore;

  beforeEach(async () => {
    tmp = tempDir();
    const desk = await Desk.open(tmp.dir);
    const { recoveryCode } = await desk.ok('setup.create', SETUP_INPUT);
    await addStaff(desk);
    for (let i = 0; i < 3; i++) await desk.ok('cases.create', minimalIntake());
    await desk.close();
    const key = unwrapWithRecoveryCode(tmp.dir, recoveryCode);
    if (!key) throw new Error('recovery code did not open the keyring');
    store = await openStore(tmp.dir, key);
    county = await openSqliteStore(join(tmp.dir, 'county.db'));
  });
  afterEach(async () => {
    await county.close();
    await store.close();
    tmp.cleanup();
  });

  it('every captured change reaches the county, in order, and the outbox ends fully delivered', async () => {
    const keys = await generateCountyKeys();
    const state = await initSyncState(store.db, { deviceId: DEVICE, now: NOW.toISOString() });
    await addDevice(county.db, {
      id: DEVICE,
      station: 'station',
      enrolmentCodeHash: '0'.repeat(64),
      publicKey: state.device_public_key,
      enrolledAt: NOW.toISOString(),
    });
    const payloads = (await store.db.selectFrom('outbox').select('payload').orderBy('seq').execute()).map(
      (r) => JSON.parse(r.payload) as unknown,
    );
    const tables = await store.db.selectFrom('outbox').select('table_name').distinct().execute();
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(['users', 'cases', 'case_parties']),
    );

    const opts = { countyPublicKey: keys.encryption.publicKey, now: NOW, maxChanges: 4, maxBytes: 4096 };
    let batches = 0;
    for (let b = await buildNextBatch(store.db, opts); b; b = await buildNextBatch(store.db, opts)) {
      batches += 1;
      const { signed } = await receiveBatch(
        county,
        keys,
        { device: DEVICE, epoch: b.epoch, seq: b.seq },
        b.bytes,
      );
      await applyReceipt(store.db, signed, keys.signing.publicKey, NOW);
    }
    expect(batches).toBeGreaterThan(1);
    expect(await pendingCount(store.db)).toBe(0);

    const rows: unknown[] = [];
    for (const env of await county.db.selectFrom('envelopes').selectAll().orderBy('seq').execute()) {
      const text = gunzipSync(
        await openBatch(parseEnvelope(env.bytes), keys.encryption.privateKey),
      ).toString();
      for (const line of text.trimEnd().split('\n')) rows.push((JSON.parse(line) as { row: unknown }).row);
    }
    expect(rows).toEqual(payloads);
  });
});
