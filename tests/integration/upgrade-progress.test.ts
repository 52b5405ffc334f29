// Progress of the long waits inside one call (issue 13): the sign-in that upgrades an older store (the
// before-migration backup, its read-back, each migration) and the first search that builds the index.
// A real encrypted store at an older schema version, the real backup hook and migrations, the dispatcher.
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { registerBackupBeforeMigration } from '../../src/main/backup';
import { currentVersion, latestSchemaVersion } from '../../src/main/db/migrator';
import { openStore } from '../../src/main/desk/store';
import type { StoreUpgrade } from '../../src/shared/auth';
import type { SearchIndexBuild } from '../../src/shared/search';
import { withStore } from '../support/backup-fixture';
import { addUser, Desk, setUpDesk, signInFresh } from '../support/desk-fixture';
import { makeOlderDesk, OLDER_ADMIN } from '../support/older-desk';
import { insertCase } from '../support/search-seed';
import { tempDir } from '../support/tmp';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Three migration steps to go, whatever the newest migration is. */
const STEPS = 3;

/** A data directory whose store is STEPS migrations behind, with an administrator the keyring lets in. */
async function olderDesk(): Promise<{ dataDir: string; dbKey: Buffer }> {
  const tmp = tempDir('counseldesk-upgrade-');
  cleanups.push(() => tmp.cleanup());
  return { dataDir: tmp.dir, dbKey: await makeOlderDesk(tmp.dir, latestSchemaVersion() - STEPS) };
}

/**
 * Polls `read` until `call` settles, each answer after a turn of the event loop (as the renderer's timer
 * would); answers the call's result and the distinct non-null answers in order.
 */
async function pollWhile<R, P>(call: Promise<R>, read: () => Promise<P | null>): Promise<[R, P[]]> {
  let settled = false;
  const done = call.finally(() => {
    settled = true;
  });
  const seen: P[] = [];
  while (!settled) {
    const p = await read();
    if (p !== null && JSON.stringify(p) !== JSON.stringify(seen.at(-1))) seen.push(p);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return [await done, seen];
}

describe('a sign-in that upgrades an older store reports its steps', () => {
  it('openStore reports the backup (bytes sealed), its read-back, then every migration step in order', async () => {
    registerBackupBeforeMigration();
    const { dataDir, dbKey } = await olderDesk();
    const reports: StoreUpgrade[] = [];
    const store = await openStore(dataDir, dbKey, { onUpgrade: (p) => reports.push(p) });
    expect(await currentVersion(store.db)).toBe(latestSchemaVersion());
    await store.close();

    const backup = reports.filter((r) => r.phase === 'backup');
    expect(backup[0]).toEqual({ phase: 'backup', done: 0, total: null });
    const measured = backup.slice(1);
    expect(measured.length).toBeGreaterThan(0);
    const total = measured[0]?.total ?? 0;
    expect(total).toBeGreaterThan(0);
    // Bytes only grow, of one total; once all are sealed the file is read back ('check'), by bytes too:
    // they grow to the file's size (the sealed file: a little more than the content), ending at it.
    expect(
      measured.every((r, i) => r.total === total && (i === 0 || r.done >= (measured[i - 1]?.done ?? 0))),
    ).toBe(true);
    expect(measured.at(-1)?.done).toBe(total);
    const check = reports.filter((r) => r.phase === 'check');
    expect(check.length).toBeGreaterThan(0);
    const fileBytes = check[0]?.total ?? 0;
    expect(fileBytes).toBeGreaterThan(total);
    expect(
      check.every((r, i) => r.total === fileBytes && r.done > (i === 0 ? 0 : (check[i - 1]?.done ?? 0))),
    ).toBe(true);
    expect(check.at(-1)?.done).toBe(fileBytes);
    expect(reports.map((r) => r.phase)).toEqual([
      ...backup.map(() => 'backup'),
      ...check.map(() => 'check'),
      ...Array<string>(STEPS).fill('migrate'),
    ]);
    expect(reports.slice(-STEPS)).toEqual(
      Array.from({ length: STEPS }, (_, i) => ({ phase: 'migrate', step: i + 1, steps: STEPS })),
    );
    // Counters only: nothing else crosses to the sign-in screen.
    for (const r of reports) expect(Object.keys(r).sort()).toEqual(expectedKeys(r.phase));
  });

  it('auth.upgradeProgress answers while the sign-in is pending, and is null before and after', async () => {
    const { dataDir } = await olderDesk();
    const desk = await Desk.open(dataDir);
    cleanups.push(() => desk.close());
    expect(await desk.ok('auth.upgradeProgress', null)).toBeNull();

    const [login, seen] = await pollWhile(desk.login(OLDER_ADMIN.username, OLDER_ADMIN.password), () =>
      desk.ok('auth.upgradeProgress', null),
    );
    expect(login.ok).toBe(true);
    expect(await desk.ok('auth.upgradeProgress', null)).toBeNull();

    // The poll is answered outside the queue the sign-in holds: it saw the upgrade as it went, in order —
    // the backup being sealed, its read-back, and every migration step (the migrator lets the event loop
    // turn before each).
    const order = ['backup', 'check', 'migrate'];
    const phases = seen.map((p) => order.indexOf(p.phase));
    expect(phases).toEqual([...phases].sort((a, b) => a - b));
    expect(new Set(seen.map((p) => p.phase))).toEqual(new Set(order));
    expect(seen.filter((p) => p.phase === 'migrate')).toEqual(
      Array.from({ length: STEPS }, (_, i) => ({ phase: 'migrate', step: i + 1, steps: STEPS })),
    );
  });

  it('an ordinary sign-in (a current store) reports nothing', async () => {
    const { desk, cleanup } = await setUpDesk();
    cleanups.push(cleanup);
    await desk.ok('auth.logout', null);
    const [login, seen] = await pollWhile(desk.login('admin', 'correct horse 1'), () =>
      desk.ok('auth.upgradeProgress', null),
    );
    expect(login.ok).toBe(true);
    expect(seen).toEqual([]);
  });
});

describe('a first search that builds the index reports the cases done', () => {
  it('search.indexProgress counts up to every case while the search is pending, then is null', async () => {
    const { desk, cleanup } = await setUpDesk();
    cleanups.push(cleanup);
    const directorId = await addUser(desk, 'director1', 'director');
    await signInFresh(desk, 'director1', 'temporary-pass-1', 'director pass 12');
    await desk.ok('auth.logout', null);
    // Cases written straight into the store, as before migration 0004: no index rows.
    const cases = 130;
    await withStore(desk.dir, 'director1', 'director pass 12', async (db) => {
      for (let i = 0; i < cases; i++) {
        await insertCase(db, {
          caseNumber: `2026-${String(i + 1).padStart(4, '0')}`,
          counsellorId: directorId,
          names: ['张三', '李四'],
        });
      }
      expect((await sql<{ n: number }>`SELECT count(*) AS n FROM search_docs`.execute(db)).rows[0]?.n).toBe(
        0,
      );
    });
    expect((await desk.login('director1', 'director pass 12')).ok).toBe(true);
    expect(await desk.ok('search.indexProgress', null)).toBeNull();

    const [search, seen] = await pollWhile(desk.call('search.cases', { query: '张三', limit: 20 }), () =>
      desk.ok('search.indexProgress', null),
    );
    expect(search.ok && search.value.rows.length).toBe(20);
    expect(await desk.ok('search.indexProgress', null)).toBeNull();
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.every((p: SearchIndexBuild) => p.total === cases && p.done <= cases)).toBe(true);
    expect(seen.every((p, i) => i === 0 || p.done > (seen[i - 1]?.done ?? 0))).toBe(true);

    // Built once: the next search reports nothing.
    const [, again] = await pollWhile(desk.call('search.cases', { query: '李四', limit: 20 }), () =>
      desk.ok('search.indexProgress', null),
    );
    expect(again).toEqual([]);
  });
});

function expectedKeys(phase: StoreUpgrade['phase']): string[] {
  switch (phase) {
    case 'backup':
    case 'check':
      return ['done', 'phase', 'total'];
    case 'migrate':
      return ['phase', 'step', 'steps'];
  }
}
