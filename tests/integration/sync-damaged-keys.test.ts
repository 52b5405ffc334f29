// A damaged stored key stops sync at once with its own error — on the desk (sync_state's keys) and on the
// county (an enrolled device's public key) — instead of surfacing later as a bad signature or an internal
// error. Nothing is sealed, sent or marked delivered because of it. Real desk store, real county, HTTPS.
import { sql } from 'kysely';
import { readdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/main/desk/store';
import { unwrapWithRecoveryCode } from '../../src/main/desk/keyring';
import { storeSyncHost } from '../../src/main/sync/host';
import { SyncService } from '../../src/main/sync/service';
import { importFolder } from '../../src/server/receive/usb-import';
import { isDomainError } from '../../src/shared/errors';
import { startTestCounty, type TestCounty } from '../support/county-server';
import { Desk, SETUP_INPUT } from '../support/desk-fixture';
import { countyEnvelopes, makeChanges } from '../support/desk-sync-fixture';
import { tempDir } from '../support/tmp';

/** 64 characters, none of them hex: what a damaged hex key column may hold. */
const NOT_HEX = 'z'.repeat(64);

describe('damaged stored keys', () => {
  let tmp: ReturnType<typeof tempDir>;
  let stick: ReturnType<typeof tempDir>;
  let countyDir: ReturnType<typeof tempDir>;
  let county: TestCounty;
  let store: Store;
  let service: SyncService;
  let device: string;

  beforeEach(async () => {
    tmp = tempDir('counseldesk-damaged-keys-');
    stick = tempDir('counseldesk-damaged-stick-');
    const desk = await Desk.open(tmp.dir);
    const { recoveryCode } = await desk.ok('setup.create', SETUP_INPUT);
    await makeChanges(desk, 3);
    await desk.close();
    const key = unwrapWithRecoveryCode(tmp.dir, recoveryCode);
    if (!key) throw new Error('recovery code did not open the keyring');
    store = await openStore(tmp.dir, key);
    countyDir = tempDir('counseldesk-county-');
    county = await startTestCounty({ dir: countyDir.dir });
    service = new SyncService(storeSyncHost({ db: store.db, dataDir: tmp.dir, folder: stick.dir }), {
      limits: { maxChanges: 2 },
    });
    device = (await service.enrol(await county.enrol('城关镇'))).enrolment?.deviceId ?? '';
  });
  afterEach(async () => {
    await service.close();
    await county.stop();
    countyDir.cleanup();
    await store.close();
    stick.cleanup();
    tmp.cleanup();
  });

  /** Writes past the CHECK that keeps the column hex: the damage a failing disk or a bad edit leaves. */
  async function damage(column: 'county_public_key' | 'county_receipt_key' | 'device_private_key') {
    await sql`PRAGMA ignore_check_constraints = ON`.execute(store.db);
    try {
      await sql`UPDATE sync_state SET ${sql.ref(column)} = ${NOT_HEX} WHERE id = 1`.execute(store.db);
    } finally {
      await sql`PRAGMA ignore_check_constraints = OFF`.execute(store.db);
    }
  }

  it.each([
    ['county_public_key', 'county'],
    ['county_receipt_key', 'receipt'],
    ['device_private_key', 'device'],
  ] as const)(
    'a damaged %s: the run fails with SYNC_KEY_CORRUPT (%s) before anything is sealed or sent',
    async (column, key) => {
      const pending = (await service.status()).pendingChanges;
      await damage(column);

      const status = await service.runNow();
      expect(status.lastError).toMatchObject({ code: 'SYNC_KEY_CORRUPT', meta: { key } });
      expect(status).toMatchObject({ pendingChanges: pending, sealedBatches: 0, lastSuccessAt: null });
      expect(status.history).toEqual([]);
      expect(await countyEnvelopes(county, device)).toEqual([]);
    },
  );

  it('a damaged receipt key: importing receipts from the stick fails with SYNC_KEY_CORRUPT, none is rejected', async () => {
    const exported = await service.exportUsb();
    expect(exported.fileCount).toBeGreaterThan(1);
    const imported = await importFolder(county.store, county.keys, stick.dir);
    expect(imported).toMatchObject({ stored: exported.fileCount, failed: [] });
    await damage('county_receipt_key');

    const error = await service.importReceipts().catch((e: unknown) => e);
    expect(isDomainError(error) && { code: error.code, meta: error.meta }).toEqual({
      code: 'SYNC_KEY_CORRUPT',
      meta: { key: 'receipt' },
    });
    const status = await service.status();
    expect(status.sealedBatches).toBe(exported.fileCount);
    expect(status.history.every((b) => b.status === 'sealed')).toBe(true);
  });

  it("the county's copy of the device key is damaged: a specific answer over HTTPS and USB, nothing stored", async () => {
    await county.store.db
      .updateTable('devices')
      .set({ public_key: NOT_HEX })
      .where('id', '=', device)
      .execute();
    const pending = (await service.status()).pendingChanges;

    const status = await service.runNow();
    expect(status.lastError).toMatchObject({ code: 'SYNC_REJECTED', meta: { reason: 'DEVICE_KEY_CORRUPT' } });
    expect(status.pendingChanges).toBe(pending);
    expect(status.history.every((b) => b.status === 'sealed')).toBe(true);
    expect(await countyEnvelopes(county, device)).toEqual([]);

    const exported = await service.exportUsb();
    const imported = await importFolder(county.store, county.keys, stick.dir);
    expect(imported.stored).toBe(0);
    expect(imported.failed).toHaveLength(exported.fileCount);
    expect(imported.failed.every((f) => f.code === 'DEVICE_KEY_CORRUPT')).toBe(true);
    expect(readdirSync(stick.dir).filter((f) => f.endsWith('.cdsr'))).toEqual([]);
  });
});
