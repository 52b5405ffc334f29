import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/main/demo/random';
import { openStore, type Store } from '../../src/main/desk/store';
import { unwrapWithPassword } from '../../src/main/desk/keyring';
import { SYNCED_TABLES, type SyncedTableName } from '../../src/main/sync/sync.table';
import { pendingChanges, pendingCount } from '../../src/main/sync/outbox';
import { addStaff, fullIntake, minimalIntake, signInAs, type Staff } from '../support/case-fixture';
import { ADMIN, setUpDesk, type Desk } from '../support/desk-fixture';
import { DISCLOSURE } from '../support/protection-fixture';

/*
 * Change capture end to end: a seeded random workload through the real services (dispatch on the
 * encrypted store), then the store is reopened and every row of every synced table must be explained by
 * its outbox entries.
 */

const SEED = 0x5eed_0004;
const STEPS = 150;
const TODAY = '2026-03-02';

/** A seeded generator, so a failure replays exactly. */
const rng = mulberry32;

interface World {
  cases: string[];
  drafts: string[];
  signed: string[];
  disclosures: string[];
  referrals: { id: string; status: 'created' | 'sent' | 'accepted' | 'rejected' | 'done' }[];
  items: string[];
  /** Cases with a signed result (a family archive can be opened). */
  resulted: string[];
  families: string[];
  volunteers: string[];
  /** Family work done so far: it cycles through assign, visit, member, help link. */
  familyTick: number;
}

type Step = (desk: Desk, w: World, pick: <T>(xs: readonly T[]) => T, n: number) => Promise<boolean>;

const NEXT_REFERRAL = {
  created: 'sent',
  sent: 'accepted',
  accepted: 'done',
  rejected: null,
  done: null,
} as const;

/** Each step does one thing through dispatch; false when the world offers nothing to do it on. */
const STEPS_BY_NAME: Record<string, Step> = {
  async intake(desk, w, _pick, n) {
    const input =
      n % 2 === 0
        ? minimalIntake()
        : fullIntake({
            filing: { receivedDate: TODAY, receiptNumber: `SL-2026-${String(n).padStart(4, '0')}` },
          });
    w.cases.push((await desk.ok('cases.create', input)).id);
    return true;
  },
  async updateCase(desk, w, pick, n) {
    if (w.cases.length === 0) return false;
    const caseId = pick(w.cases);
    if ((await desk.ok('cases.get', { caseId })).consent === null) {
      const consent = { consentedBy: 'both', consentedAt: TODAY, method: 'written' } as const;
      await desk.ok('cases.recordConsent', { caseId, consent });
    } else {
      const input = fullIntake({ reasons: { categories: ['in_laws'], text: `更新${n}` } });
      await desk.ok('cases.update', { caseId, ...input });
    }
    return true;
  },
  async withdraw(desk, w, pick, n) {
    if (w.cases.length === 0) return false;
    const caseId = pick(w.cases);
    const detail = await desk.ok('cases.get', { caseId });
    if (detail.registration?.status !== 'accepted_cooling') return false;
    await desk.ok('cases.transition', {
      caseId,
      action: 'withdraw',
      by: 'both',
      date: TODAY,
      confirmationNumber: `CH-${n}`,
    });
    return true;
  },
  async draft(desk, w, pick, n) {
    if (w.cases.length === 0) return false;
    w.drafts.push(
      (await desk.ok('records.saveDraft', { caseId: pick(w.cases), interviewNotes: `记录${n}` })).id,
    );
    return true;
  },
  async sign(desk, w, pick, n) {
    if (w.drafts.length === 0) return false;
    const recordId = pick(w.drafts);
    const record = await desk.ok('records.get', { recordId });
    await desk.ok('records.saveDraft', {
      caseId: record.caseId,
      recordId,
      baseVersion: record.version,
      sessionDate: TODAY,
      halfDay: 'am',
      channel: 'face_to_face',
      counsellorIds: record.counsellors.map((c) => c.id),
      interviewNotes: `签署前${n}`,
      result: 'postpone',
    });
    await desk.ok('records.sign', { recordId });
    w.drafts = w.drafts.filter((d) => d !== recordId);
    w.signed.push(recordId);
    w.resulted.push(record.caseId);
    return true;
  },
  async addendum(desk, w, pick, n) {
    if (w.signed.length === 0) return false;
    await desk.ok('records.addAddendum', { recordId: pick(w.signed), text: `补充${n}` });
    return true;
  },
  async disclose(desk, w, pick) {
    if (w.cases.length === 0) return false;
    w.disclosures.push((await desk.ok('dv.create', { caseId: pick(w.cases), ...DISCLOSURE })).id);
    return true;
  },
  async updateDisclosure(desk, w, pick, n) {
    if (w.disclosures.length === 0) return false;
    const disclosureId = pick(w.disclosures);
    if (n % 2 === 0) {
      await desk.ok('dv.update', {
        disclosureId,
        ...DISCLOSURE,
        facts: `补充事实${n}`,
        minorsInvolved: true,
      });
    } else {
      await desk.ok('dv.recordMandatoryReport', {
        disclosureId,
        reportedAt: TODAY,
        reportedTo: '明水派出所',
        reference: `BG-${n}`,
      });
    }
    return true;
  },
  async refer(desk, w, pick, n) {
    if (w.cases.length === 0) return false;
    const r = await desk.ok('referrals.create', {
      caseId: pick(w.cases),
      target: 'legal_aid',
      targetName: null,
      reason: `转介${n}`,
      consentGiven: true,
      expectedReplyDate: '2026-03-09',
    });
    w.referrals.push({ id: r.id, status: 'created' });
    return true;
  },
  async moveReferral(desk, w, pick, n) {
    const open = w.referrals.filter((r) => NEXT_REFERRAL[r.status] !== null);
    if (open.length === 0) return false;
    const r = pick(open);
    const to = r.status === 'sent' && n % 3 === 0 ? 'rejected' : NEXT_REFERRAL[r.status];
    if (to === null) return false;
    await desk.ok('referrals.transition', { referralId: r.id, to, date: TODAY, note: `进展${n}` });
    r.status = to;
    return true;
  },
  async supervise(desk, w, pick, n) {
    if (w.cases.length === 0) return false;
    await signInAs(desk, 'director');
    try {
      if (w.items.length > 0 && n % 2 === 0) {
        const itemId = w.items.shift() as string;
        await desk.ok(n % 4 === 0 ? 'supervision.cancel' : 'supervision.complete', {
          itemId,
          note: `结${n}`,
        });
      } else {
        const item = await desk.ok('supervision.create', {
          kind: 'supervise',
          caseId: pick(w.cases),
          dueDate: '2026-03-09',
          instructions: `督办${n}`,
        });
        w.items.push(item.id);
      }
    } finally {
      await signInAs(desk, 'counsellorA');
    }
    return true;
  },
  async volunteerFile(desk, w, pick, n) {
    await signInAs(desk, 'director');
    try {
      if (w.volunteers.length === 0 || n % 5 === 0) {
        const v = await desk.ok('volunteers.create', {
          name: `志愿者${n}`,
          profession: 'social_worker',
          qualified: n % 2 === 0,
          pledgeSignedDate: TODAY,
        });
        w.volunteers.push(v.id);
        return true;
      }
      const volunteerId = pick(w.volunteers);
      if (n % 3 === 0) {
        await desk.ok('volunteers.addCertificate', {
          volunteerId,
          name: '社工证',
          number: `SG-${n}`,
          expiresOn: '2027-03-01',
        });
      } else if (n % 3 === 1) {
        await desk.ok('volunteers.addTraining', { volunteerId, date: TODAY, topic: `培训${n}`, hours: 2 });
      } else {
        await desk.ok('volunteers.addEvaluation', {
          volunteerId,
          date: TODAY,
          score: 90,
          evaluator: '王主任',
        });
      }
    } finally {
      await signInAs(desk, 'counsellorA');
    }
    return true;
  },
  async openFamily(desk, w, pick) {
    const open = w.resulted.filter((c) => !w.families.includes(c));
    if (open.length === 0) return false;
    const caseId = pick(open);
    await desk.ok('families.openFromCase', { caseId });
    w.families.push(caseId);
    return true;
  },
  async familyWork(desk, w, pick, n) {
    if (w.families.length === 0) return false;
    const { familyId } = await desk.ok('families.ofCase', { caseId: pick(w.families) });
    if (!familyId) return false;
    const family = await desk.ok('families.get', { familyId });
    const plan = family.plans.find((p) => p.status === 'active');
    const open = plan?.visits.find((v) => v.status === 'scheduled');
    const turn = w.familyTick++ % 4;
    if (turn === 0 && plan && w.volunteers.length > 0) {
      await desk.ok('followups.assign', { planId: plan.id, volunteerId: pick(w.volunteers) });
    } else if (turn === 1 && open) {
      await desk.ok('followups.recordVisit', {
        visitId: open.id,
        visitDate: TODAY,
        channel: 'voice',
        durationMinutes: 30,
        metWhom: '双方',
        nextStep: `下一步${n}`,
      });
    } else if (turn !== 3) {
      await desk.ok('families.saveMember', {
        familyId,
        kind: 'elder',
        relation: '母亲',
        name: `老人${n}`,
        age: 70,
      });
    } else {
      await desk.ok('families.saveHelpLink', {
        familyId,
        kind: 'programme',
        helperName: `帮扶项目${n}`,
        status: 'linked',
        startDate: TODAY,
      });
    }
    return true;
  },
  async event(desk, w, _pick, n) {
    await desk.ok('events.create', {
      type: 'premarital_training',
      date: TODAY,
      place: '婚姻登记处二楼',
      topic: `婚前辅导${n}`,
      durationHours: 2,
      speakers: w.volunteers.length > 0 ? [{ volunteerId: w.volunteers[0] ?? null }] : [{ name: '外请讲师' }],
      attendeeCount: 30 + n,
    });
    return true;
  },
};

type Row = Record<string, unknown>;

describe('change capture into the outbox', () => {
  let desk: Desk;
  let cleanup: () => Promise<void>;
  let staff: Staff;
  let store: Store | undefined;
  const db = () => {
    if (!store) throw new Error('the store did not open');
    return store.db;
  };
  const done: Record<string, number> = {};

  beforeAll(async () => {
    ({ desk, cleanup } = await setUpDesk());
    staff = await addStaff(desk);
    const random = rng(SEED);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
    const names = Object.keys(STEPS_BY_NAME);
    const w: World = {
      cases: [],
      drafts: [],
      signed: [],
      disclosures: [],
      referrals: [],
      items: [],
      resulted: [],
      families: [],
      volunteers: [],
      familyTick: 0,
    };
    for (let n = 0; n < STEPS; n++) {
      const name = n < 2 ? 'intake' : pick(names);
      const step = STEPS_BY_NAME[name] as Step;
      if (await step(desk, w, pick, n)) done[name] = (done[name] ?? 0) + 1;
      desk.clock.advanceSeconds(37);
    }
    // The admin disables a user: an update of users through the users service.
    await signInAs(desk, 'admin');
    await desk.ok('users.setDisabled', { userId: staff.volunteer, disabled: true });
    await desk.close();

    const unlocked = unwrapWithPassword(desk.dir, ADMIN.username, ADMIN.password);
    if (!unlocked) throw new Error('admin slot does not open');
    store = await openStore(desk.dir, unlocked.dbKey);
  }, 120_000);

  afterAll(async () => {
    await store?.close();
    await cleanup();
  });

  const rowsOf = async (table: SyncedTableName) =>
    (await sql<Row>`SELECT * FROM ${sql.table(table)} ORDER BY rowid`.execute(db())).rows;
  const columnsOf = async (table: SyncedTableName) =>
    (await sql<{ name: string }>`SELECT name FROM pragma_table_info(${table})`.execute(db())).rows.map(
      (c) => c.name,
    );

  it('ran every kind of step', () => {
    expect(Object.keys(done).sort()).toEqual(Object.keys(STEPS_BY_NAME).sort());
  });

  it('every row of every synced table is its last outbox payload', async () => {
    for (const table of SYNCED_TABLES) {
      const rows = await rowsOf(table);
      expect(rows.length, table).toBeGreaterThan(0);
      const columns = (await columnsOf(table)).sort();
      const entries = await db()
        .selectFrom('outbox')
        .selectAll()
        .where('table_name', '=', table)
        .orderBy('seq')
        .execute();
      const byRow = new Map<string, typeof entries>();
      for (const e of entries) byRow.set(e.row_id, [...(byRow.get(e.row_id) ?? []), e]);
      // no entries for rows that do not exist (nothing was hard-deleted)
      expect(new Set(byRow.keys()), table).toEqual(new Set(rows.map((r) => r.id)));

      for (const row of rows) {
        const history = byRow.get(row.id as string) ?? [];
        expect(history[0]?.op, `${table} first change`).toBe('insert');
        expect(history.slice(1).every((e) => e.op === 'update')).toBe(true);
        const last = history.at(-1);
        const payload = JSON.parse(last?.payload ?? 'null') as Row;
        expect(Object.keys(payload).sort(), `${table} payload columns`).toEqual(columns);
        expect(payload, `${table} ${String(row.id)}`).toEqual(row);
        expect(last?.row_version).toBe(row.version);
        // versions never go backwards along a row's history
        const versions = history.map((e) => e.row_version);
        expect(versions).toEqual([...versions].sort((a, b) => a - b));
      }
    }
  });

  it('numbers changes strictly increasing and hands them out in that order', async () => {
    const seqs = (await db().selectFrom('outbox').select('seq').orderBy('seq').execute()).map((r) => r.seq);
    expect(seqs.length).toBeGreaterThan(STEPS);
    expect(seqs.every((s, i) => i === 0 || s > (seqs[i - 1] as number))).toBe(true);
    expect(await pendingCount(db())).toBe(seqs.length);
    const all = await pendingChanges(db(), { limit: 100_000, maxBytes: 1e12 });
    expect(all.map((c) => c.seq)).toEqual(seqs);
  });

  it('a rolled-back transaction leaves no outbox entries, and a refused statement none either', async () => {
    const before = await db().selectFrom('outbox').selectAll().orderBy('seq').execute();
    const caseId = (await rowsOf('cases'))[0]?.id as string;
    const rollback = new Error('rollback');
    await expect(
      db()
        .transaction()
        .execute(async (trx) => {
          await trx
            .updateTable('cases')
            .set((eb) => ({ reason_text: '不应留下', version: eb('version', '+', 1) }))
            .where('id', '=', caseId)
            .execute();
          await trx
            .updateTable('case_parties')
            .set({ phone: '13999999999' })
            .where('case_id', '=', caseId)
            .execute();
          await trx.updateTable('users').set({ display_name: '临时' }).execute();
          expect(await pendingCount(trx)).toBeGreaterThan(before.length);
          throw rollback;
        }),
    ).rejects.toBe(rollback);

    // A signed record refuses a change of its notes (trigger of migration 0002): no change is captured.
    const signedId = (
      await db()
        .selectFrom('counselling_records')
        .select('id')
        .where('status', '=', 'signed')
        .executeTakeFirstOrThrow()
    ).id;
    await expect(
      db()
        .updateTable('counselling_records')
        .set({ interview_notes: '改写' })
        .where('id', '=', signedId)
        .execute(),
    ).rejects.toThrow(/signed/);

    expect(await db().selectFrom('outbox').selectAll().orderBy('seq').execute()).toEqual(before);
  });
});
