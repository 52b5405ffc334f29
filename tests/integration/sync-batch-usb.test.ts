// The USB courier: sealed batches to files on a "stick" (a temp folder), the real county receiver reading
// them, receipt files back. Real encrypted desk store, real county SQLite file, real keys.
import { mkdirSync, readFileSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/main/desk/store';
import { uuidv7 } from '../../src/main/desk/ids';
import { generateDatabaseKey } from '../../src/main/desk/keyring';
import { buildNextBatch } from '../../src/main/sync/batch-builder';
import { pendingCount } from '../../src/main/sync/outbox';
import { initSyncState } from '../../src/main/sync/state';
import { batchFileName, importReceiptFile, writeBatchFiles } from '../../src/main/sync/usb-courier';
import { generateCountyKeys, type CountyKeys } from '../../src/server/county/keys';
import { receiveBatch } from '../../src/server/receive/receive';
import { addDevice, openSqliteStore, type CountyStore } from '../../src/server/store/store';
import { SyncFormatError, envelopeHash } from '../../src/shared/sync';
import { tempDir } from '../support/tmp';

const DEVICE = '0190a7c2-1b2c-7d3e-8f40-5a6b7c8d9e0f';
const NOW = new Date('2026-11-23T09:00:00.000Z');
const FILE = /^([0-9a-f-]{36})-(\d+)-(\d+)\.cdsb$/;

describe('sync batches over the USB courier', () => {
  let tmp: ReturnType<typeof tempDir>;
  let desk: Store;
  let county: CountyStore;
  let keys: CountyKeys;
  let stick: string;

  beforeEach(async () => {
    tmp = tempDir();
    stick = join(tmp.dir, 'stick');
    mkdirSync(stick);
    mkdirSync(join(tmp.dir, 'desk'));
    desk = await openStore(join(tmp.dir, 'desk'), generateDatabaseKey(), { create: true });
    keys = await generateCountyKeys();
    const state = await initSyncState(desk.db, { deviceId: DEVICE, now: NOW.toISOString() });
    county = await openSqliteStore(join(tmp.dir, 'county.db'));
    await addDevice(county.db, {
      id: DEVICE,
      station: 'station',
      enrolmentCodeHash: '0'.repeat(64),
      publicKey: state.device_public_key,
      enrolledAt: NOW.toISOString(),
    });
    for (let i = 0; i < 7; i++) {
      await desk.db
        .insertInto('users')
        .values({
          id: uuidv7(),
          username: `user.${i}`,
          display_name: '张辅导',
          role: 'counsellor',
          created_at: NOW.toISOString(),
          updated_at: NOW.toISOString(),
          origin_device: DEVICE,
        })
        .execute();
    }
    const opts = { countyPublicKey: keys.encryption.publicKey, now: NOW, maxChanges: 3, maxBytes: 1e6 };
    while (await buildNextBatch(desk.db, opts));
  });
  afterEach(async () => {
    await county.close();
    await desk.close();
    tmp.cleanup();
  });

  /** The county side of the courier: every .cdsb file in order, a receipt file back for each. */
  async function countyImport(): Promise<string[]> {
    const receipts: string[] = [];
    const files = readdirSync(stick)
      .map((name) => FILE.exec(name))
      .filter((m) => m !== null)
      .sort((a, b) => Number(a[3]) - Number(b[3]));
    for (const m of files) {
      const address = { device: m[1] ?? '', epoch: Number(m[2]), seq: Number(m[3]) };
      const result = await receiveBatch(county, keys, address, readFileSync(join(stick, m[0])));
      const path = join(stick, `${m[0]}.receipt.json`);
      writeFileSync(path, result.text);
      receipts.push(path);
    }
    return receipts;
  }

  it('round trip: files named by device-epoch-seq, stored by the county, receipts delivered the outbox', async () => {
    const names = await writeBatchFiles(desk.db, stick);
    expect(names).toEqual([1, 2, 3].map((seq) => batchFileName(DEVICE, 1, seq)));
    expect(readdirSync(stick).sort()).toEqual([...names].sort()); // no temp files left
    const batches = await desk.db.selectFrom('sync_batches').select(['seq', 'hash']).orderBy('seq').execute();
    for (const b of batches) {
      expect(await envelopeHash(readFileSync(join(stick, batchFileName(DEVICE, 1, b.seq))))).toBe(b.hash);
    }
    const receipts = await countyImport();
    for (const path of receipts) {
      expect(await importReceiptFile(desk.db, path, keys.signing.publicKey, NOW)).toMatchObject({
        applied: true,
      });
    }
    expect(await pendingCount(desk.db)).toBe(0);
    // a receipt file imported twice changes nothing; delivered batches are not written again
    expect(await importReceiptFile(desk.db, receipts[0] ?? '', keys.signing.publicKey)).toMatchObject({
      applied: false,
    });
    expect(await writeBatchFiles(desk.db, stick)).toEqual([]);
  });

  it('a stick pulled mid-write: the truncated file is refused by the county; writing again repairs it', async () => {
    await writeBatchFiles(desk.db, stick);
    const first = join(stick, batchFileName(DEVICE, 1, 1));
    const full = readFileSync(first);
    for (const cut of [0, 10, full.length - 1]) {
      truncateSync(first, cut);
      await expect(
        receiveBatch(county, keys, { device: DEVICE, epoch: 1, seq: 1 }, readFileSync(first)),
      ).rejects.toMatchObject({ code: 'MALFORMED' });
      writeFileSync(first, full);
    }
    truncateSync(first, 100);
    await expect(
      receiveBatch(county, keys, { device: DEVICE, epoch: 1, seq: 1 }, readFileSync(first)),
    ).rejects.toBeInstanceOf(SyncFormatError);
    expect(await county.db.selectFrom('envelopes').selectAll().execute()).toEqual([]);
    await writeBatchFiles(desk.db, stick);
    expect(readFileSync(first).equals(full)).toBe(true);
    expect(await countyImport()).toHaveLength(3);
  });

  it('only batches still waiting for a receipt are written again', async () => {
    const names = await writeBatchFiles(desk.db, stick);
    const receipts = await countyImport();
    await importReceiptFile(desk.db, receipts[0] ?? '', keys.signing.publicKey, NOW);
    expect(await writeBatchFiles(desk.db, stick)).toEqual(names.slice(1));
  });
});
