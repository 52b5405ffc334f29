import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fullIntake, jumpTo, minimalIntake, signInAs, type Staff } from '../support/case-fixture';
import type { Desk } from '../support/desk-fixture';
import { addVolunteer, signResult } from '../support/aftercare-fixture';
import { auditActions, codeOf, deskWithCase, travel } from '../support/protection-fixture';

/*
 * Family archives and follow-up plans on the real encrypted store, through the dispatcher: a plan from
 * the settings' rule, dates from the result date, one open visit at a time, rescheduling after a visit,
 * the plan closing with the schedule or with the archive, and who sees what.
 */

let desk: Desk;
let staff: Staff;
let caseId: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ desk, staff, caseId, cleanup } = await deskWithCase());
});
afterEach(() => cleanup());

describe('a family archive opened from a case', () => {
  it('needs a signed result, then brings the parties, a plan at 1/3/6/12 months and the case', async () => {
    expect(await desk.ok('families.ofCase', { caseId })).toEqual({ familyId: null, canOpen: false });
    expect(await codeOf(desk, 'families.openFromCase', { caseId })).toBe('FAMILY_NEEDS_RESULT');

    await signResult(desk, caseId, staff.counsellorA, 'reconcile', '2026-03-02');
    expect(await desk.ok('families.ofCase', { caseId })).toEqual({ familyId: null, canOpen: true });
    const family = await desk.ok('families.openFromCase', { caseId });
    expect(family).toMatchObject({
      archiveNumber: 'JT-2026-00001',
      name: '张三、李四家庭',
      status: 'open',
      focus: 'marriage',
      result: 'reconcile',
      counsellor: { id: staff.counsellorA },
    });
    expect(family.members.map((m) => [m.kind, m.relation, m.name])).toEqual([
      ['spouse', '丈夫', '张三'],
      ['spouse', '妻子', '李四'],
    ]);
    expect(family.cases.map((c) => c.id)).toEqual([caseId]);
    const [plan] = family.plans;
    expect(plan).toMatchObject({ status: 'active', months: [1, 3, 6, 12], startDate: '2026-03-02' });
    expect(plan?.visits.map((v) => [v.seq, v.dueDate, v.status])).toEqual([[1, '2026-04-02', 'scheduled']]);
    expect(plan?.upcoming).toEqual([
      { seq: 2, dueDate: '2026-06-02' },
      { seq: 3, dueDate: '2026-09-02' },
      { seq: 4, dueDate: '2027-03-02' },
    ]);
    expect(plan?.questions[0]).toBe('marriage_relationship');

    // Opening again answers the same archive; the case now points at it.
    expect((await desk.ok('families.openFromCase', { caseId })).id).toBe(family.id);
    expect(await desk.ok('families.ofCase', { caseId })).toEqual({ familyId: family.id, canOpen: true });
    expect(await codeOf(desk, 'followups.createPlan', { familyId: family.id })).toBe('PLAN_ALREADY_OPEN');

    const actions = (await auditActions(desk)).map((e) => e.action);
    expect(actions).toContain('family.created');
    expect(actions).toContain('followup.plan_created');
  });

  it('after a divorce: a plan only with a minor child, asking about the children and the elderly first', async () => {
    await signResult(desk, caseId, staff.counsellorA, 'divorce');
    const noChild = await desk.ok('families.openFromCase', { caseId });
    expect(noChild.focus).toBe('children_elderly');
    expect(noChild.plans).toEqual([]);
    expect(await codeOf(desk, 'followups.createPlan', { familyId: noChild.id })).toBe('NO_FOLLOW_UP_RULE');

    const withChild = await desk.ok('cases.create', fullIntake());
    await signResult(desk, withChild.id, staff.counsellorA, 'divorce', '2026-01-31');
    const family = await desk.ok('families.openFromCase', { caseId: withChild.id });
    expect(family.members.find((m) => m.kind === 'child')).toMatchObject({ relation: '子女', age: 8 });
    const [plan] = family.plans;
    expect(plan?.focus).toBe('children_elderly');
    expect(plan?.months).toEqual([1, 3, 6]);
    // 2026-01-31 + 1 month: the last day of February.
    expect(plan?.visits[0]?.dueDate).toBe('2026-02-28');
    expect(plan?.questions.slice(0, 2)).toEqual(['children_living', 'children_contact']);
  });

  it('is seen by the counsellor in charge and directors only; a closed archive changes no more', async () => {
    await signResult(desk, caseId, staff.counsellorA, 'postpone');
    const family = await desk.ok('families.openFromCase', { caseId });
    await signInAs(desk, 'counsellorB');
    expect(await codeOf(desk, 'families.get', { familyId: family.id })).toBe('FAMILY_NOT_FOUND');
    expect((await desk.ok('families.list', {})).total).toBe(0);
    await signInAs(desk, 'director');
    expect((await desk.ok('families.list', {})).rows.map((r) => r.id)).toEqual([family.id]);
    await signInAs(desk, 'counsellorA');

    const withMember = await desk.ok('families.saveMember', {
      familyId: family.id,
      kind: 'elder',
      relation: '婆婆',
      name: '王秀英',
      age: 72,
      situation: '独居，身体尚可',
    });
    const elder = withMember.members.find((m) => m.kind === 'elder');
    expect(elder).toMatchObject({ age: 72, situation: '独居，身体尚可' });

    const closed = await desk.ok('families.close', { familyId: family.id, reason: '双方已稳定，不再跟踪' });
    expect(closed).toMatchObject({ status: 'closed', closedReason: '双方已稳定，不再跟踪' });
    expect(closed.plans[0]).toMatchObject({ status: 'closed', closeCause: 'family_closed' });
    expect(closed.plans[0]?.visits[0]?.status).toBe('cancelled');
    expect(closed.plans[0]?.upcoming).toEqual([]);
    expect(await codeOf(desk, 'families.removeMember', { id: elder?.id ?? '', reason: '录入错误' })).toBe(
      'FAMILY_CLOSED',
    );
    const reopened = await desk.ok('families.reopen', { familyId: family.id });
    const removed = await desk.ok('families.removeMember', { id: elder?.id ?? '', reason: '录入错误' });
    expect(reopened.status).toBe('open');
    expect(removed.members.map((m) => m.kind)).toEqual(['spouse', 'spouse']);

    // Audit details carry ids and codes: never a member's name or the typed reason.
    const details = JSON.stringify((await auditActions(desk)).map((e) => e.detail));
    for (const secret of ['王秀英', '张三', '不再跟踪', '录入错误']) expect(details).not.toContain(secret);
  });

  it('help links (一果一联) are saved, edited and removed with a reason', async () => {
    const family = await desk.ok('families.create', {
      name: '赵某某家庭',
      members: [{ kind: 'child', relation: '女儿', name: '赵小花', age: 10 }],
    });
    expect(family.archiveNumber).toBe('JT-2026-00001');
    const bad = await desk.fails('families.saveHelpLink', {
      familyId: family.id,
      kind: 'contact',
      helperName: '街道妇联 刘主任',
      status: 'linked',
      startDate: '2026-03-02',
      endDate: '2026-03-01',
    });
    expect(Object.keys(bad.fields ?? {})).toEqual(['endDate']);
    const linked = await desk.ok('families.saveHelpLink', {
      familyId: family.id,
      kind: 'contact',
      helperName: '街道妇联 刘主任',
      status: 'linked',
      startDate: '2026-03-02',
    });
    const link = linked.helpLinks[0];
    expect(link).toMatchObject({ helperName: '街道妇联 刘主任', status: 'linked', endDate: null });
    const moved = await desk.ok('families.saveHelpLink', {
      familyId: family.id,
      linkId: link?.id,
      kind: 'contact',
      helperName: '街道妇联 刘主任',
      status: 'in_progress',
      startDate: '2026-03-02',
    });
    expect(moved.helpLinks.map((l) => l.status)).toEqual(['in_progress']);
    expect(await codeOf(desk, 'families.removeHelpLink', { id: link?.id ?? '', reason: '' })).toBe(
      'VALIDATION',
    );
    const gone = await desk.ok('families.removeHelpLink', { id: link?.id ?? '', reason: '重复登记' });
    expect(gone.helpLinks).toEqual([]);
  });
});

describe('follow-up visits', () => {
  async function familyWithPlan(): Promise<{ familyId: string; planId: string; visitId: string }> {
    await signResult(desk, caseId, staff.counsellorA, 'reconcile', '2026-03-02');
    const family = await desk.ok('families.openFromCase', { caseId });
    const plan = family.plans[0];
    if (!plan?.visits[0]) throw new Error('no plan');
    return { familyId: family.id, planId: plan.id, visitId: plan.visits[0].id };
  }

  it('are assigned only to an active volunteer who signed the pledge, one per plan', async () => {
    const { planId, visitId } = await familyWithPlan();
    const noPledge = await addVolunteer(desk, { name: '钱志愿', pledgeSignedDate: null });
    const pledged = await addVolunteer(desk, { name: '周志愿' });
    expect(await codeOf(desk, 'followups.assign', { planId, volunteerId: noPledge.id })).toBe(
      'VOLUNTEER_NOT_ELIGIBLE',
    );
    await signInAs(desk, 'director');
    await desk.ok('volunteers.setActive', { volunteerId: pledged.id, active: false, reason: '外出学习' });
    await signInAs(desk, 'counsellorA');
    expect(await codeOf(desk, 'followups.assign', { planId, volunteerId: pledged.id })).toBe(
      'VOLUNTEER_NOT_ELIGIBLE',
    );
    await signInAs(desk, 'director');
    await desk.ok('volunteers.setActive', { volunteerId: pledged.id, active: true });
    await signInAs(desk, 'counsellorA');
    const plan = await desk.ok('followups.assign', { planId, volunteerId: pledged.id });
    expect(plan.volunteer).toEqual({ id: pledged.id, name: '周志愿' });
    expect(plan.visits[0]).toMatchObject({ id: visitId, volunteer: { id: pledged.id } });
  });

  it('a volunteer sees only their visits and the packet — never a case, a note or an ID number', async () => {
    const { familyId, planId, visitId } = await familyWithPlan();
    const mine = await addVolunteer(desk, { name: '周志愿', userId: staff.volunteer });
    await desk.ok('followups.assign', { planId, volunteerId: mine.id });

    // Another family's visit, assigned to someone else.
    const other = await desk.ok('cases.create', minimalIntake());
    await signResult(desk, other.id, staff.counsellorA, 'postpone');
    const otherFamily = await desk.ok('families.openFromCase', { caseId: other.id });
    const otherVisit = otherFamily.plans[0]?.visits[0]?.id ?? '';

    await signInAs(desk, 'volunteer');
    const queue = await desk.ok('followups.queue', { bucket: 'upcoming', scope: 'all' });
    expect(queue.rows.map((r) => r.visitId)).toEqual([visitId]);
    expect(queue.counts).toEqual({ due_week: 0, overdue: 0, upcoming: 1, done: 0 });
    expect(queue.canSeeAll).toBe(false);
    for (const [channel, input] of [
      ['families.get', { familyId }],
      ['families.list', {}],
      ['cases.get', { caseId }],
      ['cases.list', {}],
      ['records.list', { caseId }],
      ['dv.list', { caseId }],
      ['dashboard.get', {}],
      ['volunteers.list', {}],
      ['followups.assign', { planId, volunteerId: mine.id }],
    ] as const) {
      expect(await codeOf(desk, channel, input as never), channel).toBe('FORBIDDEN');
    }
    expect(await codeOf(desk, 'followups.packet', { visitId: otherVisit })).toBe('VISIT_NOT_FOUND');
    expect(
      await codeOf(desk, 'followups.recordVisit', {
        visitId: otherVisit,
        visitDate: '2026-03-02',
        channel: 'voice',
        durationMinutes: 30,
        metWhom: '张三',
      }),
    ).toBe('VISIT_NOT_FOUND');

    const packet = await desk.ok('followups.packet', { visitId });
    expect(packet).toMatchObject({
      archiveNumber: 'JT-2026-00001',
      familyName: '张三、李四家庭',
      seq: 1,
      of: 4,
      dueDate: '2026-04-02',
      focus: 'marriage',
      volunteer: { id: mine.id, name: '周志愿' },
      counsellor: { id: staff.counsellorA },
    });
    expect(packet.members.map((m) => m.name)).toEqual(['张三', '李四']);
    const text = JSON.stringify(packet);
    for (const secret of ['13800000001', '13800000002', '双方陈述', caseId])
      expect(text).not.toContain(secret);
  });

  it('recording a visit opens the next; a late visit keeps the interval; the last closes the plan', async () => {
    const { planId, visitId } = await familyWithPlan();
    const v = await addVolunteer(desk, { userId: staff.volunteer });
    await desk.ok('followups.assign', { planId, volunteerId: v.id });
    await travel(desk, '2026-06-05T02:00:00.000Z', 'volunteer');

    const visit = {
      visitId,
      visitDate: '2026-06-05',
      channel: 'face_to_face' as const,
      durationMinutes: 90,
      metWhom: '张三、李四',
      marriageStatus: 'improving' as const,
      problems: '偶有争吵',
      helpGiven: '沟通技巧指导',
      nextStep: '关注双方沟通',
    };
    const future = await desk.fails('followups.recordVisit', { ...visit, visitDate: '2026-06-06' });
    expect(Object.keys(future.fields ?? {})).toEqual(['visitDate']);
    const early = await desk.fails('followups.recordVisit', { ...visit, visitDate: '2026-03-01' });
    expect(Object.keys(early.fields ?? {})).toEqual(['visitDate']);
    const concernWithoutNote = await desk.fails('followups.recordVisit', { ...visit, safetyConcern: true });
    expect(concernWithoutNote.fields).toEqual({ safetyNote: '此项为必填项。' });

    const first = await desk.ok('followups.recordVisit', visit);
    expect(first.visit).toMatchObject({ status: 'done', visitDate: '2026-06-05', durationMinutes: 90 });
    expect(first.planClosed).toBe(false);
    // Visit 2 was due 2026-06-02 by the rule, before this late visit: its 2-month interval counts from it.
    expect(first.next).toMatchObject({ seq: 2, dueDate: '2026-08-05', volunteer: { id: v.id } });
    expect(await codeOf(desk, 'followups.recordVisit', visit)).toBe('VISIT_NOT_OPEN');

    const packet = await desk.ok('followups.packet', { visitId: first.next?.id ?? '' });
    expect(packet.previousNextStep).toBe('关注双方沟通');

    let open = first.next;
    for (const date of ['2026-08-05', '2026-09-10', '2027-03-02']) {
      jumpTo(desk, `${date}T02:00:00.000Z`);
      await signInAs(desk, 'volunteer');
      const r = await desk.ok('followups.recordVisit', {
        ...visit,
        visitId: open?.id ?? '',
        visitDate: date,
      });
      open = r.next;
      if (date === '2027-03-02') expect(r).toMatchObject({ next: null, planClosed: true });
    }
    await signInAs(desk, 'counsellorA');
    const family = await desk.ok('families.get', { familyId: first.visit.familyId });
    expect(family.plans[0]).toMatchObject({ status: 'closed', closeCause: 'completed', upcoming: [] });
    expect(family.plans[0]?.visits.map((x) => [x.seq, x.status])).toEqual([
      [1, 'done'],
      [2, 'done'],
      [3, 'done'],
      [4, 'done'],
    ]);
  });

  it('overdue visits and safety concerns reach the dashboard of the counsellor in charge', async () => {
    const { familyId, planId, visitId } = await familyWithPlan();
    const v = await addVolunteer(desk, { userId: staff.volunteer });
    await desk.ok('followups.assign', { planId, volunteerId: v.id });
    expect((await desk.ok('dashboard.get', {})).overdueVisits).toEqual([]);

    await travel(desk, '2026-04-10T02:00:00.000Z');
    const dash = await desk.ok('dashboard.get', {});
    expect(dash.overdueVisits).toEqual([
      {
        visitId,
        familyId,
        archiveNumber: 'JT-2026-00001',
        dueDate: '2026-04-02',
        daysOverdue: 8,
        volunteer: { id: v.id, name: '周志愿' },
      },
    ]);
    const queue = await desk.ok('followups.queue', { bucket: 'overdue' });
    expect(queue.rows.map((r) => [r.visitId, r.daysOverdue])).toEqual([[visitId, 8]]);
    await signInAs(desk, 'counsellorB');
    expect((await desk.ok('dashboard.get', {})).overdueVisits).toEqual([]);

    // A paused plan's visit waits: not overdue while paused.
    await signInAs(desk, 'counsellorA');
    expect(await codeOf(desk, 'followups.setPlanStatus', { planId, status: 'paused' })).toBe('VALIDATION');
    const paused = await desk.ok('followups.setPlanStatus', {
      planId,
      status: 'paused',
      reason: '家庭外出务工，暂停回访',
    });
    expect(paused.visits.map((x) => x.status)).toEqual(['on_hold']);
    expect((await desk.ok('dashboard.get', {})).overdueVisits).toEqual([]);
    expect((await desk.ok('followups.queue', { bucket: 'overdue' })).counts.overdue).toBe(0);
    await signInAs(desk, 'volunteer');
    expect(
      await codeOf(desk, 'followups.recordVisit', {
        visitId,
        visitDate: '2026-04-10',
        channel: 'voice',
        durationMinutes: 20,
        metWhom: '李四',
      }),
    ).toBe('PLAN_NOT_ACTIVE');
    await signInAs(desk, 'counsellorA');
    const resumed = await desk.ok('followups.setPlanStatus', { planId, status: 'active' });
    expect(resumed.visits.map((x) => x.status)).toEqual(['scheduled']);

    await signInAs(desk, 'volunteer');
    await desk.ok('followups.recordVisit', {
      visitId,
      visitDate: '2026-04-10',
      channel: 'voice',
      durationMinutes: 20,
      metWhom: '李四',
      safetyConcern: true,
      safetyNote: '女方称对方酒后情绪失控，需辅导员尽快联系',
    });
    await signInAs(desk, 'counsellorA');
    const withConcern = await desk.ok('dashboard.get', {});
    expect(withConcern.overdueVisits).toEqual([]);
    expect(withConcern.safetyConcerns.map((c) => [c.visitId, c.visitDate])).toEqual([
      [visitId, '2026-04-10'],
    ]);
    const seen = await desk.ok('followups.acknowledgeConcern', { visitId });
    expect(seen.safetyAcknowledged).toBe(true);
    expect((await desk.ok('dashboard.get', {})).safetyConcerns).toEqual([]);
  });
});
