// Case archives (issue 11): imported rows join the importing desk's sync as its own changes. Desk A exports
// its cases; desk B, enrolled with a real county server (HTTPS on 127.0.0.1, SQLite), imports them and
// syncs; the county ends holding exactly desk B's rows, the imported ones with A's origin_device kept.
// A later import that keeps both copies sends the copy as desk B's row.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYNCED_ARCHIVE_TABLES } from '../../src/main/archive/tables';
import { SYNCED_TABLE_NAMES } from '../../src/shared/sync';
import {
  archiveDesk,
  exportCases,
  PASSPHRASE,
  seedCases,
  type ArchiveDesk,
  type Row,
  type Seeded,
} from '../support/archive-fixture';
import { withStore } from '../support/backup-fixture';
import { addStaff, signInAs } from '../support/case-fixture';
import { compareDeskWithCounty, envelopeLog } from '../support/county-compare';
import { startTestCounty, type TestCounty } from '../support/county-server';
import { ADMIN } from '../support/desk-fixture';
import { enrolDesk, openSyncDesk, SYNC_TEST_OPTIONS, type SyncTestDesk } from '../support/desk-sync-fixture';
import { countyRows } from '../support/sync-desks';

let county: TestCounty;
let a: ArchiveDesk;
let b: SyncTestDesk;
let seeded: Seeded;
let device: string;

beforeEach(async () => {
  county = await startTestCounty({ dialect: 'sqlite' });
  a = await archiveDesk();
  seeded = await seedCases(a);
  await signInAs(a.desk, 'director');
  await exportCases(a.desk, seeded.caseIds);
  // Desk B sees A's stick; a few hundred changes to a batch keep the run short.
  b = await openSyncDesk({
    folder: () => a.stick,
    app: { sync: { ...SYNC_TEST_OPTIONS.sync, limits: { maxChanges: 200 } } },
  });
  device = (await enrolDesk(b.desk, county)).enrolment?.deviceId ?? '';
  expect(device).not.toBe('');
  await addStaff(b.desk);
  await signInAs(b.desk, 'director');
}, 60_000);
afterEach(async () => {
  await b.cleanup();
  await a.cleanup();
  await county.stop();
});

async function importAll(replaceCaseIds: string[] = []) {
  await b.desk.ok('archive.chooseImport', null);
  const preview = await b.desk.ok('archive.readImport', { passphrase: PASSPHRASE });
  const result = await b.desk.ok('archive.applyImport', { replaceCaseIds });
  return { preview, result };
}

async function syncB(): Promise<void> {
  const status = await b.desk.ok('sync.now', null);
  expect(status).toMatchObject({ pendingChanges: 0, sealedBatches: 0, lastError: null });
  await county.ingestor.idle();
}

/** The county holds exactly desk B's rows (every synced table, every column, same versions). */
async function expectCountyEqualsDesk(): Promise<void> {
  const log = await envelopeLog(county.store, device);
  expect(log.problems).toEqual([]);
  const comparison = await withStore(b.dir, ADMIN.username, ADMIN.password, (db) =>
    compareDeskWithCounty(db, county.store, device, new Map()),
  );
  expect(comparison.problems).toEqual([]);
  for (const table of SYNCED_TABLE_NAMES) {
    expect(comparison.tables[table].countyLive, table).toBe(comparison.tables[table].desk);
    expect(comparison.tables[table].countyDeleted, table).toBe(0);
  }
}

/** `table/id` → origin_device of every row of the archive's tables in a store. */
async function origins(dir: string): Promise<Map<string, string>> {
  return withStore(dir, ADMIN.username, ADMIN.password, async (db) => {
    const out = new Map<string, string>();
    for (const table of SYNCED_ARCHIVE_TABLES) {
      const rows = (await sql<Row>`SELECT id, origin_device FROM ${sql.table(table)}`.execute(db)).rows;
      for (const r of rows) out.set(`${table}/${String(r.id)}`, String(r.origin_device));
    }
    return out;
  });
}

/** This desk's own device id, as its rows carry it (the admin account was made here). */
async function ownDevice(dir: string): Promise<string> {
  return withStore(dir, ADMIN.username, ADMIN.password, async (db) => {
    const admin = await db
      .selectFrom('users')
      .select('origin_device')
      .where('username', '=', ADMIN.username)
      .executeTakeFirstOrThrow();
    return admin.origin_device;
  });
}

describe('imported rows reach the county', () => {
  it('as desk B changes, every archived row with its origin kept; a kept-both copy as B’s own row', async () => {
    const aDevice = await ownDevice(a.dir);
    const bDevice = await ownDevice(b.dir);
    expect(aDevice).not.toBe(bDevice);
    const fromA = await origins(a.dir);

    // B synced once before the import: only its own accounts are at the county.
    await syncB();
    const before = await countyRows(county.store, device);
    expect([...before.keys()].some((k) => k.startsWith('cases/'))).toBe(false);

    const first = await importAll();
    expect(first.result).toMatchObject({ added: 3, keptBoth: 0 });
    await syncB();
    await expectCountyEqualsDesk();

    // Every row of A's exported cases (all of A's archive-table rows: A has nothing else) is at the county
    // under B's device, with A's origin_device.
    const held = await countyRows(county.store, device);
    expect(fromA.size).toBeGreaterThan(20);
    for (const [key, origin] of fromA) {
      expect(origin, key).toBe(aDevice);
      expect(held.get(key)?.row.origin_device, key).toBe(aDevice);
      expect(held.get(key)?.deleted, key).toBe(0);
    }
    for (const table of [
      'cases',
      'case_parties',
      'counselling_records',
      'record_addenda',
      'dv_disclosures',
    ]) {
      expect(
        [...fromA.keys()].some((k) => k.startsWith(`${table}/`)),
        table,
      ).toBe(true);
    }
    for (const table of ['referrals', 'supervision_items', 'families', 'family_cases', 'followup_plans']) {
      expect(
        [...fromA.keys()].some((k) => k.startsWith(`${table}/`)),
        table,
      ).toBe(true);
    }

    // A adds an addendum to two cases; B imports again, replacing the first and keeping both of the second.
    const [main, second] = [seeded.caseIds[0]!, seeded.caseIds[1]!];
    for (const [caseId, text] of [
      [main, '第二次导出前的补充'],
      [second, '另一案的新补充'],
    ] as const) {
      const [record] = await a.desk.ok('records.list', { caseId });
      await a.desk.ok('records.addAddendum', { recordId: record!.id, text });
    }
    a.desk.clock.advanceSeconds(2); // a new file name
    await exportCases(a.desk, seeded.caseIds);
    const again = await importAll([main]);
    const states = new Map(again.preview.cases.map((c) => [c.caseId, c.state]));
    expect(states.get(main)).toBe('archive_newer');
    expect(states.get(second)).toBe('archive_newer');
    expect(again.result).toEqual({ added: 0, replaced: 1, keptBoth: 1, unchanged: 1 });
    const { reviews } = await b.desk.ok('archive.reviews', { caseId: second });
    const copyId = reviews[0]?.otherCaseId ?? '';
    expect(copyId).not.toBe('');

    await syncB();
    await expectCountyEqualsDesk();

    const nowHeld = await countyRows(county.store, device);
    const onB = await origins(b.dir);
    // The replaced case's new addendum is A's row; the copy and all its rows are B's rows, at the county too.
    const newFromA = [...(await origins(a.dir))].filter(([k]) => !fromA.has(k));
    expect(newFromA).toHaveLength(2);
    // The replaced case's new addendum is on B under its own id, A's origin; the other one only as a copy.
    expect(newFromA.filter(([k]) => onB.has(k))).toHaveLength(1);
    const copied = [...nowHeld].filter(([k, v]) => !fromA.has(k) && v.row.origin_device === bDevice);
    const copyTables = new Set(copied.map(([k]) => k.split('/')[0]));
    expect(nowHeld.get(`cases/${copyId}`)?.row.origin_device).toBe(bDevice);
    for (const t of ['cases', 'case_parties', 'counselling_records', 'record_addenda']) {
      expect(copyTables.has(t), t).toBe(true);
    }
    // Each copied row names the copy (or a row of it), never A's case.
    for (const [key, v] of copied) {
      if (key.startsWith('case_parties/') || key.startsWith('counselling_records/'))
        expect(v.row.case_id, key).toBe(copyId);
    }
    // The replaced case's addendum arrived; the one kept twice reached the county only in the copy.
    const addenda = [...nowHeld].filter(([k]) => k.startsWith('record_addenda/')).map(([, v]) => v.row);
    expect(addenda.filter((r) => r.text === '第二次导出前的补充').map((r) => r.case_id)).toEqual([main]);
    expect(addenda.filter((r) => r.text === '另一案的新补充').map((r) => r.case_id)).toEqual([copyId]);
    expect(addenda.find((r) => r.text === '第二次导出前的补充')?.origin_device).toBe(aDevice);
    expect(addenda.find((r) => r.text === '另一案的新补充')?.origin_device).toBe(bDevice);
  });
});
