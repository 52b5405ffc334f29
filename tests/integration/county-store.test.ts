// The county database (src/server/store/store.ts) on a real SQLite file and a real PostgreSQL database:
// schema set-up is repeatable, envelope bytes and bigint counters come back as written, and the envelope log
// refuses a second row for a taken (device, epoch, seq) and rows of unknown devices at the database level.
import { afterAll, describe, expect, it } from 'vitest';
import { CountySchemaTooNewError, addDevice, openCountyStore } from '../../src/server/store/store';
import { COUNTY_DIALECTS, createTestCountyDatabase } from '../support/county-db';
import { tempDir } from '../support/tmp';

const tmp = tempDir('county-store-');
afterAll(() => tmp.cleanup());

const DEVICE = '0190a7c2-1b2c-7d3e-8f40-5a6b7c8d9e0f';

describe.each(COUNTY_DIALECTS)('county store (%s)', (dialect) => {
  it('reopens an existing database and enforces UNIQUE(device, epoch, seq) and enrolled devices', async () => {
    const config = await createTestCountyDatabase(dialect, tmp.dir);
    const first = await openCountyStore(config);
    expect(first.dialect).toBe(dialect);
    await addDevice(first.db, {
      id: DEVICE,
      station: 'station',
      enrolmentCodeHash: '0'.repeat(64),
      publicKey: 'a'.repeat(64),
      enrolledAt: '2026-11-23T08:00:00.000Z',
    });
    await first.close();

    const store = await openCountyStore(config);
    try {
      const bytes = Buffer.from([0, 1, 2, 255, 0x5c, 0x27]); // NUL, high byte, backslash, quote
      const row = {
        device: DEVICE,
        epoch: 1,
        seq: Number.MAX_SAFE_INTEGER,
        hash: 'c'.repeat(64),
        bytes,
        received_at: '2026-11-23T09:00:00.000Z',
      };
      await store.db.insertInto('envelopes').values(row).execute();
      await expect(store.db.insertInto('envelopes').values(row).execute()).rejects.toThrow(/unique/i);
      await expect(
        store.db
          .insertInto('envelopes')
          .values({ ...row, device: '0190a7c2-1b2c-7d3e-8f40-000000000000' })
          .execute(),
      ).rejects.toThrow(/foreign key/i);
      const stored = await store.db.selectFrom('envelopes').select(['bytes', 'seq', 'epoch']).execute();
      expect(stored).toHaveLength(1);
      expect(Buffer.from(stored[0]?.bytes ?? []).equals(bytes)).toBe(true);
      expect(stored[0]?.seq).toBe(Number.MAX_SAFE_INTEGER);
      expect(stored[0]?.epoch).toBe(1);
      const devices = await store.db.selectFrom('devices').select('id').execute();
      expect(devices).toEqual([{ id: DEVICE }]);
    } finally {
      await store.close();
    }
  });

  it('refuses a database written by a newer server', async () => {
    const config = await createTestCountyDatabase(dialect, tmp.dir);
    const store = await openCountyStore(config);
    await store.db.updateTable('county_meta').set({ schema_version: 99 }).where('id', '=', 1).execute();
    await store.close();
    await expect(openCountyStore(config)).rejects.toBeInstanceOf(CountySchemaTooNewError);
  });
});
