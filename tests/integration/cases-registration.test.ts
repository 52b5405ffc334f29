import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addStaff, jumpTo, minimalIntake, signInAs } from '../support/case-fixture';
import { type Desk, setUpDesk } from '../support/desk-fixture';

/*
 * Received Mon 2026-03-02 → withdrawal deadline Wed 2026-04-01, certificate window 2026-04-02 … 2026-05-06
 * (May Day 2026-05-01…05 extends the end). The deadline is 17:00 China time = 09:00 UTC on that day.
 */

let desk: Desk;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ desk, cleanup } = await setUpDesk());
  await addStaff(desk);
});
afterEach(() => cleanup());

const status = async (caseId: string) => (await desk.ok('cases.get', { caseId })).registration?.status;

describe('registration status', () => {
  it('a deadline day stays open until 17:00 local: 16:59 withdraw is allowed, 17:01 it is closed', async () => {
    const a = await desk.ok('cases.create', minimalIntake());
    const b = await desk.ok('cases.create', minimalIntake());

    jumpTo(desk, '2026-04-01T08:59:00.000Z'); // 16:59 in the office
    await signInAs(desk, 'counsellorA');
    expect(await status(a.id)).toBe('accepted_cooling');
    const withdrawn = await desk.ok('cases.transition', {
      caseId: a.id,
      action: 'withdraw',
      by: 'party_b',
      date: '2026-04-01',
      confirmationNumber: 'CH-0001',
    });
    expect(withdrawn.registration).toMatchObject({
      status: 'withdrawn',
      withdrawal: { by: 'party_b', date: '2026-04-01', confirmationNumber: 'CH-0001' },
    });

    desk.clock.advanceMinutes(2); // 17:01: the sweep moves b on its next load
    const list = await desk.ok('cases.list', { registrationStatus: 'awaiting_certificate' });
    expect(list.rows.map((r) => r.id)).toEqual([b.id]);
    expect(list.rows[0]?.nextDeadline).toBe('2026-05-06');
    const closed = await desk.fails('cases.transition', {
      caseId: b.id,
      action: 'withdraw',
      by: 'both',
      date: '2026-04-01',
      confirmationNumber: 'CH-0002',
    });
    expect(closed.code).toBe('WITHDRAWAL_WINDOW_CLOSED');
    expect(closed.meta).toEqual({ deadline: '2026-04-01' });
    expect(closed.message).toBe('撤回期限已过（截止 2026-04-01），不能再办理撤回。');

    // A withdrawn case cannot move again.
    expect(
      (await desk.fails('cases.transition', { caseId: a.id, action: 'register', date: '2026-04-01' })).code,
    ).toBe('INVALID_TRANSITION');

    // The automatic step is audited as a system change (no actor).
    await signInAs(desk, 'director');
    const log = (await desk.ok('audit.list', { action: 'case.status_changed' })).rows;
    // The log says a status changed, never to what (the admin reads it).
    expect(log.map((r) => [r.targetId, r.actorId, r.detail])).toEqual([
      [b.id, null, { automatic: true }],
      [a.id, expect.any(String), { automatic: false }],
    ]);
  });

  it('awaiting certificate → registered inside the window; refused needs a reason', async () => {
    const a = await desk.ok('cases.create', minimalIntake());
    const b = await desk.ok('cases.create', minimalIntake());
    const c = await desk.ok('cases.create', minimalIntake());

    // Refusing during cooling-off is allowed; registering is not yet.
    expect(
      (await desk.fails('cases.transition', { caseId: a.id, action: 'register', date: '2026-03-02' })).code,
    ).toBe('INVALID_TRANSITION');
    const refused = await desk.ok('cases.transition', {
      caseId: c.id,
      action: 'refuse',
      date: '2026-03-02',
      reason: '材料不全',
    });
    expect(refused.registration?.refusal).toEqual({ date: '2026-03-02', reason: '材料不全' });
    const noReason = await desk.fails('cases.transition', {
      caseId: b.id,
      action: 'refuse',
      date: '2026-03-02',
      reason: ' ',
    });
    expect(noReason.code).toBe('VALIDATION');

    jumpTo(desk, '2026-04-10T02:00:00.000Z');
    await signInAs(desk, 'counsellorA'); // the sweep at sign-in moves both
    const early = await desk.fails('cases.transition', {
      caseId: a.id,
      action: 'register',
      date: '2026-04-01',
    });
    expect(early.fields).toEqual({ date: '填写的内容不正确。' });
    const registered = await desk.ok('cases.transition', {
      caseId: a.id,
      action: 'register',
      date: '2026-04-10',
    });
    expect(registered.registration).toMatchObject({ status: 'registered', registeredDate: '2026-04-10' });
    expect(registered.registration?.timeline.certificateWindowStart).toBe('2026-04-02');
  });

  it('deemed withdrawn once the certificate window end has closed — May Day extends it to 2026-05-06', async () => {
    const a = await desk.ok('cases.create', minimalIntake());

    jumpTo(desk, '2026-05-06T08:59:00.000Z'); // last day, 16:59
    await signInAs(desk, 'counsellorA');
    expect(await status(a.id)).toBe('awaiting_certificate');
    desk.clock.advanceMinutes(1); // 17:00 exactly: closed
    expect(await status(a.id)).toBe('deemed_withdrawn');
    expect(
      (await desk.fails('cases.transition', { caseId: a.id, action: 'register', date: '2026-05-06' })).code,
    ).toBe('INVALID_TRANSITION');
    const detail = await desk.ok('cases.get', { caseId: a.id });
    expect(detail.registration?.withdrawal).toBeNull();
  });

  it('a long-offline desk moves a case through both automatic steps at sign-in', async () => {
    const a = await desk.ok('cases.create', minimalIntake());
    jumpTo(desk, '2026-06-01T01:00:00.000Z');
    await signInAs(desk, 'director');
    const log = (await desk.ok('audit.list', { action: 'case.status_changed' })).rows;
    expect(log.map((r) => r.detail)).toEqual([{ automatic: true }, { automatic: true }]);
    expect(log.every((r) => r.targetId === a.id && r.actorId === null)).toBe(true);
    expect(await status(a.id)).toBe('deemed_withdrawn');
  });

  it('after weeks off, one sign-in moves many cases at once — each through every step it is due, audited in one chain', async () => {
    const filing = (receivedDate: string, n: number) =>
      minimalIntake({ filing: { receivedDate, receiptNumber: `SL-2026-${n}` } });
    // All cooling when filed on 03-02. Received 02-10: deadline 03-12, window to 04-11; 02-25: deadline
    // 03-27, window to 04-26.
    const twoSteps = await Promise.all(
      [1, 2, 3].map(async (n) => (await desk.ok('cases.create', filing('2026-02-10', n))).id),
    );
    const oneStep = await Promise.all(
      [4, 5].map(async (n) => (await desk.ok('cases.create', filing('2026-02-25', n))).id),
    );
    const withdrawn = (await desk.ok('cases.create', filing('2026-02-25', 6))).id;
    await desk.ok('cases.transition', {
      caseId: withdrawn,
      action: 'withdraw',
      by: 'party_a',
      date: '2026-03-02',
      confirmationNumber: 'CH-0006',
    });
    for (const id of [...twoSteps, ...oneStep]) expect(await status(id)).toBe('accepted_cooling');

    jumpTo(desk, '2026-04-15T01:00:00.000Z'); // 04-14 has closed; nothing was loaded since 03-02
    await signInAs(desk, 'director');
    for (const id of twoSteps) expect(await status(id)).toBe('deemed_withdrawn');
    // The list's next deadline follows each move: the window's end while awaiting, none once deemed.
    const list = await desk.ok('cases.list', { page: 1, pageSize: 20, sort: 'deadline_asc' });
    const row = (id: string) => list.rows.find((r) => r.id === id);
    for (const id of oneStep) {
      expect(row(id)?.registrationStatus).toBe('awaiting_certificate');
      expect(row(id)?.certificateWindowEnd).toBe('2026-04-26');
      expect(row(id)?.nextDeadline).toBe('2026-04-26');
    }
    for (const id of twoSteps) expect(row(id)?.nextDeadline).toBeNull();
    // Running deadlines first: the awaiting cases lead the deadline order.
    expect(
      list.rows
        .slice(0, 2)
        .map((r) => r.id)
        .sort(),
    ).toEqual([...oneStep].sort());
    expect(await status(withdrawn)).toBe('withdrawn');

    // One automatic entry per step taken (3 × 2 + 2 × 1; the 03-02 withdrawal was the only manual change),
    // chained like entries appended one by one: the whole log verifies.
    const log = await desk.ok('audit.list', { action: 'case.status_changed', pageSize: 200 });
    const automatic = log.rows.filter((r) => r.actorId === null);
    expect(log.total).toBe(9);
    expect(automatic).toHaveLength(8);
    const steps = new Map<string, number>();
    for (const r of automatic) steps.set(r.targetId!, (steps.get(r.targetId!) ?? 0) + 1);
    expect(Object.fromEntries(steps)).toEqual(
      Object.fromEntries([...twoSteps.map((id) => [id, 2]), ...oneStep.map((id) => [id, 1])]),
    );
    expect(await desk.ok('audit.verify', null)).toMatchObject({ intact: true });
    // Nothing is left for the next load to move.
    expect((await desk.ok('audit.list', { action: 'case.status_changed' })).total).toBe(log.total);
    await desk.ok('cases.list', { page: 1, pageSize: 20 });
    expect((await desk.ok('audit.list', { action: 'case.status_changed' })).total).toBe(log.total);
  });

  it('a case without a filing has no registration and no transitions', async () => {
    const c = await desk.ok('cases.create', minimalIntake({ type: 'family', filing: null }));
    expect(c.registration).toBeNull();
    expect(c.caseNumber).toBe('2026-JT-00001');
    expect(
      (
        await desk.fails('cases.transition', {
          caseId: c.id,
          action: 'withdraw',
          by: 'both',
          date: '2026-03-02',
          confirmationNumber: 'X',
        })
      ).code,
    ).toBe('INVALID_TRANSITION');
  });
});
