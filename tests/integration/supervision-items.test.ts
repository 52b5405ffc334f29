import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signInAs, type Staff } from '../support/case-fixture';
import type { Desk } from '../support/desk-fixture';
import { auditActions, codeOf, deskWithCase, DISCLOSURE, travel } from '../support/protection-fixture';

let desk: Desk;
let staff: Staff;
let caseId: string;
let caseNumber: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ desk, staff, caseId, caseNumber, cleanup } = await deskWithCase());
});
afterEach(() => cleanup());

/** A second case with counsellor A in charge and no companion. */
async function soloCase(): Promise<string> {
  const c = await desk.ok('cases.create', {
    parties: [
      { name: '王五', sex: 'male' },
      { name: '赵六', sex: 'female' },
    ],
    filing: { receivedDate: '2026-03-02', receiptNumber: 'SL-2026-0002' },
  });
  return c.id;
}

describe('supervision: 交办 changes the counsellor in charge', () => {
  it('a director assigns a case; the new counsellor gains it (and its DV), the old one loses it', async () => {
    const solo = await soloCase();
    const d = await desk.ok('dv.create', { caseId: solo, ...DISCLOSURE });
    // Counsellors may not assign or supervise.
    expect(
      await codeOf(desk, 'supervision.create', { kind: 'assign', caseId: solo, toUserId: staff.counsellorB }),
    ).toBe('FORBIDDEN');
    expect(
      await codeOf(desk, 'supervision.create', { kind: 'supervise', caseId: solo, dueDate: '2026-03-09' }),
    ).toBe('FORBIDDEN');
    expect(await codeOf(desk, 'supervision.list', { scope: 'all_open' })).toBe('FORBIDDEN');

    await signInAs(desk, 'director');
    const bad = await desk.fails('supervision.create', {
      kind: 'assign',
      caseId: solo,
      toUserId: staff.volunteer,
    });
    expect(bad.code).toBe('VALIDATION');
    expect(Object.keys(bad.fields ?? {})).toEqual(['toUserId']);
    expect(
      (await desk.fails('supervision.create', { kind: 'assign', caseId: solo, toUserId: staff.counsellorA }))
        .code,
    ).toBe('VALIDATION');
    expect((await desk.fails('supervision.create', { kind: 'assign', caseId: solo })).fields).toHaveProperty(
      'toUserId',
    );

    const item = await desk.ok('supervision.create', {
      kind: 'assign',
      caseId: solo,
      toUserId: staff.counsellorB,
      dueDate: '2026-03-09',
      instructions: '请于一周内完成首次辅导',
    });
    expect(item).toMatchObject({
      kind: 'assign',
      status: 'open',
      toUser: { id: staff.counsellorB },
      fromUser: { id: staff.counsellorA },
      dueDate: '2026-03-09',
      overdue: false,
      daysLeft: 7,
      createdBy: { id: staff.director },
    });
    expect((await desk.ok('cases.get', { caseId: solo })).counsellor.id).toBe(staff.counsellorB);
    expect((await desk.ok('supervision.list', { scope: 'all_open' })).map((i) => i.id)).toEqual([item.id]);

    // The old counsellor lost the case and its DV disclosure; the new one has both.
    await signInAs(desk, 'counsellorA');
    expect(await codeOf(desk, 'cases.get', { caseId: solo })).toBe('CASE_NOT_FOUND');
    expect(await codeOf(desk, 'dv.list', { caseId: solo })).toBe('CASE_NOT_FOUND');
    expect(await codeOf(desk, 'dv.update', { disclosureId: d.id, ...DISCLOSURE })).toBe('DV_NOT_FOUND');
    expect(await desk.ok('supervision.list', { scope: 'mine' })).toEqual([]);
    expect(await codeOf(desk, 'supervision.complete', { itemId: item.id })).toBe('SUPERVISION_NOT_FOUND');

    await signInAs(desk, 'counsellorB');
    expect((await desk.ok('dv.list', { caseId: solo })).map((x) => x.id)).toEqual([d.id]);
    expect((await desk.ok('supervision.list', { scope: 'mine' })).map((i) => [i.id, i.caseNumber])).toEqual([
      [item.id, item.caseNumber],
    ]);
    // Only a director or the creator cancels an assignment; the addressee completes it.
    expect(await codeOf(desk, 'supervision.cancel', { itemId: item.id })).toBe('FORBIDDEN');
    const done = await desk.ok('supervision.complete', { itemId: item.id, note: '已完成首次辅导' });
    expect(done).toMatchObject({
      status: 'done',
      closedBy: { id: staff.counsellorB },
      closeNote: '已完成首次辅导',
    });
    expect(await codeOf(desk, 'supervision.complete', { itemId: item.id })).toBe('INVALID_TRANSITION');
    expect(await desk.ok('supervision.list', { scope: 'mine' })).toEqual([]);
    expect((await desk.ok('supervision.list', { scope: 'case', caseId: solo })).map((i) => i.status)).toEqual(
      ['done'],
    );

    const audit = await auditActions(desk);
    const created = audit.find((a) => a.action === 'supervision.created');
    expect(created?.detail).toMatchObject({
      caseId: solo,
      kind: 'assign',
      toUserId: staff.counsellorB,
      fromCounsellorId: staff.counsellorA,
      counsellorChanged: true,
    });
    expect(audit.find((a) => a.action === 'supervision.completed')?.targetId).toBe(item.id);
  });
});

describe('supervision: 转办 and 督办', () => {
  it('the counsellor in charge transfers to a colleague or a station; others may not', async () => {
    // B only accompanies the case: no transfer.
    await signInAs(desk, 'counsellorB');
    expect(
      await codeOf(desk, 'supervision.create', { kind: 'transfer', caseId, toUserId: staff.counsellorB }),
    ).toBe('FORBIDDEN');

    await signInAs(desk, 'counsellorA');
    const both = await desk.fails('supervision.create', {
      kind: 'transfer',
      caseId,
      toUserId: staff.director,
      toStation: '明水街道辅导站',
    });
    expect(both.code).toBe('VALIDATION');
    const station = await desk.ok('supervision.create', {
      kind: 'transfer',
      caseId,
      toStation: '明水街道辅导站',
    });
    expect(station).toMatchObject({
      toUser: null,
      toStation: '明水街道辅导站',
      fromUser: null,
      status: 'open',
    });
    // A station transfer leaves the counsellor in charge; they track and cancel it.
    expect((await desk.ok('cases.get', { caseId })).counsellor.id).toBe(staff.counsellorA);
    expect((await desk.ok('supervision.cancel', { itemId: station.id, note: '当事人不愿转站' })).status).toBe(
      'cancelled',
    );
    expect(await codeOf(desk, 'supervision.cancel', { itemId: station.id })).toBe('INVALID_TRANSITION');

    const toB = await desk.ok('supervision.create', {
      kind: 'transfer',
      caseId,
      toUserId: staff.counsellorB,
    });
    expect(toB.fromUser?.id).toBe(staff.counsellorA);
    // A neither leads nor accompanies the case any more: it is gone for A.
    expect(await codeOf(desk, 'cases.get', { caseId })).toBe('CASE_NOT_FOUND');
    await signInAs(desk, 'counsellorB');
    expect((await desk.ok('cases.get', { caseId })).counsellor.id).toBe(staff.counsellorB);
  });

  it('督办 with a deadline: directors see all open items, overdue first (fake clock)', async () => {
    const solo = await soloCase();
    await signInAs(desk, 'director');
    const later = await desk.ok('supervision.create', {
      kind: 'supervise',
      caseId,
      dueDate: '2026-03-20',
      instructions: '督促完成回访',
    });
    const sooner = await desk.ok('supervision.create', {
      kind: 'supervise',
      caseId: solo,
      dueDate: '2026-03-05',
    });
    // Addressed to the counsellor in charge by default; the case keeps its counsellor.
    expect(sooner.toUser?.id).toBe(staff.counsellorA);
    expect(sooner.fromUser).toBeNull();
    expect((await desk.fails('supervision.create', { kind: 'supervise', caseId })).fields).toHaveProperty(
      'dueDate',
    );
    expect(
      (await desk.fails('supervision.create', { kind: 'supervise', caseId, dueDate: '2026-03-01' })).fields,
    ).toHaveProperty('dueDate');

    await travel(desk, '2026-03-07T02:00:00.000Z', 'director');
    const open = await desk.ok('supervision.list', { scope: 'all_open' });
    expect(open.map((i) => [i.id, i.overdue, i.daysLeft])).toEqual([
      [sooner.id, true, -2],
      [later.id, false, 13],
    ]);
    const dash = await desk.ok('dashboard.get', {});
    expect(dash.openSupervision.map((i) => [i.itemId, i.caseNumber, i.overdue])).toEqual([
      [sooner.id, sooner.caseNumber, true],
      [later.id, caseNumber, false],
    ]);

    await signInAs(desk, 'counsellorA');
    expect((await desk.ok('supervision.list', { scope: 'mine' })).map((i) => i.id)).toEqual([
      sooner.id,
      later.id,
    ]);
    expect(await codeOf(desk, 'supervision.cancel', { itemId: sooner.id })).toBe('FORBIDDEN');
    // The companion sees the case's items but may not close them.
    await signInAs(desk, 'counsellorB');
    expect((await desk.ok('supervision.list', { scope: 'case', caseId })).map((i) => i.id)).toEqual([
      later.id,
    ]);
    expect(await desk.ok('supervision.list', { scope: 'mine' })).toEqual([]);
    expect(await codeOf(desk, 'supervision.complete', { itemId: later.id })).toBe('FORBIDDEN');
    expect(await codeOf(desk, 'supervision.complete', { itemId: sooner.id })).toBe('SUPERVISION_NOT_FOUND');

    await signInAs(desk, 'director');
    expect((await desk.ok('supervision.cancel', { itemId: sooner.id })).status).toBe('cancelled');
    expect((await desk.ok('supervision.list', { scope: 'all_open' })).map((i) => i.id)).toEqual([later.id]);
    const actions = (await auditActions(desk, 'director')).map((a) => a.action);
    expect(actions.filter((a) => a.startsWith('supervision.'))).toEqual([
      'supervision.cancelled',
      'supervision.created',
      'supervision.created',
    ]);

    await signInAs(desk, 'volunteer');
    expect(await codeOf(desk, 'supervision.list', { scope: 'mine' })).toBe('FORBIDDEN');
  });
});
