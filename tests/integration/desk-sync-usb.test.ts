// The USB courier end to end: the desk writes sealed batches to a "stick" (a temp folder), the county
// imports the folder and writes receipts into it, the desk imports the receipts. And a stick that fails.
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFolder } from '../../src/server/receive/usb-import';
import { startTestCounty, type TestCounty } from '../support/county-server';
import {
  countyRowIds,
  deskUserIds,
  enrolDesk,
  makeChanges,
  openSyncDesk,
  type SyncTestDesk,
} from '../support/desk-sync-fixture';
import { tempDir } from '../support/tmp';

describe('USB courier (desk side, with the real county import)', () => {
  let county: TestCounty;
  let d: SyncTestDesk;
  let stick: ReturnType<typeof tempDir>;
  /** What the platform's folder dialog answers; null = the user cancelled. */
  let chosen: string | null;
  let device: string;

  beforeEach(async () => {
    county = await startTestCounty();
    stick = tempDir('counseldesk-stick-');
    chosen = null;
    d = await openSyncDesk({ folder: () => chosen });
    device = (await enrolDesk(d.desk, county)).enrolment?.deviceId ?? '';
  });
  afterEach(async () => {
    await d.cleanup();
    await county.stop();
    stick.cleanup();
  });

  const files = (suffix: string) => readdirSync(stick.dir).filter((f) => f.endsWith(suffix));

  it('export → county import → receipts import: delivered, and importing twice is harmless', async () => {
    await makeChanges(d.desk, 3);
    const pending = (await d.desk.ok('sync.status', null)).pendingChanges;
    const batches = Math.ceil(pending / 2);

    expect(await d.desk.ok('sync.exportUsb', null)).toEqual({
      cancelled: true,
      fileCount: 0,
      changeCount: 0,
    });
    chosen = stick.dir;
    expect(await d.desk.ok('sync.exportUsb', null)).toEqual({
      cancelled: false,
      fileCount: batches,
      changeCount: pending,
    });
    expect(files('.cdsb')).toHaveLength(batches);
    expect(files('.cdsb').every((f) => f.startsWith(`${device}-1-`))).toBe(true);
    // Written is not delivered: the changes stay pending until the county's receipts come back.
    expect(await d.desk.ok('sync.status', null)).toMatchObject({
      pendingChanges: pending,
      sealedBatches: batches,
    });
    const exported = await d.desk.ok('audit.list', { action: 'sync.usb_exported' });
    expect(exported.rows[0]?.detail).toEqual({ fileCount: batches, changeCount: pending });

    const imported = await importFolder(county.store, county.keys, stick.dir);
    expect(imported).toMatchObject({ files: batches, stored: batches, failed: [] });
    county.ingestor.kick();
    writeFileSync(join(stick.dir, 'forged.cdsr'), '{"receipt":{},"signature":"00"}');

    expect(await d.desk.ok('sync.importReceipts', null)).toEqual({
      cancelled: false,
      applied: batches,
      alreadyApplied: 0,
      rejected: 1,
      refused: 0,
    });
    const status = await d.desk.ok('sync.status', null);
    expect(status).toMatchObject({ pendingChanges: 0, sealedBatches: 0 });
    expect(status.history.every((b) => b.status === 'delivered')).toBe(true);
    expect(await d.desk.ok('sync.importReceipts', null)).toMatchObject({
      applied: 0,
      alreadyApplied: batches,
    });
    expect(await countyRowIds(county, device, 'users')).toEqual(await deskUserIds(d.desk));

    // Back online, nothing is sent twice: the next batch continues the chain.
    await makeChanges(d.desk, 1);
    expect(await d.desk.ok('sync.now', null)).toMatchObject({ lastError: null, pendingChanges: 0 });
  });

  it('a pulled or failing stick: SYNC_FOLDER_UNAVAILABLE, nothing marked delivered, no partial file left', async () => {
    await makeChanges(d.desk, 3);
    const pending = (await d.desk.ok('sync.status', null)).pendingChanges;

    chosen = join(stick.dir, 'pulled');
    expect((await d.desk.fails('sync.exportUsb', null)).code).toBe('SYNC_FOLDER_UNAVAILABLE');
    expect((await d.desk.fails('sync.importReceipts', null)).code).toBe('SYNC_FOLDER_UNAVAILABLE');

    // The stick fails while the second file is written (its name is taken by something unwritable).
    chosen = stick.dir;
    mkdirSync(join(stick.dir, `${device}-1-2.cdsb`, 'blocker'), { recursive: true });
    const error = await d.desk.fails('sync.exportUsb', null);
    expect(error).toMatchObject({ code: 'SYNC_FOLDER_UNAVAILABLE' });
    expect(error.message).toContain('U 盘');
    expect(existsSync(join(stick.dir, `${device}-1-1.cdsb`))).toBe(true);
    expect(files('.partial')).toEqual([]);
    const status = await d.desk.ok('sync.status', null);
    expect(status.pendingChanges).toBe(pending);
    expect(status.history.every((b) => b.status === 'sealed')).toBe(true);

    // The county imports what is complete; only those batches become delivered on the desk.
    rmSync(join(stick.dir, `${device}-1-2.cdsb`), { recursive: true });
    await importFolder(county.store, county.keys, stick.dir);
    expect(await d.desk.ok('sync.importReceipts', null)).toMatchObject({ applied: 1, rejected: 0 });
    const after = await d.desk.ok('sync.status', null);
    expect(after.pendingChanges).toBe(pending - 2);
    expect(after.history.filter((b) => b.status === 'delivered').map((b) => b.seq)).toEqual([1]);

    // Online sync resends the rest; the chain continues after the couriered batch.
    expect(await d.desk.ok('sync.now', null)).toMatchObject({ lastError: null, pendingChanges: 0 });
  });

  it('a named pipe, a 2 GiB sparse file and a link named *.cdsr are refused unread; real receipts apply', async () => {
    await makeChanges(d.desk, 1);
    chosen = stick.dir;
    await d.desk.ok('sync.exportUsb', null);
    await importFolder(county.store, county.keys, stick.dir);
    // Reading the pipe would block the desk's main process for good (no writer ever comes).
    execFileSync('mkfifo', [join(stick.dir, 'aaa-pipe.cdsr')]);
    const fd = openSync(join(stick.dir, 'bbb-huge.cdsr'), 'w');
    ftruncateSync(fd, 2 * 1024 ** 3);
    closeSync(fd);
    symlinkSync('/dev/zero', join(stick.dir, 'ccc-link.cdsr'));

    const result = await d.desk.ok('sync.importReceipts', null);
    expect(result).toMatchObject({ cancelled: false, rejected: 0, refused: 3 });
    expect(result.applied).toBeGreaterThan(0);
    expect(await d.desk.ok('sync.status', null)).toMatchObject({ pendingChanges: 0, sealedBatches: 0 });
  });
});
