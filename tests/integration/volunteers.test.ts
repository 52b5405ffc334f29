import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '../../src/main/db/schema';
import { uuidv7 } from '../../src/main/desk/ids';
import { unwrapWithPassword } from '../../src/main/desk/keyring';
import { openStore } from '../../src/main/desk/store';
import { CHANNELS, type ChannelInput } from '../../src/shared/contract';
import { addStaff, minimalIntake, signInAs, type Staff } from '../support/case-fixture';
import { addUser, ADMIN, Desk, SETUP_INPUT } from '../support/desk-fixture';
import { codeOf } from '../support/protection-fixture';
import { tempDir } from '../support/tmp';

/*
 * The volunteer roster through the real dispatcher on a real encrypted store: who may read and change it,
 * the profile's rules (pledge, account link), switching off and removing (reason kept in the row, refused
 * while visits are open), the file's entries, derived service hours, and audit entries that name no one.
 * Follow-up visits are written by another module; here they are put in the store directly.
 */

let desk: Desk;
let staff: Staff;
let tmp: ReturnType<typeof tempDir>;

beforeEach(async () => {
  tmp = tempDir('counseldesk-volunteers-');
  desk = await Desk.open(tmp.dir);
  await desk.ok('setup.create', SETUP_INPUT);
  staff = await addStaff(desk);
  await signInAs(desk, 'director');
});
afterEach(async () => {
  await desk.close();
  tmp.cleanup();
});

/** Closes the desk, runs `work` on its store, reopens it with the same clock and signs `who` in. */
async function withStore(work: (db: Kysely<DB>) => Promise<void>, who: keyof Staff = 'director') {
  await desk.close();
  const unlocked = unwrapWithPassword(tmp.dir, ADMIN.username, ADMIN.password);
  if (!unlocked) throw new Error('admin slot does not open');
  const store = await openStore(tmp.dir, unlocked.dbKey);
  try {
    await work(store.db);
  } finally {
    await store.close();
  }
  desk = await Desk.open(tmp.dir, desk.clock);
  await signInAs(desk, who);
}

const SYNCED = (at = '2026-03-02T01:30:00.000Z') => ({
  created_at: at,
  updated_at: at,
  origin_device: 'desk-test',
  deleted_at: null,
  deleted_reason: null,
});

/** A family with a plan; returns the plan's and family's ids. */
async function insertPlan(db: Kysely<DB>, counsellorId: string, volunteerId: string) {
  const familyId = uuidv7();
  const planId = uuidv7();
  await db
    .insertInto('families')
    .values({
      id: familyId,
      archive_number: `JT-2026-${familyId.slice(-5)}`,
      archive_year: 2026,
      archive_seq: Math.floor(Math.random() * 99_999) + 1,
      name: '某家庭',
      focus: 'marriage',
      result: 'postpone',
      needs: null,
      safety_notes: null,
      counsellor_id: counsellorId,
      status: 'open',
      closed_reason: null,
      closed_at: null,
      created_by: counsellorId,
      ...SYNCED(),
    })
    .execute();
  await db
    .insertInto('followup_plans')
    .values({
      id: planId,
      family_id: familyId,
      case_id: null,
      result: 'postpone',
      focus: 'marriage',
      start_date: '2026-03-02',
      months: '[1,3]',
      volunteer_id: volunteerId,
      status: 'active',
      status_reason: null,
      close_cause: null,
      created_by: counsellorId,
      ...SYNCED(),
    })
    .execute();
  return { familyId, planId, counsellorId };
}

const NO_VISIT_RECORD = {
  visit_date: null,
  channel: null,
  duration_minutes: null,
  met_whom: null,
  marriage_status: null,
  children_wellbeing: null,
  elderly: null,
  problems: null,
  help_given: null,
  next_step: null,
  safety_concern: 0,
  safety_note: null,
  safety_acknowledged_at: null,
  safety_acknowledged_by: null,
  recorded_by: null,
  recorded_at: null,
} as const;

async function insertVisit(
  db: Kysely<DB>,
  plan: { familyId: string; planId: string; counsellorId: string },
  volunteerId: string,
  visit: {
    seq: number;
    status: 'scheduled' | 'on_hold' | 'done' | 'cancelled';
    minutes?: number;
    by?: string;
  },
): Promise<string> {
  const id = uuidv7();
  const done =
    visit.status === 'done'
      ? {
          visit_date: '2026-03-02',
          channel: 'voice' as const,
          duration_minutes: visit.minutes ?? 60,
          met_whom: '双方',
          recorded_by: visit.by ?? null,
          recorded_at: '2026-03-02T02:00:00.000Z',
        }
      : {};
  await db
    .insertInto('followup_visits')
    .values({
      id,
      plan_id: plan.planId,
      family_id: plan.familyId,
      counsellor_id: plan.counsellorId,
      seq: visit.seq,
      due_date: '2026-04-02',
      status: visit.status,
      volunteer_id: volunteerId,
      ...NO_VISIT_RECORD,
      ...done,
      ...SYNCED(),
    })
    .execute();
  return id;
}

const ZHAO: ChannelInput<'volunteers.create'> = {
  name: '赵律师',
  sex: 'male',
  phone: '13900001111',
  profession: 'lawyer',
  qualified: true,
  pledgeSignedDate: '2026-02-20',
};

/** Every audit entry, as the director reads the log (the director is signed in). */
async function auditRows() {
  return (await desk.ok('audit.list', { pageSize: 200 })).rows;
}

describe('volunteers: who may read and change the roster', () => {
  it('a director registers and lists; a counsellor reads only; a volunteer gets FORBIDDEN everywhere', async () => {
    const zhao = await desk.ok('volunteers.create', ZHAO);
    expect(zhao).toMatchObject({
      name: '赵律师',
      profession: 'lawyer',
      qualified: true,
      active: true,
      ineligibleReasons: [],
      certificateWarnings: 0,
      openVisits: 0,
      linkedUser: null,
      version: 1,
      today: '2026-03-02',
    });

    await signInAs(desk, 'counsellorA');
    expect((await desk.ok('volunteers.list', {})).rows.map((r) => r.name)).toEqual(['赵律师']);
    expect((await desk.ok('volunteers.get', { volunteerId: zhao.id })).phone).toBe('13900001111');
    expect(await codeOf(desk, 'volunteers.create', ZHAO)).toBe('FORBIDDEN');
    expect(
      await codeOf(desk, 'volunteers.setActive', { volunteerId: zhao.id, active: false, reason: '调离' }),
    ).toBe('FORBIDDEN');
    expect(await codeOf(desk, 'volunteers.remove', { id: zhao.id, reason: '误登记' })).toBe('FORBIDDEN');

    await signInAs(desk, 'volunteer');
    const channels = CHANNELS.filter(
      (c) => c.startsWith('volunteers.') || c.startsWith('events.') || c === 'print.eventSignInSheetPdf',
    );
    expect(channels.length).toBe(19);
    for (const channel of channels) {
      // Access is checked before the input is parsed: an empty input is enough.
      const r = await desk.call(channel, {});
      expect(r.ok ? 'ok' : r.error.code, channel).toBe('FORBIDDEN');
    }
  });

  it('lists by name, paged, with filters by name part, status, profession and eligibility', async () => {
    const make = (name: string, over: Partial<ChannelInput<'volunteers.create'>> = {}) =>
      desk.ok('volunteers.create', { ...ZHAO, name, ...over });
    await make('王警官', { profession: 'police_officer' });
    const li = await make('李心理', { profession: 'psychological_counsellor', pledgeSignedDate: null });
    await make('张_律师');
    await make('陈法官', { profession: 'judge' });
    const off = await make('周社工', { profession: 'social_worker' });
    await desk.ok('volunteers.setActive', { volunteerId: off.id, active: false, reason: '外出学习一年' });

    const names = async (f: ChannelInput<'volunteers.list'>) =>
      (await desk.ok('volunteers.list', f)).rows.map((r) => r.name);
    // Default: active ones, by name (code point order of the stored names).
    const all = await desk.ok('volunteers.list', { pageSize: 2 });
    expect(all.total).toBe(4);
    const everyone = [...(await names({})).values()];
    expect(everyone).toEqual([...everyone].sort());
    expect(all.rows.map((r) => r.name)).toEqual(everyone.slice(0, 2));
    expect(await names({ pageSize: 2, page: 2 })).toEqual(everyone.slice(2, 4));
    expect(await names({ query: '律师' })).toEqual(['张_律师']);
    // % and _ are literal: '_' finds only the name that has one.
    expect(await names({ query: '_' })).toEqual(['张_律师']);
    expect(await names({ query: '%' })).toEqual([]);
    expect(await names({ status: 'inactive' })).toEqual(['周社工']);
    expect((await names({ status: 'all' })).length).toBe(5);
    expect(await names({ profession: 'judge' })).toEqual(['陈法官']);
    const eligible = await names({ eligibleOnly: true, status: 'all' });
    expect(eligible).not.toContain('李心理');
    expect(eligible).not.toContain('周社工');
    expect(eligible.length).toBe(3);

    const row = (await desk.ok('volunteers.list', { query: '李心理' })).rows[0];
    expect(row).toMatchObject({ id: li.id, ineligibleReasons: ['no_pledge'] });
    const offRow = (await desk.ok('volunteers.list', { status: 'inactive' })).rows[0];
    expect(offRow?.ineligibleReasons).toEqual(['inactive']);
  });
});

describe('volunteers: the profile’s rules', () => {
  it('refuses with the field named in Chinese: 其他 without words, a future pledge, no reason to switch off', async () => {
    const other = await desk.fails('volunteers.create', { ...ZHAO, profession: 'other' });
    expect(other.code).toBe('VALIDATION');
    expect(other.message).toBe('填写的内容有误，请检查标红的项目。');
    expect(other.fields).toEqual({ professionOther: '此项为必填项。' });

    const future = await desk.fails('volunteers.create', { ...ZHAO, pledgeSignedDate: '2026-03-03' });
    expect(future.fields).toEqual({ pledgeSignedDate: '填写的内容不正确。' });

    const long = await desk.fails('volunteers.create', { ...ZHAO, name: '长'.repeat(41) });
    expect(long.fields).toEqual({ name: '最多 40 个字符。' });

    const withOther = await desk.ok('volunteers.create', {
      ...ZHAO,
      profession: 'other',
      professionOther: '退休教师',
    });
    expect(withOther.professionOther).toBe('退休教师');
    // Words for 'other' are not kept for another profession.
    const lawyer = await desk.ok('volunteers.create', { ...ZHAO, professionOther: '多余' });
    expect(lawyer.professionOther).toBeNull();

    const noReason = await desk.fails('volunteers.setActive', { volunteerId: lawyer.id, active: false });
    expect(noReason.fields).toEqual({ reason: '此项为必填项。' });
    const futureTraining = await desk.fails('volunteers.addTraining', {
      volunteerId: lawyer.id,
      date: '2026-03-03',
      topic: '反家暴法培训',
      hours: 2,
    });
    expect(Object.keys(futureTraining.fields ?? {})).toEqual(['date']);
    const half = await desk.fails('volunteers.addTraining', {
      volunteerId: lawyer.id,
      date: '2026-03-01',
      topic: '反家暴法培训',
      hours: 1.2,
    });
    expect(half.fields).toEqual({ hours: '必须是 0.5 的倍数。' });
    expect(
      await codeOf(desk, 'volunteers.get', { volunteerId: '01890a5d-ac96-774b-bcce-b302099a8057' }),
    ).toBe('VOLUNTEER_NOT_FOUND');
  });

  it('links only an enabled volunteer account, and each account to one living profile', async () => {
    await signInAs(desk, 'admin');
    const second = await addUser(desk, 'volunteer.two', 'volunteer');
    const disabled = await addUser(desk, 'volunteer.off', 'volunteer');
    await desk.ok('users.setDisabled', { userId: disabled, disabled: true });
    await signInAs(desk, 'director');

    const invalid = async (userId: string) => {
      const e = await desk.fails('volunteers.create', { ...ZHAO, userId });
      return [e.code, e.message, e.fields] as const;
    };
    const refusal = [
      'VOLUNTEER_ACCOUNT_INVALID',
      '只能关联角色为“志愿者”的可用账户。',
      { userId: '只能关联角色为“志愿者”的可用账户。' },
    ];
    expect(await invalid(staff.counsellorA)).toEqual(refusal);
    expect(await invalid(disabled)).toEqual(refusal);
    expect(await invalid(uuidv7())).toEqual(refusal);

    // The accounts the director may pick: enabled, volunteer role, not linked elsewhere.
    const free = async (volunteerId?: string) =>
      (await desk.ok('volunteers.accounts', volunteerId ? { volunteerId } : {})).map((a) => a.id).sort();
    expect(await free()).toEqual([staff.volunteer, second].sort());
    const linked = await desk.ok('volunteers.create', { ...ZHAO, userId: staff.volunteer });
    expect(linked.linkedUser).toEqual({ id: staff.volunteer, displayName: '用户volunteer' });
    expect(await free()).toEqual([second]);
    expect(await free(linked.id)).toEqual([staff.volunteer, second].sort());
    await signInAs(desk, 'counsellorA');
    expect((await desk.fails('volunteers.accounts', {})).code).toBe('FORBIDDEN');
    await signInAs(desk, 'director');
    const taken = await desk.fails('volunteers.create', { ...ZHAO, name: '钱律师', userId: staff.volunteer });
    expect([taken.code, taken.message]).toEqual(['VOLUNTEER_ACCOUNT_TAKEN', '该账户已关联到另一位志愿者。']);
    const other = await desk.ok('volunteers.create', { ...ZHAO, name: '钱律师', userId: second });
    expect(
      (await desk.fails('volunteers.update', { ...ZHAO, volunteerId: other.id, userId: staff.volunteer }))
        .code,
    ).toBe('VOLUNTEER_ACCOUNT_TAKEN');

    // Saving the profile again with its own account is fine, even once that account is disabled.
    await signInAs(desk, 'admin');
    await desk.ok('users.setDisabled', { userId: second, disabled: true });
    await signInAs(desk, 'director');
    const renamed = await desk.ok('volunteers.update', {
      ...ZHAO,
      volunteerId: other.id,
      name: '钱律师（法援）',
      userId: second,
    });
    expect(renamed).toMatchObject({ name: '钱律师（法援）', version: 2, linkedUser: { id: second } });

    // Once the first profile is removed its account may be linked again.
    await desk.ok('volunteers.remove', { id: linked.id, reason: '重复登记' });
    const again = await desk.ok('volunteers.create', { ...ZHAO, name: '孙律师', userId: staff.volunteer });
    expect(again.linkedUser?.id).toBe(staff.volunteer);
  });

  it('writes only what changed, bumps the version, and the audit entry names fields, never values', async () => {
    const v = await desk.ok('volunteers.create', ZHAO);
    const same = await desk.ok('volunteers.update', { ...ZHAO, volunteerId: v.id });
    expect(same.version).toBe(1);
    desk.clock.advanceMinutes(5);
    const changed = await desk.ok('volunteers.update', {
      ...ZHAO,
      volunteerId: v.id,
      phone: '13900002222',
      notes: '擅长婚姻家庭纠纷',
    });
    expect(changed).toMatchObject({ version: 2, phone: '13900002222', notes: '擅长婚姻家庭纠纷' });
    const updates = (await auditRows()).filter((a) => a.action === 'volunteer.updated');
    expect(updates.map((a) => [a.targetId, a.detail.changed])).toEqual([[v.id, 'phone,notes']]);
  });
});

describe('volunteers: switching off, removing, and the open-visit rule', () => {
  it('refuses while a visit is open, keeps the reason in the row, and never in the audit log', async () => {
    const v = await desk.ok('volunteers.create', ZHAO);
    let openVisit = '';
    let onHold = '';
    await withStore(async (db) => {
      const plan = await insertPlan(db, staff.counsellorA, v.id);
      openVisit = await insertVisit(db, plan, v.id, { seq: 2, status: 'scheduled' });
      await insertVisit(db, plan, v.id, { seq: 1, status: 'done', by: staff.counsellorA });
      const cancelled = await insertPlan(db, staff.counsellorA, v.id);
      await insertVisit(db, cancelled, v.id, { seq: 1, status: 'cancelled' });
      // A paused plan's open visit waits on hold: still theirs, still open.
      const paused = await insertPlan(db, staff.counsellorA, v.id);
      onHold = await insertVisit(db, paused, v.id, { seq: 1, status: 'on_hold' });
    });
    expect((await desk.ok('volunteers.list', {})).rows[0]?.openVisits).toBe(2);

    const refused = await desk.fails('volunteers.setActive', {
      volunteerId: v.id,
      active: false,
      reason: '身体原因暂停服务',
    });
    expect([refused.code, refused.message, refused.meta]).toEqual([
      'VOLUNTEER_HAS_OPEN_VISITS',
      '该志愿者还有 2 次未完成的回访，请先改派给其他志愿者。',
      { count: 2 },
    ]);
    expect((await desk.fails('volunteers.remove', { id: v.id, reason: '不再参与' })).code).toBe(
      'VOLUNTEER_HAS_OPEN_VISITS',
    );

    // The visit is reassigned (the follow-up module's write, here by hand): now both go through.
    await withStore(async (db) => {
      await db
        .updateTable('followup_visits')
        .set({ volunteer_id: null })
        .where('id', 'in', [openVisit, onHold])
        .execute();
    });
    const off = await desk.ok('volunteers.setActive', {
      volunteerId: v.id,
      active: false,
      reason: '身体原因暂停服务',
    });
    expect(off).toMatchObject({
      active: false,
      inactiveReason: '身体原因暂停服务',
      ineligibleReasons: ['inactive'],
      openVisits: 0,
      version: 2,
    });
    const on = await desk.ok('volunteers.setActive', { volunteerId: v.id, active: true });
    expect(on).toMatchObject({ active: true, inactiveReason: null, version: 3 });
    await desk.ok('volunteers.remove', { id: v.id, reason: '本人申请退出志愿者队伍' });
    expect(await codeOf(desk, 'volunteers.get', { volunteerId: v.id })).toBe('VOLUNTEER_NOT_FOUND');
    expect((await desk.ok('volunteers.list', { status: 'all' })).total).toBe(0);

    const actions = (await auditRows()).filter((a) => a.action.startsWith('volunteer.'));
    expect(actions.map((a) => a.action)).toEqual([
      'volunteer.removed',
      'volunteer.activated',
      'volunteer.deactivated',
      'volunteer.created',
    ]);
    const text = JSON.stringify(actions);
    for (const personal of ['赵律师', '13900001111', '身体原因', '本人申请'])
      expect(text).not.toContain(personal);

    await withStore(async (db) => {
      const row = await db
        .selectFrom('volunteers')
        .selectAll()
        .where('id', '=', v.id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ deleted_reason: '本人申请退出志愿者队伍', version: 4 });
      expect(row.deleted_at).not.toBeNull();
    });
  });
});

describe('volunteers: the file and service hours', () => {
  it('keeps certificates with their 30-day warning, trainings and evaluations newest first', async () => {
    const v = await desk.ok('volunteers.create', ZHAO);
    const add = (name: string, expiresOn: string | null) =>
      desk.ok('volunteers.addCertificate', { volunteerId: v.id, name, number: `NO-${name}`, expiresOn });
    await add('律师执业证', '2026-04-01'); // today + 30: still a warning
    await add('心理咨询师证', '2026-04-02'); // today + 31: valid
    await add('调解员证', '2026-03-01'); // expired yesterday
    const withCerts = await add('志愿者证', null);
    expect(withCerts.certificates.map((c) => [c.name, c.state])).toEqual([
      ['志愿者证', 'no_expiry'],
      ['调解员证', 'expired'],
      ['律师执业证', 'expiring'],
      ['心理咨询师证', 'valid'],
    ]);
    expect(withCerts.certificateWarnings).toBe(2);
    expect((await desk.ok('volunteers.list', {})).rows[0]?.certificateWarnings).toBe(2);

    await desk.ok('volunteers.addTraining', {
      volunteerId: v.id,
      date: '2026-01-10',
      topic: '反家暴法',
      hours: 2,
    });
    await desk.ok('volunteers.addTraining', {
      volunteerId: v.id,
      date: '2026-02-10',
      topic: '民法典婚姻家庭编',
      hours: 1.5,
    });
    const trained = await desk.ok('volunteers.addTraining', {
      volunteerId: v.id,
      date: '2025-12-01',
      topic: '岗前培训',
      hours: 0.5,
    });
    expect(trained.trainings.map((t) => t.date)).toEqual(['2026-02-10', '2026-01-10', '2025-12-01']);
    expect(trained.trainingHours).toBe(4);

    await desk.ok('volunteers.addEvaluation', {
      volunteerId: v.id,
      date: '2025-12-31',
      score: 92,
      evaluator: '李评估',
    });
    const evaluated = await desk.ok('volunteers.addEvaluation', {
      volunteerId: v.id,
      date: '2026-02-28',
      score: 88,
      evaluator: '李评估',
      notes: '回访记录及时',
    });
    expect(evaluated.evaluations.map((e) => [e.date, e.score])).toEqual([
      ['2026-02-28', 88],
      ['2025-12-31', 92],
    ]);

    const expired = withCerts.certificates.find((c) => c.state === 'expired')?.id ?? '';
    const afterRemoval = await desk.ok('volunteers.removeCertificate', { id: expired, reason: '证书已注销' });
    expect(afterRemoval.certificates.length).toBe(3);
    expect(afterRemoval.certificateWarnings).toBe(1);
    const training = trained.trainings[2]?.id ?? '';
    expect(
      (await desk.ok('volunteers.removeTraining', { id: training, reason: '重复录入' })).trainingHours,
    ).toBe(3.5);
    const evaluation = evaluated.evaluations[1]?.id ?? '';
    expect(
      (await desk.ok('volunteers.removeEvaluation', { id: evaluation, reason: '录错对象' })).evaluations
        .length,
    ).toBe(1);
    // Removed once is removed: the same id again, or an id of another kind, is not found.
    expect(await codeOf(desk, 'volunteers.removeCertificate', { id: expired, reason: '再次' })).toBe(
      'VOLUNTEER_NOT_FOUND',
    );
    expect(await codeOf(desk, 'volunteers.removeTraining', { id: evaluation, reason: '错' })).toBe(
      'VOLUNTEER_NOT_FOUND',
    );

    const entries = (await auditRows()).filter((a) => a.targetId === v.id).map((a) => a.action);
    expect(entries).toEqual([
      'volunteer.evaluation_removed',
      'volunteer.training_removed',
      'volunteer.certificate_removed',
      'volunteer.evaluation_added',
      'volunteer.evaluation_added',
      'volunteer.training_added',
      'volunteer.training_added',
      'volunteer.training_added',
      'volunteer.certificate_added',
      'volunteer.certificate_added',
      'volunteer.certificate_added',
      'volunteer.certificate_added',
      'volunteer.created',
    ]);
    const text = JSON.stringify(await auditRows());
    for (const personal of ['律师执业证', 'NO-', '证书已注销', '重复录入', '回访记录及时', '李评估']) {
      expect(text).not.toContain(personal);
    }
    await withStore(async (db) => {
      const cert = await db
        .selectFrom('volunteer_certificates')
        .select(['deleted_at', 'deleted_reason', 'version'])
        .where('id', '=', expired)
        .executeTakeFirstOrThrow();
      expect(cert).toMatchObject({ deleted_reason: '证书已注销', version: 2 });
      expect(cert.deleted_at).not.toBeNull();
    });
  });

  it('derives service hours from signed records, done visits and held events only', async () => {
    const v = await desk.ok('volunteers.create', ZHAO);
    const other = await desk.ok('volunteers.create', { ...ZHAO, name: '赵律' });

    // Counselling: a signed record naming 赵律师 counts; a draft naming them, and one naming 赵律 only, do not.
    await signInAs(desk, 'counsellorA');
    const c = await desk.ok('cases.create', minimalIntake());
    const record = (names: string[]) => ({
      caseId: c.id,
      sessionDate: '2026-03-02',
      halfDay: 'am' as const,
      channel: 'face_to_face' as const,
      counsellorIds: [staff.counsellorA],
      volunteerNames: names,
      attendees: { parties: ['party_a' as const, 'party_b' as const], others: [] },
      interviewNotes: '双方因家务分工争吵',
      result: 'postpone' as const,
      satisfaction: 'satisfied' as const,
    });
    const signed = await desk.ok('records.saveDraft', record(['王社工', '赵律师']));
    await desk.ok('records.sign', { recordId: signed.id });
    const signedOther = await desk.ok('records.saveDraft', record(['赵律']));
    await desk.ok('records.sign', { recordId: signedOther.id });
    await desk.ok('records.saveDraft', record(['赵律师']));

    // Events: one held (2 h) with 赵律师 speaking, one ahead (3 h) that must not count yet.
    const speaker = [{ volunteerId: v.id }];
    const held = await desk.ok('events.create', {
      type: 'premarital_training',
      date: '2026-02-27',
      place: '登记处二楼',
      topic: '婚前辅导',
      durationHours: 2,
      speakers: speaker,
      attendeeCount: 30,
    });
    await desk.ok('events.create', {
      type: 'happiness_class',
      date: '2026-03-20',
      place: '社区',
      topic: '幸福课堂',
      durationHours: 3,
      speakers: speaker,
      attendeeCount: 0,
    });

    // Visits: a done one of 90 minutes counts; a scheduled one does not; another volunteer's does not.
    await withStore(async (db) => {
      const plan = await insertPlan(db, staff.counsellorA, v.id);
      await insertVisit(db, plan, v.id, { seq: 1, status: 'done', minutes: 90, by: staff.counsellorA });
      await insertVisit(db, plan, v.id, { seq: 2, status: 'scheduled' });
      const otherPlan = await insertPlan(db, staff.counsellorA, other.id);
      await insertVisit(db, otherPlan, other.id, {
        seq: 1,
        status: 'done',
        minutes: 45,
        by: staff.counsellorA,
      });
    });

    const detail = await desk.ok('volunteers.get', { volunteerId: v.id });
    expect(detail.serviceHours).toEqual({
      counsellingSessions: 1,
      counsellingHours: 1,
      visits: 1,
      visitHours: 1.5,
      events: 1,
      eventHours: 2,
      totalHours: 4.5,
    });
    expect((await desk.ok('volunteers.get', { volunteerId: other.id })).serviceHours).toMatchObject({
      counsellingSessions: 1,
      visits: 1,
      visitHours: 0.8,
      events: 0,
      totalHours: 1.8,
    });

    // Once the future event is held it counts; a removed event no longer does.
    desk.clock.advanceSeconds((Date.parse('2026-03-20T02:00:00.000Z') - desk.clock.now().getTime()) / 1000);
    await signInAs(desk, 'director');
    expect((await desk.ok('volunteers.get', { volunteerId: v.id })).serviceHours).toMatchObject({
      events: 2,
      eventHours: 5,
      totalHours: 7.5,
    });
    await desk.ok('events.remove', { id: held.id, reason: '重复登记' });
    expect((await desk.ok('volunteers.get', { volunteerId: v.id })).serviceHours).toMatchObject({
      events: 1,
      eventHours: 3,
      totalHours: 5.5,
    });
  });
});
