import type { AppOptions } from '../../src/main/app';
import type { SyncStatus } from '../../src/shared/sync/status';
import type { TestCounty } from './county-server';
import { addUser, Desk, FakeClock, SETUP_INPUT } from './desk-fixture';
import { tempDir } from './tmp';

/*
 * A real desk (createApp, encrypted store, IPC dispatch) for the sync tests, whose clock reads real time:
 * the county's Date header is real time and the desk compares it with its own clock. The loop's first
 * automatic run is an hour away unless a test asks otherwise, so runs happen when the test says
 * `sync.now`. Batches hold at most two changes, so a few changes already make several batches.
 */

export const SYNC_TEST_OPTIONS: AppOptions = {
  sync: {
    firstRunDelayMs: 3_600_000,
    enrolRetryDelayMs: 10,
    random: () => 0.5,
    limits: { maxChanges: 2 },
  },
};

export interface SyncTestDesk {
  desk: Desk;
  dir: string;
  cleanup(): Promise<void>;
}

export async function openSyncDesk(
  options: { folder?: () => string | null; app?: AppOptions } = {},
): Promise<SyncTestDesk> {
  const tmp = tempDir('counseldesk-desk-sync-');
  const desk = await Desk.open(tmp.dir, new FakeClock(Date.now()), {
    app: options.app ?? SYNC_TEST_OPTIONS,
    ...(options.folder ? { folder: options.folder } : {}),
  });
  await desk.ok('setup.create', SETUP_INPUT);
  return {
    desk,
    dir: tmp.dir,
    async cleanup() {
      await desk.close();
      tmp.cleanup();
    },
  };
}

let users = 0;

/** `n` synced changes: each new user is one captured insert. Returns the new user ids. */
export async function makeChanges(desk: Desk, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    users += 1;
    ids.push(await addUser(desk, `sync.user${users}`, 'counsellor'));
  }
  return ids;
}

export async function enrolDesk(desk: Desk, county: TestCounty, station = '城关镇'): Promise<SyncStatus> {
  return desk.ok('sync.enrol', { code: await county.enrol(station) });
}

/** Envelopes the county stored for a device, in order. */
export async function countyEnvelopes(
  county: TestCounty,
  device: string,
): Promise<{ epoch: number; seq: number }[]> {
  const rows = await county.store.db
    .selectFrom('envelopes')
    .select(['epoch', 'seq'])
    .where('device', '=', device)
    .orderBy('epoch')
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ epoch: Number(r.epoch), seq: Number(r.seq) }));
}

/** After ingest: the ids of a table's rows the county holds for a device. */
export async function countyRowIds(county: TestCounty, device: string, table: string): Promise<string[]> {
  await county.ingestor.idle();
  const rows = await county.store.db
    .selectFrom('county_rows')
    .select('row_id')
    .where('device', '=', device)
    .where('table_name', '=', table)
    .orderBy('row_id')
    .execute();
  return rows.map((r) => r.row_id);
}

/** The ids of the desk's users (what the county must end up holding). */
export async function deskUserIds(desk: Desk): Promise<string[]> {
  const users = await desk.ok('users.list', null);
  return users.map((u) => u.id).sort();
}
