import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signInAs, type Staff } from '../support/case-fixture';
import type { Desk } from '../support/desk-fixture';
import { signResult } from '../support/aftercare-fixture';
import { codeOf, deskWithCase, DISCLOSURE, travel } from '../support/protection-fixture';

/*
 * The statistics channels through the real desk (dispatch, real services, fake clock): who may call them,
 * what they refuse, and figures that follow the records service (the result of the latest signed record).
 */

let desk: Desk;
let staff: Staff;
let caseId: string;
let caseNumber: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ desk, staff, caseId, caseNumber, cleanup } = await deskWithCase());
});
afterEach(() => cleanup());

const MARCH = { from: '2026-03-01', to: '2026-03-31' };
const APRIL = { from: '2026-04-01', to: '2026-04-30' };

describe('statistics through the desk', () => {
  it('a case counselled in March with its result recorded in April counts in March, with April’s result', async () => {
    await signResult(desk, caseId, staff.counsellorA, 'postpone', '2026-03-02');
    let march = await desk.ok('statistics.get', MARCH);
    expect(march.today).toBe('2026-03-02');
    expect(march.divorce).toMatchObject({
      filings: 1,
      filingsCounselled: 1,
      counselled: 1,
      resultPostpone: 1,
    });
    expect(march.divorce.counsellingRate).toEqual({ numerator: 1, denominator: 1, percent: 100 });

    await travel(desk, '2026-04-03T02:00:00.000Z', 'counsellorA');
    await signResult(desk, caseId, staff.counsellorA, 'reconcile', '2026-04-02');
    march = await desk.ok('statistics.get', MARCH);
    expect(march.divorce).toMatchObject({
      counselled: 1,
      resultPostpone: 0,
      resultReconcile: 1,
      reconciledBroad: 1,
    });
    expect(march.divorce.reconciliationRateStrict.percent).toBe(100);
    const april = await desk.ok('statistics.get', APRIL);
    expect([april.divorce.counselled, april.sessions]).toEqual([0, 1]);

    const list = await desk.ok('statistics.list', { ...MARCH, indicator: 'resultReconcile' });
    expect(list).toMatchObject({ kind: 'cases', total: 1 });
    expect(list.rows.map((r) => [r.caseId, r.label, r.date, r.result])).toEqual([
      [caseId, caseNumber, '2026-03-02', 'reconcile'],
    ]);
    // Case numbers only: no party's name or phone reaches a list.
    expect(JSON.stringify(list)).not.toMatch(/张三|李四|1380000000/);
  });

  it('DV disclosures count only for the counsellor in charge and directors', async () => {
    await desk.ok('dv.create', { caseId, ...DISCLOSURE });
    expect((await desk.ok('statistics.get', MARCH)).dvDisclosures).toBe(1);
    await signInAs(desk, 'counsellorB'); // accompanies the case: sees it, not its DV
    const b = await desk.ok('statistics.get', MARCH);
    expect([b.divorce.filings, b.dvDisclosures]).toEqual([1, 0]);
    expect((await desk.ok('statistics.list', { ...MARCH, indicator: 'dvDisclosures' })).total).toBe(0);
    await signInAs(desk, 'director');
    expect((await desk.ok('statistics.get', MARCH)).dvDisclosures).toBe(1);
    const byB = await desk.ok('statistics.get', { ...MARCH, counsellorId: staff.counsellorB });
    expect([byB.divorce.filings, byB.dvDisclosures]).toEqual([0, 0]);
  });

  it('refuses a reversed period, a missing breakdown value, and roles without casework', async () => {
    expect(await codeOf(desk, 'statistics.get', { from: '2026-03-31', to: '2026-03-01' })).toBe('VALIDATION');
    expect(await codeOf(desk, 'statistics.list', { ...MARCH, indicator: 'referralsByTarget' })).toBe(
      'VALIDATION',
    );
    await signInAs(desk, 'admin');
    expect(await codeOf(desk, 'statistics.get', MARCH)).toBe('FORBIDDEN');
    await signInAs(desk, 'volunteer');
    expect(await codeOf(desk, 'statistics.list', { ...MARCH, indicator: 'filings' })).toBe('FORBIDDEN');
  });
});
