import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelInput } from '../../src/shared/contract';
import { DASHBOARD_FIRST_ROWS } from '../../src/shared/dashboard';
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

const police = (over: Partial<ChannelInput<'referrals.create'>> = {}): ChannelInput<'referrals.create'> => ({
  caseId,
  target: 'police',
  targetName: '章丘区公安分局明水派出所',
  reason: '当事人反映遭受家庭暴力，需出具告诫书',
  consentGiven: true,
  expectedReplyDate: '2026-03-05',
  ...over,
});

describe('referrals: the closed loop', () => {
  it('numbers per desk and year, moves created → sent → accepted → done, refuses anything else', async () => {
    const r1 = await desk.ok('referrals.create', police());
    expect(r1).toMatchObject({
      caseId,
      caseNumber,
      referenceNumber: 'ZJ-2026-00001',
      status: 'created',
      overdue: false,
      subject: 'both',
      noConsentReason: null,
    });
    expect(r1.events.map((e) => [e.status, e.date, e.by.id])).toEqual([
      ['created', '2026-03-02', staff.counsellorA],
    ]);
    const r2 = await desk.ok('referrals.create', police({ target: 'legal_aid', targetName: null }));
    expect(r2.referenceNumber).toBe('ZJ-2026-00002');

    const step = (to: ChannelInput<'referrals.transition'>['to'], date = '2026-03-02', note?: string) =>
      desk.call('referrals.transition', { referralId: r1.id, to, date, note });
    for (const to of ['accepted', 'rejected', 'done'] as const) {
      const r = await step(to);
      expect(r.ok ? 'ok' : r.error.code).toBe('INVALID_TRANSITION');
    }
    expect((await step('sent', '2026-03-02', '已电话联系并送达转介函')).ok).toBe(true);
    expect(
      await codeOf(desk, 'referrals.transition', { referralId: r1.id, to: 'sent', date: '2026-03-02' }),
    ).toBe('INVALID_TRANSITION');
    // Not dated in the future, nor before the step it follows.
    await travel(desk, '2026-03-04T02:00:00.000Z');
    const future = await desk.fails('referrals.transition', {
      referralId: r1.id,
      to: 'accepted',
      date: '2026-03-05',
    });
    expect(future.code).toBe('VALIDATION');
    expect(Object.keys(future.fields ?? {})).toEqual(['date']);
    const early = await desk.fails('referrals.transition', {
      referralId: r1.id,
      to: 'accepted',
      date: '2026-03-01',
    });
    expect(Object.keys(early.fields ?? {})).toEqual(['date']);

    await desk.ok('referrals.transition', {
      referralId: r1.id,
      to: 'accepted',
      date: '2026-03-03',
      note: '已受理',
    });
    const done = await desk.ok('referrals.transition', {
      referralId: r1.id,
      to: 'done',
      date: '2026-03-04',
      note: '已出具告诫书',
    });
    expect(done.status).toBe('done');
    expect(done.version).toBe(4);
    expect(done.events.map((e) => [e.status, e.date, e.note])).toEqual([
      ['created', '2026-03-02', null],
      ['sent', '2026-03-02', '已电话联系并送达转介函'],
      ['accepted', '2026-03-03', '已受理'],
      ['done', '2026-03-04', '已出具告诫书'],
    ]);
    expect(
      await codeOf(desk, 'referrals.transition', { referralId: r1.id, to: 'sent', date: '2026-03-04' }),
    ).toBe('INVALID_TRANSITION');

    // A rejected referral is closed too.
    await desk.ok('referrals.transition', { referralId: r2.id, to: 'sent', date: '2026-03-04' });
    await desk.ok('referrals.transition', { referralId: r2.id, to: 'rejected', date: '2026-03-04' });
    expect(
      await codeOf(desk, 'referrals.transition', { referralId: r2.id, to: 'done', date: '2026-03-04' }),
    ).toBe('INVALID_TRANSITION');

    const changes = (await auditActions(desk)).filter((a) => a.action === 'referral.status_changed');
    expect(changes.map((a) => [a.targetId, a.detail.from, a.detail.to])).toEqual([
      [r2.id, 'sent', 'rejected'],
      [r2.id, 'created', 'sent'],
      [r1.id, 'accepted', 'done'],
      [r1.id, 'sent', 'accepted'],
      [r1.id, 'created', 'sent'],
    ]);

    // A new year starts a new sequence.
    await travel(desk, '2027-01-04T02:00:00.000Z');
    expect(
      (await desk.ok('referrals.create', police({ expectedReplyDate: '2027-01-10' }))).referenceNumber,
    ).toBe('ZJ-2027-00001');
  });

  it('a referral without consent needs a reason, and is audited with a flag', async () => {
    const refused = await desk.fails('referrals.create', police({ consentGiven: false }));
    expect(refused.code).toBe('CONSENT_REASON_REQUIRED');
    expect(Object.keys(refused.fields ?? {})).toEqual(['noConsentReason']);
    expect(
      (await desk.fails('referrals.create', police({ consentGiven: false, noConsentReason: '  ' }))).code,
    ).toBe('CONSENT_REASON_REQUIRED');

    const r = await desk.ok(
      'referrals.create',
      police({ consentGiven: false, noConsentReason: '涉及未成年人人身安全，依法强制报告' }),
    );
    expect(r).toMatchObject({ consentGiven: false, noConsentReason: '涉及未成年人人身安全，依法强制报告' });
    // With consent a stray reason is not kept.
    const withConsent = await desk.ok('referrals.create', police({ noConsentReason: '无' }));
    expect(withConsent.noConsentReason).toBeNull();

    const created = (await auditActions(desk)).filter((a) => a.action === 'referral.created');
    expect(created.map((a) => [a.targetId, a.detail.withoutConsent, a.detail.referenceNumber])).toEqual([
      [withConsent.id, false, 'ZJ-2026-00002'],
      [r.id, true, 'ZJ-2026-00001'],
    ]);
    // The refused attempts took no number and left nothing behind.
    expect((await desk.ok('referrals.list', { caseId })).total).toBe(2);
  });

  it('is overdue once the expected reply date has passed while waiting (fake clock)', async () => {
    const waiting = await desk.ok('referrals.create', police({ expectedReplyDate: '2026-03-05' }));
    const answered = await desk.ok(
      'referrals.create',
      police({ target: 'court', expectedReplyDate: '2026-03-05' }),
    );
    await desk.ok('referrals.transition', { referralId: answered.id, to: 'sent', date: '2026-03-02' });
    await desk.ok('referrals.transition', { referralId: answered.id, to: 'accepted', date: '2026-03-02' });
    const sent = await desk.ok(
      'referrals.create',
      police({ target: 'shelter', expectedReplyDate: '2026-03-06' }),
    );
    await desk.ok('referrals.transition', { referralId: sent.id, to: 'sent', date: '2026-03-02' });

    // 15:30Z is 23:30 on the 5th in China: not overdue yet. 16:30Z, the same UTC day, is the 6th in China.
    await travel(desk, '2026-03-05T15:30:00.000Z');
    expect((await desk.ok('referrals.list', { overdueOnly: true })).rows).toEqual([]);
    await travel(desk, '2026-03-05T16:30:00.000Z');
    const day6 = await desk.ok('referrals.list', { overdueOnly: true });
    expect(day6.today).toBe('2026-03-06');
    expect(day6.rows.map((r) => [r.id, r.overdue, r.daysOverdue])).toEqual([[waiting.id, true, 1]]);

    await travel(desk, '2026-03-07T02:00:00.000Z');
    const all = await desk.ok('referrals.list', {});
    expect(all.rows.map((r) => [r.referenceNumber, r.status, r.overdue])).toEqual([
      ['ZJ-2026-00003', 'sent', true],
      ['ZJ-2026-00002', 'accepted', false],
      ['ZJ-2026-00001', 'created', true],
    ]);
    const dash = await desk.ok('dashboard.get', {});
    expect(dash.overdueReferrals.map((r) => [r.referenceNumber, r.caseNumber, r.daysOverdue])).toEqual([
      ['ZJ-2026-00001', caseNumber, 2],
      ['ZJ-2026-00003', caseNumber, 1],
    ]);
  });

  it('the 工作台 shows the longest overdue first across created and sent, and counts them all', async () => {
    // More overdue referrals than the 工作台 shows, expected on days 3–14 of March; every other one sent, so
    // the two statuses interleave by date (the 工作台 reads each status in date order and merges them).
    const made: { id: string; date: string; status: 'created' | 'sent' }[] = [];
    const count = DASHBOARD_FIRST_ROWS + 4;
    for (let i = 0; i < count; i++) {
      const date = `2026-03-${String(3 + i).padStart(2, '0')}`;
      const r = await desk.ok('referrals.create', police({ expectedReplyDate: date }));
      const status = i % 2 === 1 ? 'sent' : 'created';
      if (status === 'sent') {
        await desk.ok('referrals.transition', { referralId: r.id, to: 'sent', date: '2026-03-02' });
      }
      made.push({ id: r.id, date, status });
    }
    await travel(desk, '2026-03-20T02:00:00.000Z');
    const dash = await desk.ok('dashboard.get', {});
    expect(dash.totals.overdueReferrals).toBe(count);
    expect(dash.overdueReferrals.map((r) => [r.referralId, r.expectedReplyDate, r.status])).toEqual(
      made.slice(0, DASHBOARD_FIRST_ROWS).map((m) => [m.id, m.date, m.status]),
    );
    expect(dash.overdueReferrals[0]?.daysOverdue).toBe(17);
  });
});

describe('referrals: access and the letter', () => {
  it('the letter carries the reference number, the office and the referred people; DV hides phones', async () => {
    const r = await desk.ok('referrals.create', police({ subject: 'party_b' }));
    const letter = await desk.ok('referrals.letter', { referralId: r.id });
    expect(letter).toMatchObject({
      referenceNumber: 'ZJ-2026-00001',
      issuedDate: '2026-03-02',
      office: { county: '章丘区', registryOffice: '章丘区婚姻登记处', centreName: '婚姻家庭辅导中心' },
      addressee: '章丘区公安分局明水派出所',
      caseNumber,
      contactsHidden: false,
      persons: [{ party: 'party_b', name: '李四', sex: 'female', phone: '13800000002' }],
      counsellor: { id: staff.counsellorA },
    });
    const other = await desk.ok('referrals.create', police({ target: 'hotline_12338', targetName: null }));
    expect((await desk.ok('referrals.letter', { referralId: other.id })).addressee).toBe(
      '12338妇女维权服务热线',
    );

    await desk.ok('dv.create', { caseId, ...DISCLOSURE });
    const hidden = await desk.ok('referrals.letter', { referralId: r.id });
    expect(hidden.contactsHidden).toBe(true);
    expect(hidden.persons).toEqual([{ party: 'party_b', name: '李四', sex: 'female', phone: null }]);

    const printed = (await auditActions(desk)).filter((a) => a.action === 'referral.letter_printed');
    expect(printed.map((a) => a.targetId)).toEqual([r.id, other.id, r.id]);
  });

  it('follows the case: the companion sees plain referrals, not DV-linked ones; others see none', async () => {
    const d = await desk.ok('dv.create', { caseId, ...DISCLOSURE });
    const plain = await desk.ok('referrals.create', police({ target: 'psychological' }));
    const linked = await desk.ok('referrals.create', police({ dvDisclosureId: d.id }));
    expect(linked.dvDisclosureId).toBe(d.id);

    await signInAs(desk, 'counsellorB');
    expect((await desk.ok('referrals.list', { caseId })).rows.map((r) => r.id)).toEqual([plain.id]);
    expect(await codeOf(desk, 'referrals.letter', { referralId: linked.id })).toBe('REFERRAL_NOT_FOUND');
    expect(
      await codeOf(desk, 'referrals.transition', { referralId: linked.id, to: 'sent', date: '2026-03-02' }),
    ).toBe('REFERRAL_NOT_FOUND');
    // Nor may the companion link a new referral to the disclosure.
    expect(await codeOf(desk, 'referrals.create', police({ dvDisclosureId: d.id }))).toBe('DV_NOT_FOUND');

    await signInAs(desk, 'director');
    expect((await desk.ok('referrals.list', {})).total).toBe(2);

    await signInAs(desk, 'volunteer');
    expect(await codeOf(desk, 'referrals.list', {})).toBe('FORBIDDEN');
    expect(await codeOf(desk, 'referrals.letter', { referralId: plain.id })).toBe('FORBIDDEN');

    // A counsellor without a part in the case sees nothing of it.
    await signInAs(desk, 'admin');
    await desk.ok('users.create', {
      username: 'counsellor.c',
      displayName: '赵辅导',
      role: 'counsellor',
      temporaryPassword: 'temporary-pass-1',
    });
    await desk.ok('auth.logout', null);
    await desk.ok('auth.login', { username: 'counsellor.c', password: 'temporary-pass-1' });
    await desk.ok('auth.changePassword', {
      currentPassword: 'temporary-pass-1',
      newPassword: 'counsellor-c-pass',
    });
    expect(await desk.ok('referrals.list', {})).toMatchObject({ rows: [], total: 0 });
    expect(await codeOf(desk, 'referrals.list', { caseId })).toBe('CASE_NOT_FOUND');
    expect(await codeOf(desk, 'referrals.letter', { referralId: plain.id })).toBe('REFERRAL_NOT_FOUND');
    expect(await codeOf(desk, 'referrals.create', police())).toBe('CASE_NOT_FOUND');
  });
});
