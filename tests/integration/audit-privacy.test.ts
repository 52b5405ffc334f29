// What the admin can learn from the audit log: who did what to which row (ids, codes, counts), never a
// client's sensitive facts (DV risk, minors, results, referral targets, search text); and every read of a
// case list, search results or a referral list is there, coalesced (docs/architecture.md "Audit log").
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUDIT_DETAIL_KEYS } from '../../src/main/audit/detail';
import { LIST_AUDIT_MINUTES } from '../../src/main/audit/list-reads';
import type { AuditEntry } from '../../src/shared/audit';
import { signInAs, type Staff } from '../support/case-fixture';
import type { Desk } from '../support/desk-fixture';
import { auditActions, deskWithCase, DISCLOSURE } from '../support/protection-fixture';

let desk: Desk;
let staff: Staff;
let caseId: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ desk, staff, caseId, cleanup } = await deskWithCase());
});
afterEach(() => cleanup());

const SENSITIVE_KEYS = [
  'riskLevel',
  'minorsInvolved',
  'victimLacksCapacity',
  'mandatoryReportDue',
  'result',
  'target',
  'dvLinked',
  'consentGiven',
  'safetyConcern',
  'query',
];

describe('audit details leak nothing sensitive', () => {
  it('a DV disclosure, a signed result and a referral are audited by id and action only', async () => {
    const d = await desk.ok('dv.create', {
      caseId,
      ...DISCLOSURE,
      minorsInvolved: true,
      riskLevel: 'severe',
    });
    const draft = await desk.ok('records.saveDraft', {
      caseId,
      sessionDate: '2026-03-02',
      halfDay: 'am',
      channel: 'face_to_face',
      interviewNotes: '双方陈述',
      result: 'divorce',
    });
    await desk.ok('records.sign', { recordId: draft.id, baseVersion: draft.version });
    await desk.ok('referrals.create', {
      caseId,
      target: 'psychological',
      targetName: null,
      reason: '情绪低落',
      consentGiven: true,
      dvDisclosureId: d.id,
      expectedReplyDate: '2026-03-09',
    });

    const audit = await auditActions(desk);
    const one = (action: string) => audit.find((e) => e.action === action);
    expect(one('dv.created')?.detail).toEqual({ caseId });
    expect(one('record.signed')?.detail).toEqual({ caseId });
    expect(one('referral.created')?.detail).toEqual({
      caseId,
      referenceNumber: expect.any(String) as string,
      withoutConsent: false,
    });
    expectNothingSensitive(audit, ['severe', 'divorce', 'psychological'], ['psychological', '情绪低落']);
  });
});

describe('list reads are audited, coalesced', () => {
  const listReads = async (who: keyof Staff = 'counsellorA') =>
    (await auditActions(desk, who))
      .filter((e) => ['case.list_viewed', 'case.search_performed', 'referral.list_viewed'].includes(e.action))
      .reverse();

  it('the case list: one entry per user and set of filters per window, not one per page turn', async () => {
    await desk.ok('cases.list', {});
    await desk.ok('cases.list', { page: 2, pageSize: 1 });
    await desk.ok('cases.list', { sort: 'deadline_asc' });
    await desk.ok('cases.list', { registrationStatus: 'accepted_cooling', type: 'divorce_adjustment' });
    await desk.ok('cases.list', {
      type: 'divorce_adjustment',
      registrationStatus: 'accepted_cooling',
      page: 3,
    });
    let reads = await listReads();
    expect(reads.map((e) => [e.actorId, e.action, e.detail])).toEqual([
      [staff.counsellorA, 'case.list_viewed', { list: 'cases', filters: '', count: 1, total: 1 }],
      [
        staff.counsellorA,
        'case.list_viewed',
        { list: 'cases', filters: 'registrationStatus,type', count: 1, total: 1 },
      ],
    ]);

    // Another user's read is their own entry; the same list after the window is a new one.
    await signInAs(desk, 'director');
    await desk.ok('cases.list', {});
    desk.clock.advanceMinutes(LIST_AUDIT_MINUTES - 4);
    await desk.ok('cases.list', { page: 3 }); // within the window: coalesced
    desk.clock.advanceMinutes(5);
    await desk.ok('cases.list', { page: 2 });
    reads = await listReads('director');
    expect(reads.map((e) => [e.actorId, e.detail.filters])).toEqual([
      [staff.counsellorA, ''],
      [staff.counsellorA, 'registrationStatus,type'],
      [staff.director, ''],
      [staff.director, ''],
    ]);
  });

  it('search: audited with the kind of query and the hit count, never the query text', async () => {
    expect((await desk.ok('search.cases', { query: '张三' })).rows).toHaveLength(1);
    await desk.ok('search.cases', { query: '李四' });
    await desk.ok('search.cases', { query: '110101199003074514' });
    await desk.ok('search.cases', { query: '张' }); // one character: the surname index
    const reads = await listReads();
    expect(reads.map((e) => [e.action, e.targetId, e.detail])).toEqual([
      ['case.search_performed', null, { list: 'search', filters: 'fts', count: 1 }],
      ['case.search_performed', null, { list: 'search', filters: 'initial', count: 1 }],
    ]);
    const query = ['张三', '李四', '110101199003074514'];
    expectNothingSensitive(await auditActions(desk), [...query, '张'], query);
  });

  it('referral lists: all, overdue only, and each case’s own list', async () => {
    await desk.ok('referrals.list', {});
    await desk.ok('referrals.list', { page: 2 });
    await desk.ok('referrals.list', { overdueOnly: true });
    await desk.ok('referrals.list', { caseId });
    await desk.ok('referrals.list', { caseId });
    const reads = await listReads();
    expect(reads.map((e) => [e.action, e.targetType, e.targetId, e.detail])).toEqual([
      ['referral.list_viewed', null, null, { list: 'referrals', filters: '', count: 0, total: 0 }],
      ['referral.list_viewed', null, null, { list: 'referrals', filters: 'overdueOnly', count: 0, total: 0 }],
      [
        'referral.list_viewed',
        'case',
        caseId,
        { list: 'referrals', filters: 'caseId', caseId, count: 0, total: 0 },
      ],
    ]);
  });
});

/**
 * Every detail key is allowed, none is a sensitive one, no value is one of `values`, and no entry's detail
 * contains any of `texts`.
 */
function expectNothingSensitive(
  audit: readonly AuditEntry[],
  values: readonly string[],
  texts: readonly string[] = [],
): void {
  for (const e of audit) {
    for (const [key, value] of Object.entries(e.detail)) {
      expect(Object.keys(AUDIT_DETAIL_KEYS), `${e.action}: ${key}`).toContain(key);
      expect(SENSITIVE_KEYS, `${e.action}: ${key}`).not.toContain(key);
      expect(values, `${e.action}: ${key}`).not.toContain(value);
    }
  }
  const text = JSON.stringify(audit.map((e) => e.detail));
  for (const v of texts) expect(text).not.toContain(v);
}
