import { sql, type Kysely } from 'kysely';
import { openStore, type Store } from '../../src/main/desk/store';
import { uuidv7 } from '../../src/main/desk/ids';
import { generateDatabaseKey, unwrapWithPassword } from '../../src/main/desk/keyring';
import type { DB } from '../../src/main/db/schema';
import { SYNCED_TABLES } from '../../src/main/sync/sync.table';
import { buildNextBatch, type BuiltBatch } from '../../src/main/sync/batch-builder';
import { initSyncState, pinCountyKeys } from '../../src/main/sync/state';
import type { CountyKeys } from '../../src/server/county/keys';
import { receiveBatch } from '../../src/server/receive/receive';
import { addDevice, type CountyStore } from '../../src/server/store/store';
import { ZERO_HASH } from '../../src/shared/sync';
import { addStaff, fullIntake, minimalIntake, signInAs } from './case-fixture';
import { ADMIN, setUpDesk } from './desk-fixture';
import { DISCLOSURE } from './protection-fixture';
import { tempDir } from './tmp';

/*
 * Real desks for the county ingest and report tests: the desk's own encrypted store, capture triggers,
 * outbox and batch builder, sealed to a real county key. `workloadDesk` makes its data through the desk's
 * services (dispatch); `plainDesk` is an empty store for hand-made rows.
 */

export const NOW = new Date('2026-11-23T09:00:00.000Z');

export interface SyncDesk {
  db: Kysely<DB>;
  deviceId: string;
  /** Hex Ed25519 public key, what the county enrols. */
  publicKey: string;
  close(): Promise<void>;
}

async function enrolDesk(store: Store, deviceId: string, keys: CountyKeys): Promise<string> {
  const state = await initSyncState(store.db, { deviceId, now: NOW.toISOString() });
  await pinCountyKeys(store.db, {
    countyPublicKey: keys.encryption.publicKey,
    countyReceiptKey: keys.signing.publicKey,
    now: NOW.toISOString(),
  });
  return state.device_public_key;
}

/** An empty desk store (migrations only) enrolled as `deviceId`. */
export async function plainDesk(deviceId: string, keys: CountyKeys): Promise<SyncDesk> {
  const tmp = tempDir('counseldesk-sync-desk-');
  const store = await openStore(tmp.dir, generateDatabaseKey(), { create: true });
  const publicKey = await enrolDesk(store, deviceId, keys);
  return {
    db: store.db,
    deviceId,
    publicKey,
    async close() {
      await store.close();
      tmp.cleanup();
    },
  };
}

/** What `workloadDesk` made, by the desk's codes (the report test's expectations). */
export const WORKLOAD = {
  cases: 4,
  casesByType: { divorce_adjustment: 2, premarital: 1, marital: 1 },
  casesByStatus: { accepted_cooling: 1, withdrawn: 1, none: 2 },
  casesByResult: { postpone: 1, reconcile: 1, none: 2 },
  records: 3,
  signedRecords: 2,
  referralsByTarget: { legal_aid: 1, police: 1 },
  referralsByStatus: { sent: 1, created: 1 },
  dvDisclosures: 1,
} as const;

/**
 * A desk set up and used through its services: staff, four cases of three types (one filing withdrawn),
 * records signed with results, a DV disclosure, two referrals (one sent), an addendum, a supervision item.
 * Then its store is reopened directly and enrolled as `deviceId`.
 */
export async function workloadDesk(deviceId: string, keys: CountyKeys): Promise<SyncDesk> {
  const { desk, cleanup } = await setUpDesk();
  try {
    const staff = await addStaff(desk);
    const parties = minimalIntake().parties;
    const c1 = await desk.ok('cases.create', minimalIntake({ companionUserId: staff.counsellorB }));
    const c2 = await desk.ok(
      'cases.create',
      fullIntake({ filing: { receivedDate: '2026-03-02', receiptNumber: 'SL-2026-0002' } }),
    );
    const c3 = await desk.ok('cases.create', { type: 'premarital', parties });
    const c4 = await desk.ok('cases.create', { type: 'marital', parties });
    await desk.ok('cases.transition', {
      caseId: c2.id,
      action: 'withdraw',
      by: 'both',
      date: '2026-03-02',
      confirmationNumber: 'CH-1',
    });
    const signed: string[] = [];
    for (const [caseId, result] of [
      [c1.id, 'postpone'],
      [c3.id, 'reconcile'],
    ] as const) {
      const draft = await desk.ok('records.saveDraft', { caseId, interviewNotes: '询问笔录' });
      const record = await desk.ok('records.get', { recordId: draft.id });
      await desk.ok('records.saveDraft', {
        caseId,
        recordId: draft.id,
        baseVersion: record.version,
        sessionDate: '2026-03-02',
        halfDay: 'am',
        channel: 'face_to_face',
        counsellorIds: record.counsellors.map((c) => c.id),
        interviewNotes: '签署前的笔录',
        result,
      });
      await desk.ok('records.sign', { recordId: draft.id });
      signed.push(draft.id);
    }
    await desk.ok('records.saveDraft', { caseId: c4.id, interviewNotes: '草稿' });
    await desk.ok('records.addAddendum', { recordId: signed[0] as string, text: '补充说明' });
    await desk.ok('dv.create', { caseId: c1.id, ...DISCLOSURE });
    const referral = await desk.ok('referrals.create', {
      caseId: c1.id,
      target: 'legal_aid',
      targetName: null,
      reason: '需要法律援助',
      consentGiven: true,
      expectedReplyDate: '2026-03-09',
    });
    await desk.ok('referrals.transition', {
      referralId: referral.id,
      to: 'sent',
      date: '2026-03-02',
      note: null,
    });
    await desk.ok('referrals.create', {
      caseId: c2.id,
      target: 'police',
      targetName: '明水派出所',
      reason: '人身安全',
      consentGiven: true,
      expectedReplyDate: '2026-03-09',
    });
    await signInAs(desk, 'director');
    await desk.ok('supervision.create', {
      kind: 'supervise',
      caseId: c3.id,
      dueDate: '2026-03-09',
      instructions: '请跟进',
    });
    await desk.close();
  } catch (e) {
    await cleanup();
    throw e;
  }
  const unlocked = unwrapWithPassword(desk.dir, ADMIN.username, ADMIN.password);
  if (!unlocked) throw new Error('the admin slot does not open');
  const store = await openStore(desk.dir, unlocked.dbKey);
  const publicKey = await enrolDesk(store, deviceId, keys);
  return {
    db: store.db,
    deviceId,
    publicKey,
    async close() {
      await store.close();
      await cleanup();
    },
  };
}

/** Users rows written directly (casework-shaped text, CJK): the triggers capture them like any write. */
export async function addUsers(db: Kysely<DB>, n: number, origin: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const id = uuidv7();
    ids.push(id);
    await db
      .insertInto('users')
      .values({
        id,
        username: `user.${id}`,
        display_name: '辅导员'.repeat(1 + (i % 4)),
        role: 'counsellor',
        created_at: NOW.toISOString(),
        updated_at: NOW.toISOString(),
        origin_device: origin,
      })
      .execute();
  }
  return ids;
}

/** Seals every pending change into batches of at most `maxChanges`. */
export async function sealAll(desk: SyncDesk, keys: CountyKeys, maxChanges: number): Promise<BuiltBatch[]> {
  const out: BuiltBatch[] = [];
  const build = () =>
    buildNextBatch(desk.db, {
      countyPublicKey: keys.encryption.publicKey,
      now: NOW,
      maxChanges,
      maxBytes: 2 * 1024 * 1024,
    });
  for (let b = await build(); b; b = await build()) out.push(b);
  return out;
}

/**
 * What a restored backup does to the sync state (docs/architecture.md "Sync on the desk"): the next epoch
 * from seq 1, and the sealed-undelivered batches dropped so their changes are sealed again in it.
 */
export async function startNewEpoch(db: Kysely<DB>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('sync_state')
      .set((eb) => ({ epoch: eb('epoch', '+', 1), next_seq: 1, last_hash: ZERO_HASH }))
      .where('id', '=', 1)
      .execute();
    await trx.deleteFrom('sync_batches').where('status', '=', 'sealed').execute();
  });
}

/** Every row of every synced table, keyed `table/id`, exactly as the desk holds it. */
export async function deskRows(db: Kysely<DB>): Promise<Map<string, Record<string, unknown>>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const table of SYNCED_TABLES) {
    const rows = (await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(db)).rows;
    for (const row of rows) out.set(`${table}/${String(row.id)}`, row);
  }
  return out;
}

export interface CountyRow {
  row: Record<string, unknown>;
  version: number;
  deleted: number;
  epoch: number;
  seq: number;
}

/** The county's rows of one device, keyed `table/id`. */
export async function countyRows(county: CountyStore, device: string): Promise<Map<string, CountyRow>> {
  const rows = await county.db.selectFrom('county_rows').selectAll().where('device', '=', device).execute();
  return new Map(
    rows.map((r) => [
      `${r.table_name}/${r.row_id}`,
      {
        row: JSON.parse(
          county.rows.open({ device, table: r.table_name, id: r.row_id }, r.row_json),
        ) as Record<string, unknown>,
        version: Number(r.version),
        deleted: Number(r.deleted),
        epoch: Number(r.epoch),
        seq: Number(r.seq),
      },
    ]),
  );
}

/** The live (not deleted) county rows of a device as plain row objects, keyed like deskRows. */
export async function liveCountyRows(
  county: CountyStore,
  device: string,
): Promise<Map<string, Record<string, unknown>>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const [key, value] of await countyRows(county, device))
    if (value.deleted === 0) out.set(key, value.row);
  return out;
}

export async function enrolAtCounty(county: CountyStore, desk: SyncDesk, station: string): Promise<void> {
  await addDevice(county.db, {
    id: desk.deviceId,
    station,
    enrolmentCodeHash: '0'.repeat(64),
    publicKey: desk.publicKey,
    enrolledAt: NOW.toISOString(),
  });
}

/** Sends batches through the county's verify-and-store path, in order. */
export async function deliver(
  county: CountyStore,
  keys: CountyKeys,
  device: string,
  batches: readonly BuiltBatch[],
): Promise<void> {
  for (const b of batches) {
    await receiveBatch(county, keys, { device, epoch: b.epoch, seq: b.seq }, b.bytes, { now: () => NOW });
  }
}
