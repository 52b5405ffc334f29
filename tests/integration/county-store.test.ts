// The county database (src/server/store.ts) on a real SQLite file: schema set-up is repeatable and the
// envelope log refuses a second row for a taken (device, epoch, seq) at the database level.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addDevice, openSqliteStore } from '../../src/server/store';

const root = mkdtempSync(join(tmpdir(), 'county-store-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const DEVICE = '0190a7c2-1b2c-7d3e-8f40-5a6b7c8d9e0f';

describe('county store', () => {
  it('reopens an existing database and enforces UNIQUE(device, epoch, seq) and enrolled devices', async () => {
    const path = join(root, 'county.db');
    const first = await openSqliteStore(path);
    await addDevice(first.db, {
      id: DEVICE,
      station: 'station',
      enrolmentCodeHash: '0'.repeat(64),
      publicKey: 'a'.repeat(64),
      enrolledAt: '2026-11-23T08:00:00.000Z',
    });
    await first.close();

    const store = await openSqliteStore(path);
    try {
      const row = {
        device: DEVICE,
        epoch: 1,
        seq: 1,
        hash: 'c'.repeat(64),
        bytes: Buffer.from([1, 2, 3]),
        received_at: '2026-11-23T09:00:00.000Z',
      };
      await store.db.insertInto('envelopes').values(row).execute();
      await expect(store.db.insertInto('envelopes').values(row).execute()).rejects.toThrow(/UNIQUE/);
      await expect(
        store.db
          .insertInto('envelopes')
          .values({ ...row, device: '0190a7c2-1b2c-7d3e-8f40-000000000000' })
          .execute(),
      ).rejects.toThrow(/FOREIGN KEY/);
      const stored = await store.db.selectFrom('envelopes').select(['bytes', 'seq']).execute();
      expect(stored).toHaveLength(1);
      expect(Buffer.from(stored[0]?.bytes ?? []).equals(row.bytes)).toBe(true);
    } finally {
      await store.close();
    }
  });
});
