// A sync run with a large backlog caps the connection's page cache for the run and gives it back after.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, PAGE_CACHE_KIB, type Store } from '../../src/main/desk/store';
import { uuidv7 } from '../../src/main/desk/ids';
import { generateDatabaseKey } from '../../src/main/desk/keyring';
import { capPageCache, LARGE_RUN_CACHE_KIB } from '../../src/main/sync/run';
import { tempDir } from '../support/tmp';

const NOW = '2026-03-02T01:30:00.000Z';

describe('sync run: the page cache during a large backlog', () => {
  let tmp: ReturnType<typeof tempDir>;
  let store: Store;

  beforeEach(async () => {
    tmp = tempDir();
    store = await openStore(tmp.dir, generateDatabaseKey(), { create: true });
    for (let i = 0; i < 3; i++) {
      await store.db
        .insertInto('users')
        .values({
          id: uuidv7(),
          username: `user.${i}`,
          display_name: '辅导员',
          role: 'counsellor',
          created_at: NOW,
          updated_at: NOW,
          origin_device: 'desk-1',
        })
        .execute();
    }
  });
  afterEach(async () => {
    await store.close();
    tmp.cleanup();
  });

  const cacheSize = async () =>
    Number((await sql<{ cache_size: number }>`PRAGMA cache_size`.execute(store.db)).rows[0]?.cache_size);

  it('caps it only for a backlog of at least the threshold, and restores the size it found', async () => {
    expect(await cacheSize()).toBe(-PAGE_CACHE_KIB);
    // 3 pending changes, under a threshold of 4: left alone
    const untouched = await capPageCache(store.db, 4);
    expect(await cacheSize()).toBe(-PAGE_CACHE_KIB);
    await untouched();
    expect(await cacheSize()).toBe(-PAGE_CACHE_KIB);
    // at the threshold: capped for the run, then given back
    const restore = await capPageCache(store.db, 3);
    expect(await cacheSize()).toBe(-LARGE_RUN_CACHE_KIB);
    await restore();
    expect(await cacheSize()).toBe(-PAGE_CACHE_KIB);
    // a cache already as small is never made larger
    await sql`PRAGMA cache_size = -2048`.execute(store.db);
    await (
      await capPageCache(store.db, 1)
    )();
    expect(await cacheSize()).toBe(-2048);
  });
});
