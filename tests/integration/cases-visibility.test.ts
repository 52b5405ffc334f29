import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addStaff, fullIntake, minimalIntake, signInAs, type Staff } from '../support/case-fixture';
import { type Desk, setUpDesk } from '../support/desk-fixture';

let desk: Desk;
let cleanup: () => Promise<void>;
let staff: Staff;
beforeEach(async () => {
  ({ desk, cleanup } = await setUpDesk());
  staff = await addStaff(desk);
});
afterEach(() => cleanup());

describe('who may see a case', () => {
  it("counsellor B gets CASE_NOT_FOUND for A's case; the companion and a director see it", async () => {
    const mine = await desk.ok('cases.create', fullIntake());
    const accompanied = await desk.ok('cases.create', minimalIntake({ companionUserId: staff.counsellorB }));

    await signInAs(desk, 'counsellorB');
    const hidden = await desk.fails('cases.get', { caseId: mine.id });
    expect(hidden.code).toBe('CASE_NOT_FOUND');
    // Exactly the answer for a case that does not exist: nothing reveals it.
    const missing = await desk.fails('cases.get', { caseId: '01900000-0000-7000-8000-000000000000' });
    expect(missing).toEqual(hidden);
    for (const call of [
      desk.call('cases.update', { caseId: mine.id, ...minimalIntake() }),
      desk.call('cases.recordConsent', {
        caseId: mine.id,
        consent: { consentedBy: 'both', consentedAt: '2026-03-02', method: 'written' },
      }),
      desk.call('cases.transition', { caseId: mine.id, action: 'refuse', date: '2026-03-02', reason: 'x' }),
      desk.call('records.list', { caseId: mine.id }),
    ]) {
      const r = await call;
      expect(r.ok ? 'ok' : r.error.code).toBe('CASE_NOT_FOUND');
    }
    expect((await desk.ok('cases.get', { caseId: accompanied.id })).companion).toEqual({
      userId: staff.counsellorB,
      name: '用户counsellor.b',
    });
    expect((await desk.ok('cases.list', {})).rows.map((r) => r.id)).toEqual([accompanied.id]);

    await signInAs(desk, 'director');
    expect((await desk.ok('cases.get', { caseId: mine.id })).parties[0].documentNumber).toBe(
      mine.parties[0].documentNumber,
    );
    expect((await desk.ok('cases.list', {})).total).toBe(2);
  });

  it.each(['volunteer', 'admin'] as const)('role %s: no case channels at all (FORBIDDEN)', async (who) => {
    const c = await desk.ok('cases.create', minimalIntake());
    await signInAs(desk, who);
    for (const call of [
      desk.call('cases.get', { caseId: c.id }),
      desk.call('cases.list', {}),
      desk.call('cases.create', minimalIntake()),
      desk.call('cases.counsellors', null),
      desk.call('records.list', { caseId: c.id }),
      desk.call('records.saveDraft', { caseId: c.id }),
    ]) {
      const r = await call;
      expect(r.ok ? 'ok' : r.error.code).toBe('FORBIDDEN');
    }
  });

  it('lists show masked ID numbers only, and no phone when the case has the DV flag', async () => {
    const plain = await desk.ok('cases.create', fullIntake());
    const dv = await desk.ok('cases.create', fullIntake({ risk: { domesticViolence: true } }));
    const { rows, total } = await desk.ok('cases.list', { sort: 'case_number' });
    expect(total).toBe(2);
    const text = JSON.stringify(rows);
    expect(text).not.toContain(plain.parties[0].documentNumber ?? '?');
    expect(text).not.toContain('明水街道');
    expect(rows[0]).toMatchObject({
      id: plain.id,
      contactsHidden: false,
      parties: [
        { name: '张三', documentNumberMasked: plain.parties[0].documentNumberMasked, phone: '13800000001' },
        {},
      ],
    });
    expect(rows[1]).toMatchObject({
      id: dv.id,
      contactsHidden: true,
      parties: [{ phone: null }, { phone: null }],
    });
    // Filters: risk flag, type, status, received range; paging.
    expect((await desk.ok('cases.list', { risk: ['domesticViolence'] })).rows.map((r) => r.id)).toEqual([
      dv.id,
    ]);
    expect((await desk.ok('cases.list', { type: 'premarital' })).total).toBe(0);
    expect((await desk.ok('cases.list', { receivedFrom: '2026-03-03' })).total).toBe(0);
    expect(
      (await desk.ok('cases.list', { receivedTo: '2026-03-02', registrationStatus: 'accepted_cooling' }))
        .total,
    ).toBe(2);
    const page2 = await desk.ok('cases.list', { pageSize: 1, page: 2, sort: 'created_desc' });
    expect(page2).toMatchObject({ total: 2, rows: [{ id: plain.id }] });
    expect((await desk.fails('cases.list', { pageSize: 201 })).code).toBe('VALIDATION');
  });
});
