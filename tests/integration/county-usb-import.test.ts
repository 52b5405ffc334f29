// `county import <folder>` (src/server/receive/usb-import.ts) on real files: batches written by a real
// encrypted desk store with the desk's own courier code, a stick pulled mid-write (a truncated .cdsb, a
// leftover .partial), receipts written back and read by the desk, ingest afterwards — on SQLite and
// PostgreSQL.
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  copyFileSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/main/desk/store';
import { uuidv7 } from '../../src/main/desk/ids';
import { generateDatabaseKey } from '../../src/main/desk/keyring';
import { buildNextBatch } from '../../src/main/sync/batch-builder';
import { pendingCount } from '../../src/main/sync/outbox';
import { initSyncState } from '../../src/main/sync/state';
import { batchFileName, importReceiptFile, writeBatchFiles } from '../../src/main/sync/usb-courier';
import { ingestPending } from '../../src/server/ingest/ingest';
import { generateCountyKeys, type CountyKeys } from '../../src/server/county/keys';
import { addDevice, type CountyStore } from '../../src/server/store/store';
import { importFolder, receiptFileName } from '../../src/server/receive/usb-import';
import { parseSignedReceipt, verifyReceipt } from '../../src/shared/sync';
import { COUNTY_DIALECTS, openTestCountyStore } from '../support/county-db';
import { tempDir } from '../support/tmp';

const DEVICE = '0190a7c2-1b2c-7d3e-8f40-5a6b7c8d9e0f';
const NOW = new Date('2026-11-23T09:00:00.000Z');
/** One user per batch, so there are more than 9 batches and file order must be numeric, not by name. */
const USERS = 11;

describe.each(COUNTY_DIALECTS)('county import of a USB folder (%s)', (dialect) => {
  let tmp: ReturnType<typeof tempDir>;
  let desk: Store;
  let county: CountyStore;
  let keys: CountyKeys;
  let stick: string;
  let batches: number;

  beforeEach(async () => {
    tmp = tempDir('county-usb-');
    stick = join(tmp.dir, 'stick');
    mkdirSync(stick);
    mkdirSync(join(tmp.dir, 'desk'));
    desk = await openStore(join(tmp.dir, 'desk'), generateDatabaseKey(), { create: true });
    keys = await generateCountyKeys();
    const state = await initSyncState(desk.db, { deviceId: DEVICE, now: NOW.toISOString() });
    county = await openTestCountyStore(dialect, tmp.dir);
    await addDevice(county.db, {
      id: DEVICE,
      station: 'station',
      enrolmentCodeHash: '0'.repeat(64),
      publicKey: state.device_public_key,
      enrolledAt: NOW.toISOString(),
    });
    for (let i = 0; i < USERS; i++) {
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
    const opts = { countyPublicKey: keys.encryption.publicKey, now: NOW, maxChanges: 1, maxBytes: 1e6 };
    batches = 0;
    while (await buildNextBatch(desk.db, opts)) batches += 1;
  });
  afterEach(async () => {
    await county.close();
    await desk.close();
    tmp.cleanup();
  });

  const storedSeqs = async () =>
    (await county.db.selectFrom('envelopes').select('seq').orderBy('seq').execute()).map((r) =>
      Number(r.seq),
    );
  const receiptFiles = () => readdirSync(stick).filter((name) => name.endsWith('.cdsr'));
  const seqs = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

  it('imports every batch in order, writes one verifiable receipt each, and the desk applies them', async () => {
    expect(batches).toBeGreaterThanOrEqual(USERS);
    const names = await writeBatchFiles(desk.db, stick);
    const summary = await importFolder(county, keys, stick, { now: () => NOW });
    expect(summary).toEqual({
      files: batches,
      stored: batches,
      replayed: 0,
      failed: [],
      receipts: seqs(1, batches).map((seq) => receiptFileName({ device: DEVICE, epoch: 1, seq })),
    });
    expect(await storedSeqs()).toEqual(seqs(1, batches));
    // Nothing but the batches and their receipts: no temp file left behind.
    expect(readdirSync(stick).sort()).toEqual([...names, ...summary.receipts].sort());
    for (const seq of seqs(1, batches)) {
      const text = readFileSync(join(stick, receiptFileName({ device: DEVICE, epoch: 1, seq })), 'utf8');
      const receipt = await verifyReceipt(parseSignedReceipt(text), keys.signing.publicKey);
      expect(receipt).toMatchObject({ device: DEVICE, epoch: 1, seq, receivedAt: NOW.toISOString() });
    }
    for (const name of receiptFiles()) {
      await importReceiptFile(desk.db, join(stick, name), keys.signing.publicKey, NOW);
    }
    expect(await pendingCount(desk.db)).toBe(0);

    const ingested = await ingestPending(county, keys);
    expect(ingested).toMatchObject({ batches, blocked: 0 });
    const users = await county.db
      .selectFrom('county_rows')
      .select('row_id')
      .where('table_name', '=', 'users')
      .execute();
    expect(users).toHaveLength(USERS);
  });

  it('a stick pulled mid-write: the truncated file and the .partial are never imported; a rewrite repairs it', async () => {
    await writeBatchFiles(desk.db, stick);
    const second = join(stick, batchFileName(DEVICE, 1, 2));
    const full = readFileSync(second);
    truncateSync(second, Math.floor(full.length / 2));
    // The last batch never got its final name: only the courier's temp file is there, complete or not.
    const last = batchFileName(DEVICE, 1, batches);
    renameSync(join(stick, last), join(stick, `${last}.0a1b2c3d4e5f.partial`));
    writeFileSync(join(stick, 'notes.cdsb'), 'not a batch');

    const first = await importFolder(county, keys, stick);
    expect(first.stored).toBe(1);
    expect(first.receipts).toEqual([receiptFileName({ device: DEVICE, epoch: 1, seq: 1 })]);
    // Name and code only; the batches after the broken one cannot chain and say so.
    expect(first.failed).toEqual([
      { file: 'notes.cdsb', code: 'BAD_FILE_NAME' },
      { file: batchFileName(DEVICE, 1, 2), code: 'MALFORMED' },
      ...seqs(3, batches - 1).map((seq) => ({ file: batchFileName(DEVICE, 1, seq), code: 'SEQUENCE_GAP' })),
    ]);
    expect(await storedSeqs()).toEqual([1]);
    expect(receiptFiles()).toEqual([receiptFileName({ device: DEVICE, epoch: 1, seq: 1 })]);

    // The desk writes every batch still waiting for a receipt again; the county takes the rest.
    await writeBatchFiles(desk.db, stick);
    const second2 = await importFolder(county, keys, stick);
    expect(second2).toMatchObject({ stored: batches - 1, replayed: 1 });
    expect(second2.failed).toEqual([{ file: 'notes.cdsb', code: 'BAD_FILE_NAME' }]);
    expect(await storedSeqs()).toEqual(seqs(1, batches));
  });

  it('importing the same folder twice is harmless: same receipts, nothing stored twice', async () => {
    await writeBatchFiles(desk.db, stick);
    await importFolder(county, keys, stick);
    const receipts = new Map(receiptFiles().map((name) => [name, readFileSync(join(stick, name), 'utf8')]));
    const again = await importFolder(county, keys, stick, {
      now: () => new Date('2030-01-01T00:00:00.000Z'),
    });
    expect(again).toMatchObject({ stored: 0, replayed: batches, failed: [] });
    for (const [name, text] of receipts) expect(readFileSync(join(stick, name), 'utf8')).toBe(text);
    expect(await storedSeqs()).toEqual(seqs(1, batches));
    expect((await ingestPending(county, keys)).batches).toBe(batches);
    expect((await ingestPending(county, keys)).batches).toBe(0);
  });

  it('a file renamed to another device is reported and the others still go in', async () => {
    await writeBatchFiles(desk.db, stick);
    const stranger = '0190a7c2-1b2c-7d3e-8f40-000000000000';
    copyFileSync(join(stick, batchFileName(DEVICE, 1, 1)), join(stick, batchFileName(stranger, 1, 1)));
    const summary = await importFolder(county, keys, stick);
    expect(summary.failed).toEqual([{ file: batchFileName(stranger, 1, 1), code: 'ADDRESS_MISMATCH' }]);
    expect(summary.stored).toBe(batches);
  });

  it('a named pipe and a 2 GiB sparse file named like batches are refused, not waited on or read', async () => {
    await writeBatchFiles(desk.db, stick);
    // Later epochs of the same device, so they sort after the real batches and nothing else depends on them.
    const pipe = batchFileName(DEVICE, 2, 1);
    execFileSync('mkfifo', [join(stick, pipe)]);
    const huge = batchFileName(DEVICE, 3, 1);
    const fd = openSync(join(stick, huge), 'w');
    ftruncateSync(fd, 2 * 1024 ** 3);
    closeSync(fd);
    // Reading the pipe would block this process for good (no writer ever comes): the test would hang.
    const summary = await importFolder(county, keys, stick);
    expect(summary.failed).toEqual([
      { file: pipe, code: 'NOT_A_FILE' },
      { file: huge, code: 'TOO_LARGE' },
    ]);
    expect(summary.stored).toBe(batches);
    expect(await storedSeqs()).toEqual(seqs(1, batches));
  });
});
