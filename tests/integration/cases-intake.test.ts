import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SHIPPED_HOLIDAY_YEARS, mergeHolidayYears } from '../../src/shared/calendar/cn-holidays';
import { coolingOffTimeline } from '../../src/shared/rules/cooling-off';
import { residentIdCheckChar } from '../../src/shared/rules/resident-id';
import {
  addStaff,
  fullIntake,
  ID_A,
  ID_B,
  jumpTo,
  minimalIntake,
  signInAs,
  type Staff,
} from '../support/case-fixture';
import { type Desk, setUpDesk } from '../support/desk-fixture';

let desk: Desk;
let cleanup: () => Promise<void>;
let staff: Staff;
beforeEach(async () => {
  ({ desk, cleanup } = await setUpDesk());
  staff = await addStaff(desk);
});
afterEach(() => cleanup());

describe('case intake', () => {
  it('stores a full intake with consent: derived birth dates and sex, stored timeline, case number, audit', async () => {
    const c = await desk.ok('cases.create', fullIntake());
    expect(c.caseNumber).toBe('2026-LH-00001');
    expect(c.type).toBe('divorce_adjustment');
    expect(c.counsellor).toEqual({ id: staff.counsellorA, displayName: '用户counsellor.a' });
    expect(c.parties[0]).toMatchObject({
      key: 'party_a',
      name: '张三',
      documentType: 'resident_id',
      documentNumber: ID_A,
      birthDate: '1990-03-07',
      sex: 'male',
      education: 'bachelor',
    });
    expect(c.parties[0].documentNumberMasked).toBe(`370${'*'.repeat(11)}${ID_A.slice(-4)}`);
    expect(c.parties[1]).toMatchObject({ birthDate: '1992-11-20', sex: 'female' });
    expect(c.children).toEqual([{ age: 8, livesWith: 'both' }]);
    expect(c.reasons).toEqual({ categories: ['financial', 'in_laws'], text: '因家庭开支产生矛盾' });
    expect(c.consent).toEqual({ consentedBy: 'both', consentedAt: '2026-03-02', method: 'written' });
    expect(c.receivedDate).toBe('2026-03-02');
    expect(c.today).toBe('2026-03-02');

    // The stored timeline is the rule's, with the shipped holiday table (May Day 2026 extends the end).
    const expected = coolingOffTimeline('2026-03-02', mergeHolidayYears(SHIPPED_HOLIDAY_YEARS), {
      weekendsExtend: false,
    });
    expect(c.registration).toMatchObject({
      status: 'accepted_cooling',
      timeline: expected,
      closingTime: '17:00',
    });
    expect(expected).toEqual({
      withdrawalDeadline: '2026-04-01',
      certificateWindowStart: '2026-04-02',
      certificateWindowEnd: '2026-05-06',
    });
    expect(c.result).toBeNull();

    // Opening it again is audited; creation wrote case.created and case.consent_recorded.
    const again = await desk.ok('cases.get', { caseId: c.id });
    expect(again).toEqual(c);
    await signInAs(desk, 'director');
    const log = (await desk.ok('audit.list', { pageSize: 20 })).rows.filter((r) => r.targetId === c.id);
    expect(log.map((r) => r.action)).toEqual(['case.viewed', 'case.consent_recorded', 'case.created']);
    expect(log[2]?.detail).toEqual({
      caseNumber: '2026-LH-00001',
      type: 'divorce_adjustment',
      filing: true,
      status: 'accepted_cooling',
      consent: true,
    });
    // Audit details never carry names or ID numbers.
    expect(JSON.stringify(log)).not.toMatch(/张三|李四|370181/);
  });

  it('takes lowercase x and keeps given birth date and sex when they agree', async () => {
    const first17 = '37018119851231004';
    const id = `${first17}${residentIdCheckChar(first17)}`;
    const input = fullIntake();
    input.parties[1] = {
      ...input.parties[1],
      documentNumber: id.toLowerCase(),
      birthDate: '1985-12-31',
      sex: 'female',
    };
    const c = await desk.ok('cases.create', input);
    expect(c.parties[1]).toMatchObject({ documentNumber: id, birthDate: '1985-12-31', sex: 'female' });
  });

  it.each([
    ['ID_NUMBER_LENGTH', ID_A.slice(0, 17), { length: 17 }, '身份证号码应为 18 位（现在是 17 位）。'],
    [
      'ID_NUMBER_CHARACTERS',
      `${ID_A.slice(0, 10)}A${ID_A.slice(11)}`,
      {},
      '身份证号码只能是数字，最后一位可以是 X。',
    ],
    ['ID_NUMBER_BIRTH_DATE', '370181199002300018', {}, '身份证号码中的出生日期（第 7–14 位）不是有效日期。'],
  ] as const)('%s names the document number field', async (code, number, meta, message) => {
    const input = fullIntake();
    input.parties[1] = { ...input.parties[1], documentNumber: number };
    const e = await desk.fails('cases.create', input);
    expect(e.code).toBe(code);
    expect(e.meta ?? {}).toEqual(meta);
    expect(e.fields).toEqual({ 'parties.1.documentNumber': message });
  });

  it('ID_NUMBER_CHECKSUM says which check character the number needs; nothing is saved', async () => {
    const wrong = `${ID_A.slice(0, 17)}${ID_A[17] === '0' ? '1' : '0'}`;
    const input = fullIntake();
    input.parties[0] = { ...input.parties[0], documentNumber: wrong };
    const e = await desk.fails('cases.create', input);
    expect(e.code).toBe('ID_NUMBER_CHECKSUM');
    expect(e.meta).toEqual({ expected: ID_A[17] });
    expect(e.fields).toEqual({
      'parties.0.documentNumber': `身份证号码校验位不正确：最后一位应为 ${ID_A[17]}，请核对是否抄错。`,
    });
    expect((await desk.ok('cases.list', {})).total).toBe(0);
  });

  it('cross-checks the birth date and sex on the form with the number', async () => {
    const input = fullIntake();
    input.parties[0] = { ...input.parties[0], birthDate: '1990-03-08' };
    input.parties[1] = { ...input.parties[1], sex: 'male' };
    const e = await desk.fails('cases.create', input);
    expect(e.code).toBe('ID_BIRTHDATE_MISMATCH');
    expect(e.fields).toEqual({
      'parties.0.birthDate': '填写的出生日期与身份证号码中的出生日期（1990-03-07）不一致。',
      'parties.1.sex': '填写的性别与身份证号码第 17 位表示的性别不一致。',
    });
  });

  it('allows other document types unchecked, but a number needs its type', async () => {
    const input = fullIntake();
    input.parties[1] = {
      ...input.parties[1],
      documentType: 'passport',
      documentNumber: 'e12345678',
      sex: 'female',
    };
    const c = await desk.ok('cases.create', input);
    expect(c.parties[1]).toMatchObject({
      documentType: 'passport',
      documentNumber: 'E12345678',
      birthDate: null,
    });

    const noType = fullIntake();
    noType.parties[1] = { ...noType.parties[1], documentType: null };
    const e = await desk.fails('cases.create', noType);
    expect(e.code).toBe('VALIDATION');
    expect(e.fields).toEqual({ 'parties.1.documentType': '此项为必填项。' });
  });

  it('without consent holds only minimal data; anything more is CONSENT_REQUIRED and nothing is saved', async () => {
    const minimal = await desk.ok('cases.create', minimalIntake({ risk: { domesticViolence: true } }));
    expect(minimal.consent).toBeNull();
    expect(minimal.parties[0]).toMatchObject({
      name: '张三',
      sex: 'male',
      phone: '13800000001',
      documentNumber: null,
    });
    expect(minimal.risk.domesticViolence).toBe(true);

    const e = await desk.fails('cases.create', { ...fullIntake(), consent: null });
    expect(e.code).toBe('CONSENT_REQUIRED');
    expect(e.meta).toEqual({ field: 'parties.0.documentType' });
    expect(Object.keys(e.fields ?? {})).toEqual(
      expect.arrayContaining([
        'parties.0.documentNumber',
        'parties.1.address',
        'marriageDate',
        'children',
        'reasons.categories',
        'reasons.text',
      ]),
    );
    // Consent of one party covers that party's data only.
    const e2 = await desk.fails('cases.create', {
      ...fullIntake(),
      consent: { consentedBy: 'party_a', consentedAt: '2026-03-02', method: 'oral_recorded' },
    });
    expect(e2.code).toBe('CONSENT_REQUIRED');
    expect(Object.keys(e2.fields ?? {}).every((k) => k.startsWith('parties.1.'))).toBe(true);
    expect((await desk.ok('cases.list', {})).total).toBe(1);

    // Recording consent later opens the rest; narrowing it below what is held is refused.
    const withConsent = await desk.ok('cases.recordConsent', {
      caseId: minimal.id,
      consent: { consentedBy: 'both', consentedAt: '2026-03-03', method: 'electronic' },
    });
    expect(withConsent.consent?.method).toBe('electronic');
    const input = fullIntake();
    const updated = await desk.ok('cases.update', {
      caseId: minimal.id,
      ...input,
      parties: [input.parties[0], { ...input.parties[1], sex: null }],
    });
    expect(updated.parties[1].documentNumber).toBe(ID_B);
    const narrowed = await desk.fails('cases.recordConsent', {
      caseId: minimal.id,
      consent: { consentedBy: 'party_a', consentedAt: '2026-03-04', method: 'written' },
    });
    expect(narrowed.code).toBe('CONSENT_REQUIRED');
  });

  it('numbers cases per type and year, and starts again in a new year', async () => {
    const numbers: string[] = [];
    for (let i = 0; i < 3; i++) numbers.push((await desk.ok('cases.create', minimalIntake())).caseNumber);
    numbers.push(
      (await desk.ok('cases.create', minimalIntake({ type: 'premarital', filing: null }))).caseNumber,
    );
    expect(numbers).toEqual(['2026-LH-00001', '2026-LH-00002', '2026-LH-00003', '2026-HQ-00001']);

    // 2027-01-01 00:30 China time is still 2026 in UTC: the office's year counts.
    jumpTo(desk, '2026-12-31T16:30:00.000Z');
    await signInAs(desk, 'counsellorA');
    const next = await desk.ok(
      'cases.create',
      minimalIntake({ filing: { receivedDate: '2026-12-31', receiptNumber: 'X' } }),
    );
    expect(next.caseNumber).toBe('2027-LH-00001');
    expect(next.today).toBe('2027-01-01');
  });

  it('refuses a filing on a non-divorce type, a future received date, and an unknown counsellor', async () => {
    const typeErr = await desk.fails('cases.create', minimalIntake({ type: 'marital' }));
    expect(typeErr.code).toBe('VALIDATION');
    expect(Object.keys(typeErr.fields ?? {})).toEqual(['filing']);
    const future = await desk.fails(
      'cases.create',
      minimalIntake({ filing: { receivedDate: '2026-03-03', receiptNumber: 'X' } }),
    );
    expect(Object.keys(future.fields ?? {})).toEqual(['filing.receivedDate']);
    // A counsellor cannot put a case in a colleague's name alone; a director can, but not a volunteer's.
    expect((await desk.fails('cases.create', minimalIntake({ counsellorId: staff.counsellorB }))).code).toBe(
      'FORBIDDEN',
    );
    await signInAs(desk, 'director');
    const assigned = await desk.ok('cases.create', minimalIntake({ counsellorId: staff.counsellorB }));
    expect(assigned.counsellor.id).toBe(staff.counsellorB);
    const bad = await desk.fails('cases.create', minimalIntake({ counsellorId: staff.volunteer }));
    expect(bad.fields).toEqual({ counsellorId: '请从可选项中选择。' });
  });

  it('a filing received weeks ago starts where the statutory clock already is', async () => {
    const c = await desk.ok(
      'cases.create',
      minimalIntake({ filing: { receivedDate: '2026-01-05', receiptNumber: 'OLD' } }),
    );
    expect(c.registration?.timeline.withdrawalDeadline).toBe('2026-02-04');
    expect(c.registration?.status).toBe('awaiting_certificate');
  });

  it('updates content, audits the changed field names, and recomputes the timeline for a corrected date', async () => {
    const c = await desk.ok('cases.create', fullIntake());
    const input = fullIntake();
    const updated = await desk.ok('cases.update', {
      caseId: c.id,
      ...input,
      filing: { receivedDate: '2026-03-01', receiptNumber: 'SL-2026-0001' },
      parties: [{ ...input.parties[0], phone: '13900000009' }, input.parties[1]],
      risk: { domesticViolence: true },
    });
    expect(updated.version).toBe(c.version + 1);
    expect(updated.parties[0].phone).toBe('13900000009');
    expect(updated.registration?.timeline.withdrawalDeadline).toBe('2026-03-31');
    expect(updated.receivedDate).toBe('2026-03-01');

    // Unchanged content writes nothing.
    const same = await desk.ok('cases.update', {
      caseId: c.id,
      ...input,
      filing: { receivedDate: '2026-03-01', receiptNumber: 'SL-2026-0001' },
      parties: [{ ...input.parties[0], phone: '13900000009' }, input.parties[1]],
      risk: { domesticViolence: true },
    });
    expect(same.version).toBe(updated.version);

    await signInAs(desk, 'director');
    const entry = (await desk.ok('audit.list', { action: 'case.updated' })).rows[0];
    expect(entry?.detail.changed).toEqual(expect.stringContaining('parties.0.phone'));
    expect(entry?.detail.changed).toEqual(expect.stringContaining('risk_domestic_violence'));
    expect(JSON.stringify(entry)).not.toContain('13900000009');
  });

  it('lists active counsellors and directors for the pickers', async () => {
    const people = await desk.ok('cases.counsellors', null);
    expect(people.map((p) => p.id).sort()).toEqual(
      [staff.counsellorA, staff.counsellorB, staff.director].sort(),
    );
  });
});
