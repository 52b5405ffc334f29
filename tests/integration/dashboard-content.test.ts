import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signInAs, type Staff } from '../support/case-fixture';
import type { Desk } from '../support/desk-fixture';
import { codeOf, deskWithCase, travel } from '../support/protection-fixture';

let desk: Desk;
let staff: Staff;
let caseId: string;
let caseNumber: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ desk, staff, caseId, caseNumber, cleanup } = await deskWithCase());
});
afterEach(() => cleanup());

describe('dashboard (工作台)', () => {
  it('lists statutory deadlines within N days, per visibility, soonest first (fake clock)', async () => {
    // Case 1 (A in charge, B accompanying): received 2026-03-02. Case 2 (B only): received 2026-02-27.
    const c1 = await desk.ok('cases.get', { caseId });
    expect(c1.registration?.timeline.withdrawalDeadline).toBe('2026-04-01');
    await signInAs(desk, 'counsellorB');
    const c2 = await desk.ok('cases.create', {
      parties: [
        { name: '王五', sex: 'male' },
        { name: '赵六', sex: 'female' },
      ],
      filing: { receivedDate: '2026-02-27', receiptNumber: 'SL-2026-0002' },
    });
    expect(c2.registration?.timeline.withdrawalDeadline).toBe('2026-03-29');

    await travel(desk, '2026-03-26T02:00:00.000Z', 'counsellorA');
    const a = await desk.ok('dashboard.get', {});
    expect(a.today).toBe('2026-03-26');
    expect(a.withinDays).toBe(7);
    expect(a.deadlinesSoon).toEqual([
      {
        caseId,
        caseNumber,
        kind: 'withdrawal_deadline',
        date: '2026-04-01',
        daysLeft: 6,
        counsellor: { id: staff.counsellorA, displayName: '用户counsellor.a' },
      },
    ]);
    expect((await desk.ok('dashboard.get', { withinDays: 5 })).deadlinesSoon).toEqual([]);

    await signInAs(desk, 'counsellorB');
    const b = await desk.ok('dashboard.get', {});
    expect(b.deadlinesSoon.map((d) => [d.caseNumber, d.date, d.daysLeft])).toEqual([
      [c2.caseNumber, '2026-03-29', 3],
      [caseNumber, '2026-04-01', 6],
    ]);
    expect((await desk.ok('dashboard.get', { withinDays: 3 })).deadlinesSoon.map((d) => d.caseId)).toEqual([
      c2.id,
    ]);

    // After the withdrawal deadline has closed, the sweep (run by the dashboard) moves case 2 on; its
    // certificate window end is what counts now.
    await travel(desk, '2026-03-30T02:00:00.000Z', 'director');
    const d = await desk.ok('dashboard.get', { withinDays: 40 });
    const certEnd = (await desk.ok('cases.get', { caseId: c2.id })).registration;
    expect(certEnd?.status).toBe('awaiting_certificate');
    expect(d.deadlinesSoon.map((x) => [x.caseId, x.kind, x.date])).toEqual([
      [caseId, 'withdrawal_deadline', '2026-04-01'],
      [c2.id, 'certificate_window_end', certEnd?.timeline.certificateWindowEnd],
    ]);

    await signInAs(desk, 'volunteer');
    expect(await codeOf(desk, 'dashboard.get', {})).toBe('FORBIDDEN');
  });

  it("shows today's sessions of visible cases only, by half day", async () => {
    const pm = await desk.ok('records.saveDraft', {
      caseId,
      sessionDate: '2026-03-02',
      halfDay: 'pm',
      channel: 'face_to_face',
    });
    const am = await desk.ok('records.saveDraft', {
      caseId,
      sessionDate: '2026-03-02',
      halfDay: 'am',
      channel: 'voice',
    });
    await desk.ok('records.saveDraft', { caseId, sessionDate: '2026-03-01', halfDay: 'am' });
    await desk.ok('records.saveDraft', { caseId });

    await signInAs(desk, 'director');
    const other = await desk.ok('cases.create', {
      parties: [
        { name: '王五', sex: 'male' },
        { name: '赵六', sex: 'female' },
      ],
      type: 'marital',
    });
    const theirs = await desk.ok('records.saveDraft', {
      caseId: other.id,
      sessionDate: '2026-03-02',
      halfDay: 'am',
    });
    expect((await desk.ok('dashboard.get', {})).todaySessions.map((s) => s.recordId).sort()).toEqual(
      [am.id, pm.id, theirs.id].sort(),
    );

    await signInAs(desk, 'counsellorA');
    const dash = await desk.ok('dashboard.get', {});
    expect(dash.todaySessions).toEqual([
      { caseId, caseNumber, recordId: am.id, halfDay: 'am', channel: 'voice', status: 'draft' },
      { caseId, caseNumber, recordId: pm.id, halfDay: 'pm', channel: 'face_to_face', status: 'draft' },
    ]);
    // The companion sees the case's sessions too; nothing else is due on day one.
    await signInAs(desk, 'counsellorB');
    const b = await desk.ok('dashboard.get', {});
    expect(b.todaySessions.map((s) => s.recordId)).toEqual([am.id, pm.id]);
    expect(b.overdueReferrals).toEqual([]);
    expect(b.openSupervision).toEqual([]);

    // The next day (China time) they are no longer today's.
    await travel(desk, '2026-03-02T16:00:00.000Z', 'counsellorA');
    expect((await desk.ok('dashboard.get', {})).todaySessions).toEqual([]);
  });
});
