// Draft churn (issue 10): pending outbox changes of one row are coalesced to its latest state at capture,
// so autosaving a draft twenty times ships (and keeps) only the latest state, text deleted from the draft
// never leaves the desk, and a parent still comes before its children.
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openBatch, parseChangeLines, parseEnvelope } from '../../src/shared/sync';
import { startTestCounty, type TestCounty } from '../support/county-server';
import { openStore, type Store } from '../../src/main/desk/store';
import { unwrapWithPassword } from '../../src/main/desk/keyring';
import { minimalIntake } from '../support/case-fixture';
import { ADMIN, addUser, type Desk, signInFresh } from '../support/desk-fixture';
import { enrolDesk, openSyncDesk, SYNC_TEST_OPTIONS, type SyncTestDesk } from '../support/desk-sync-fixture';

const SECRET = '她说丈夫曾用刀威胁过她-只在草稿里';

/** One counsellor, signed in (the admin may not open cases). */
async function signInCounsellor(desk: Desk): Promise<void> {
  await addUser(desk, 'counsellor.a', 'counsellor');
  await signInFresh(desk, 'counsellor.a', 'temporary-pass-1', 'counsellor-a-pass');
}

describe('outbox coalescing (draft churn)', () => {
  let county: TestCounty;
  let d: SyncTestDesk;

  beforeEach(async () => {
    county = await startTestCounty();
    d = await openSyncDesk({
      app: { ...SYNC_TEST_OPTIONS, sync: { ...SYNC_TEST_OPTIONS.sync, limits: { maxChanges: 50 } } },
    });
  });
  afterEach(async () => {
    await second?.close();
    second = null;
    await d.cleanup();
    await county.stop();
  });

  // A second connection to the running desk's store (WAL: it reads what the desk committed).
  let second: Store | null = null;
  const store = () => {
    if (!second) throw new Error('not opened');
    return second;
  };
  const openSecond = async () => {
    const unlocked = unwrapWithPassword(d.dir, ADMIN.username, ADMIN.password);
    if (!unlocked) throw new Error('the admin slot does not open');
    second = await openStore(d.dir, unlocked.dbKey);
  };
  const outbox = async () => {
    if (!second) await openSecond();
    return store()
      .db.selectFrom('outbox')
      .select(['seq', 'table_name', 'row_id', 'op', 'row_version', 'payload', 'delivered_batch'])
      .orderBy('seq')
      .execute();
  };

  it('twenty autosaves: only the latest state is kept and shipped; the deleted secret never leaves', async () => {
    const device = (await enrolDesk(d.desk, county)).enrolment?.deviceId ?? '';
    await signInCounsellor(d.desk);
    await d.desk.ok('sync.now', null); // the setup's rows go first: the draft starts on an empty outbox
    const caseId = (await d.desk.ok('cases.create', minimalIntake())).id;
    let draft = await d.desk.ok('records.saveDraft', { caseId, interviewNotes: '开始记录' });
    for (let i = 1; i <= 20; i++) {
      // The secret is typed in at save 5 and deleted again at save 9; other writes come in between.
      const notes = i >= 5 && i < 9 ? `第${i}次保存。${SECRET}` : `第${i}次保存，情绪稳定`;
      draft = await d.desk.ok('records.saveDraft', {
        caseId,
        recordId: draft.id,
        baseVersion: draft.version,
        interviewNotes: notes,
      });
      if (i % 6 === 0) await d.desk.ok('cases.create', minimalIntake());
      if (i === 10) await d.desk.ok('sync.now', null); // half the churn after a delivery
      d.desk.clock.advanceSeconds(5);
    }
    expect(draft.version).toBe(21);

    // On disk: the record's pending entries hold only its latest state; the secret is in no entry.
    const pending = await outbox();
    expect(pending.some((e) => e.payload.includes(SECRET))).toBe(false);
    const ofRecord = pending.filter((e) => e.row_id === draft.id);
    expect(ofRecord.length).toBeGreaterThanOrEqual(1);
    expect(ofRecord.length).toBeLessThanOrEqual(2);
    for (const e of ofRecord) {
      expect(e.row_version).toBe(21);
      expect(JSON.parse(e.payload)).toMatchObject({ version: 21, interview_notes: '第20次保存，情绪稳定' });
    }

    const status = await d.desk.ok('sync.now', null);
    expect(status).toMatchObject({ lastError: null, pendingChanges: 0 });

    // Every batch the county received, opened: no secret; the record's lines all carry its latest state
    // or (before the mid-way delivery) the state of that moment, never one of the secret ones.
    const envelopes = await county.store.db
      .selectFrom('envelopes')
      .select(['seq', 'bytes'])
      .where('device', '=', device)
      .orderBy('epoch')
      .orderBy('seq')
      .execute();
    const recordVersions: number[] = [];
    for (const env of envelopes) {
      const parsed = parseEnvelope(env.bytes);
      const plain = gunzipSync(await openBatch(parsed, county.keys.encryption.privateKey));
      expect(plain.toString('utf8').includes(SECRET)).toBe(false);
      for (const line of parseChangeLines(plain, parsed.header.count)) {
        if (line.id === draft.id) recordVersions.push(line.version);
      }
    }
    // Saves 1..10 went as one state (version 11) in the mid-way run, saves 11..20 as the latest (21).
    expect(new Set(recordVersions)).toEqual(new Set([11, 21]));
    expect(recordVersions.length).toBeLessThanOrEqual(4);
  });

  it('a parent updated after its children were written still comes before them', async () => {
    await enrolDesk(d.desk, county);
    await signInCounsellor(d.desk);
    await d.desk.ok('sync.now', null);
    const kase = await d.desk.ok('cases.create', minimalIntake());
    const draft = await d.desk.ok('records.saveDraft', { caseId: kase.id, interviewNotes: '记录一' });
    // The case changes after its record was written: its pending insert takes the new state in place
    // (before the record), and the latest state is appended after the record too.
    const filing = { receivedDate: '2026-03-02', receiptNumber: 'SL-2026-0099' };
    await d.desk.ok('cases.update', { caseId: kase.id, ...minimalIntake({ filing }) });
    await d.desk.ok('records.saveDraft', {
      caseId: kase.id,
      recordId: draft.id,
      baseVersion: draft.version,
      interviewNotes: '记录二',
    });
    const firstSeq = new Map<string, number>();
    for (const e of await outbox()) if (!firstSeq.has(e.row_id)) firstSeq.set(e.row_id, e.seq);
    const rows = await outbox();
    // every counselling record's and case party's first entry comes after its case's first entry
    for (const e of rows) {
      const row = JSON.parse(e.payload) as { case_id?: string };
      if (e.table_name === 'counselling_records' || e.table_name === 'case_parties') {
        expect(firstSeq.get(row.case_id ?? '')).toBeLessThan(firstSeq.get(e.row_id) ?? 0);
      }
    }
    // the case: its insert where it was, with the latest state, and that state again at the end
    const ofCase = rows.filter((e) => e.row_id === kase.id);
    expect(ofCase.map((e) => e.op)).toEqual(['insert', 'update']);
    expect(ofCase[0]?.payload).toBe(ofCase[1]?.payload);
    expect(ofCase[1]?.seq).toBeGreaterThan(firstSeq.get(draft.id) ?? Infinity);
    // the record: the case's update came between its insert and its update, so it too is kept twice,
    // both times in its latest state
    const ofRecord = rows.filter((e) => e.row_id === draft.id);
    expect(ofRecord.map((e) => [e.op, e.row_version])).toEqual([
      ['insert', 2],
      ['update', 2],
    ]);
    expect(ofRecord[0]?.payload).toBe(ofRecord[1]?.payload);
    // and the guards still hold for the app: a pending entry that nothing supersedes stays, unchanged
    const only = rows.find((e) => e.table_name === 'case_parties');
    await expect(
      store()
        .db.deleteFrom('outbox')
        .where('seq', '=', only?.seq ?? 0)
        .execute(),
    ).rejects.toThrow(/cannot be removed/);
    await expect(
      store()
        .db.updateTable('outbox')
        .set({ payload: '{}' })
        .where('seq', '=', only?.seq ?? 0)
        .execute(),
    ).rejects.toThrow(/immutable/);
  });
});
