import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { minimalIntake, signInAs, type Staff } from '../support/case-fixture';
import type { Desk } from '../support/desk-fixture';
import { auditActions, codeOf, deskWithCase, DISCLOSURE } from '../support/protection-fixture';

let desk: Desk;
let staff: Staff;
let caseId: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ desk, staff, caseId, cleanup } = await deskWithCase());
});
afterEach(() => cleanup());

describe('DV disclosures: restricted access', () => {
  it('the counsellor in charge and a director see it; the companion, another counsellor and a volunteer do not', async () => {
    const d = await desk.ok('dv.create', { caseId, ...DISCLOSURE });
    expect(d).toMatchObject({ caseId, riskLevel: 'high', mandatoryReportDue: false, version: 1 });
    expect(d.recordedBy.id).toBe(staff.counsellorA);
    // The case now hides contacts in lists and printouts.
    expect((await desk.ok('cases.get', { caseId })).dvDisclosed).toBe(true);
    expect((await desk.ok('dv.list', { caseId })).map((x) => x.id)).toEqual([d.id]);

    await signInAs(desk, 'director');
    expect((await desk.ok('dv.list', { caseId })).map((x) => x.facts)).toEqual([DISCLOSURE.facts]);

    // The companion sees the case but never its DV details, by any channel.
    await signInAs(desk, 'counsellorB');
    expect((await desk.ok('cases.get', { caseId })).id).toBe(caseId);
    expect(await codeOf(desk, 'dv.list', { caseId })).toBe('DV_NOT_FOUND');
    expect(await codeOf(desk, 'dv.update', { disclosureId: d.id, ...DISCLOSURE, facts: '改写' })).toBe(
      'DV_NOT_FOUND',
    );
    expect(
      await codeOf(desk, 'dv.recordMandatoryReport', {
        disclosureId: d.id,
        reportedAt: '2026-03-02',
        reportedTo: '明水派出所',
      }),
    ).toBe('DV_NOT_FOUND');
    expect(await codeOf(desk, 'dv.create', { caseId, ...DISCLOSURE })).toBe('FORBIDDEN');

    // A counsellor with no part in the case: the case does not exist for them, nor the disclosure.
    const other = await desk.ok('cases.create', minimalIntake());
    await signInAs(desk, 'counsellorA');
    expect(await codeOf(desk, 'dv.list', { caseId: other.id })).toBe('CASE_NOT_FOUND');
    await signInAs(desk, 'counsellorB');
    const ownDisclosure = await desk.ok('dv.create', { caseId: other.id, ...DISCLOSURE });
    await signInAs(desk, 'counsellorA');
    expect(await codeOf(desk, 'dv.update', { disclosureId: ownDisclosure.id, ...DISCLOSURE })).toBe(
      'DV_NOT_FOUND',
    );

    // Volunteers (and admins) have no case channels at all.
    for (const who of ['volunteer', 'admin'] as const) {
      await signInAs(desk, who);
      expect(await codeOf(desk, 'dv.list', { caseId })).toBe('FORBIDDEN');
      expect(await codeOf(desk, 'dv.update', { disclosureId: d.id, ...DISCLOSURE })).toBe('FORBIDDEN');
      expect(await codeOf(desk, 'dv.create', { caseId, ...DISCLOSURE })).toBe('FORBIDDEN');
    }

    // Every opening of the list was audited, the refused ones were not.
    const audit = await auditActions(desk);
    const viewed = audit.filter((r) => r.action === 'dv.viewed' && r.targetId === caseId);
    expect(viewed.map((r) => r.actorId)).toEqual([staff.director, staff.counsellorA]);
    // The admin reads this log: the case and the disclosure's id, never the risk level or minors flags.
    expect(audit.find((r) => r.action === 'dv.created' && r.targetId === d.id)?.detail).toEqual({ caseId });
    // No DV text in the audit log.
    expect(JSON.stringify(audit)).not.toContain('推搡');
  });

  it('DV text is never found by search', async () => {
    await desk.ok('dv.create', { caseId, ...DISCLOSURE, facts: '醉酒后殴打妻子' });
    const found = await desk.ok('search.cases', { query: '殴打' });
    expect(found.rows).toEqual([]);
    // The case itself is found by a party's name.
    expect((await desk.ok('search.cases', { query: '张三' })).rows.map((h) => h.id)).toContain(caseId);
  });
});

describe('DV disclosures: content rules', () => {
  it('prompts the mandatory report for a minor or a victim lacking capacity until it is recorded', async () => {
    const minor = await desk.ok('dv.create', {
      caseId,
      ...DISCLOSURE,
      disclosedBy: 'child',
      minorsInvolved: true,
    });
    expect(minor.mandatoryReportDue).toBe(true);
    const capacity = await desk.ok('dv.create', { caseId, ...DISCLOSURE, victimLacksCapacity: true });
    expect(capacity.mandatoryReportDue).toBe(true);

    const reported = await desk.ok('dv.recordMandatoryReport', {
      disclosureId: minor.id,
      reportedAt: '2026-03-02',
      reportedTo: '章丘区公安分局明水派出所',
      reference: 'JB-0302-01',
    });
    expect(reported.mandatoryReportDue).toBe(false);
    expect(reported.mandatoryReport).toMatchObject({
      reportedTo: '章丘区公安分局明水派出所',
      reference: 'JB-0302-01',
      recordedBy: { id: staff.counsellorA },
    });
    expect(reported.version).toBe(2);

    // Recorded together with the disclosure: never due.
    const atOnce = await desk.ok('dv.create', {
      caseId,
      ...DISCLOSURE,
      minorsInvolved: true,
      mandatoryReport: { reportedAt: '2026-03-02', reportedTo: '明水派出所' },
    });
    expect(atOnce.mandatoryReportDue).toBe(false);

    const list = await desk.ok('dv.list', { caseId });
    expect(list.map((d) => [d.id, d.mandatoryReportDue])).toEqual([
      [minor.id, false],
      [capacity.id, true],
      [atOnce.id, false],
    ]);
    const recorded = (await auditActions(desk)).filter((r) => r.action === 'dv.mandatory_report_recorded');
    expect(recorded.map((r) => r.targetId)).toEqual([atOnce.id, minor.id]);
  });

  it('a protection order runs at most six months; other dates not in the future', async () => {
    const order = { number: '(2026)鲁0114民保令1号', issuedAt: '2026-02-28' };
    const tooLong = await desk.fails('dv.create', {
      caseId,
      ...DISCLOSURE,
      protectionOrder: { ...order, expiresAt: '2026-08-29' },
    });
    expect(tooLong.code).toBe('VALIDATION');
    expect(Object.keys(tooLong.fields ?? {})).toEqual(['protectionOrder.expiresAt']);
    const before = await desk.fails('dv.create', {
      caseId,
      ...DISCLOSURE,
      protectionOrder: { ...order, expiresAt: '2026-02-27' },
    });
    expect(Object.keys(before.fields ?? {})).toEqual(['protectionOrder.expiresAt']);

    // Six months from the last day of August is the last day of February.
    const monthEnd = { number: '(2025)鲁0114民保令9号', issuedAt: '2025-08-31' };
    const lateFeb = await desk.ok('dv.create', {
      caseId,
      ...DISCLOSURE,
      protectionOrder: { ...monthEnd, expiresAt: '2026-02-28' },
    });
    expect(lateFeb.protectionOrder?.expiresAt).toBe('2026-02-28');
    expect(
      (
        await desk.fails('dv.create', {
          caseId,
          ...DISCLOSURE,
          protectionOrder: { ...monthEnd, expiresAt: '2026-03-01' },
        })
      ).code,
    ).toBe('VALIDATION');

    const d = await desk.ok('dv.create', {
      caseId,
      ...DISCLOSURE,
      warningLetter: { number: '章公(明)告字〔2026〕12号', issuedAt: '2026-03-01' },
      protectionOrder: { ...order, expiresAt: '2026-08-28' },
    });
    expect(d.protectionOrder).toEqual({ ...order, expiresAt: '2026-08-28' });

    const future = await desk.fails('dv.update', {
      disclosureId: d.id,
      ...DISCLOSURE,
      disclosedAt: '2026-03-03',
    });
    expect(future.code).toBe('VALIDATION');
    expect(Object.keys(future.fields ?? {})).toEqual(['disclosedAt']);
    const other = await desk.fails('dv.update', { disclosureId: d.id, ...DISCLOSURE, disclosedBy: 'other' });
    expect(Object.keys(other.fields ?? {})).toEqual(['disclosedByName']);

    const updated = await desk.ok('dv.update', { disclosureId: d.id, ...DISCLOSURE, riskLevel: 'severe' });
    expect(updated).toMatchObject({
      riskLevel: 'severe',
      version: 2,
      warningLetter: null,
      protectionOrder: null,
    });
    const entry = (await auditActions(desk)).find((r) => r.action === 'dv.updated');
    expect(entry?.detail.fields).toBe(
      'risk_level,warning_letter_number,warning_letter_issued_at,protection_order_number,protection_order_issued_at,protection_order_expires_at',
    );
  });
});
