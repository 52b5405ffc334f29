import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addStaff, minimalIntake, signInAs, type Staff } from '../support/case-fixture';
import { type Desk, setUpDesk } from '../support/desk-fixture';

let desk: Desk;
let cleanup: () => Promise<void>;
let staff: Staff;
let caseId: string;
beforeEach(async () => {
  ({ desk, cleanup } = await setUpDesk());
  staff = await addStaff(desk);
  caseId = (await desk.ok('cases.create', minimalIntake())).id;
});
afterEach(() => cleanup());

describe('counselling records', () => {
  it('draft → autosave → sign → locked (RECORD_SIGNED) → dated addendum; the case takes the result', async () => {
    const draft = await desk.ok('records.saveDraft', { caseId, interviewNotes: '双方陈述' });
    expect(draft).toMatchObject({
      status: 'draft',
      interviewNotes: '双方陈述',
      counsellors: [{ id: staff.counsellorA, displayName: '用户counsellor.a' }],
      result: null,
      signedAt: null,
      addenda: [],
    });

    // Autosave: unchanged content writes nothing; a change bumps the version.
    const fields = {
      caseId,
      recordId: draft.id,
      sessionDate: '2026-03-02',
      halfDay: 'am' as const,
      channel: 'face_to_face' as const,
      counsellorIds: [staff.counsellorA, staff.director],
      volunteerNames: ['王律师'],
      attendees: { parties: ['party_a', 'party_b'] as ('party_a' | 'party_b')[], others: ['张母'] },
      familySituation: '育有一子',
      interviewNotes: '双方陈述，情绪稳定',
      interventionAssessment: '有和好可能',
      satisfaction: 'satisfied' as const,
      remarks: '',
    };
    const saved = await desk.ok('records.saveDraft', fields);
    expect(saved.version).toBe(draft.version + 1);
    expect(saved.remarks).toBeNull();
    const again = await desk.ok('records.saveDraft', fields);
    expect(again.version).toBe(saved.version);

    // Signing needs the result.
    const noResult = await desk.fails('records.sign', { recordId: draft.id });
    expect(noResult.code).toBe('VALIDATION');
    expect(noResult.fields).toEqual({ result: '此项为必填项。' });

    await desk.ok('records.saveDraft', { ...fields, result: 'postpone' });
    const signed = await desk.ok('records.sign', { recordId: draft.id });
    expect(signed).toMatchObject({
      status: 'signed',
      result: 'postpone',
      signedBy: { id: staff.counsellorA },
      counsellors: [{ id: staff.counsellorA }, { id: staff.director }],
    });
    expect((await desk.ok('cases.get', { caseId })).result).toBe('postpone');

    expect((await desk.fails('records.saveDraft', { ...fields, result: 'divorce' })).code).toBe(
      'RECORD_SIGNED',
    );
    expect((await desk.fails('records.sign', { recordId: draft.id })).code).toBe('RECORD_SIGNED');

    desk.clock.advanceMinutes(5);
    const withAddendum = await desk.ok('records.addAddendum', {
      recordId: draft.id,
      text: '补充：女方随后来电',
    });
    expect(withAddendum.addenda[0]?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    expect(withAddendum.addenda.map(({ id: _id, ...rest }) => rest)).toEqual([
      {
        date: '2026-03-02',
        writtenAt: '2026-03-02T01:35:00.000Z',
        author: { id: staff.counsellorA, displayName: '用户counsellor.a' },
        text: '补充：女方随后来电',
      },
    ]);
    expect(withAddendum.interviewNotes).toBe('双方陈述，情绪稳定');

    // A later signed session decides the case's result.
    const second = await desk.ok('records.saveDraft', {
      caseId,
      sessionDate: '2026-03-02',
      halfDay: 'pm',
      channel: 'voice',
      result: 'reconcile',
    });
    await desk.ok('records.sign', { recordId: second.id });
    expect((await desk.ok('cases.get', { caseId })).result).toBe('reconcile');
    const list = await desk.ok('records.list', { caseId });
    expect(list.map((r) => [r.halfDay, r.status, r.addenda.length])).toEqual([
      ['am', 'signed', 1],
      ['pm', 'signed', 0],
    ]);

    await signInAs(desk, 'director');
    const actions = (await desk.ok('audit.list', { pageSize: 100 })).rows
      .filter((r) => r.targetType === 'record')
      .map((r) => r.action)
      .reverse();
    // Draft saves are audited on creation and then at most every 15 minutes per record.
    expect(actions).toEqual([
      'record.draft_saved',
      'record.signed',
      'record.addendum_added',
      'record.draft_saved',
      'record.signed',
    ]);
  });

  it('refuses unknown records, records of other cases and counsellors who are not counsellors', async () => {
    const draft = await desk.ok('records.saveDraft', { caseId });
    const other = (await desk.ok('cases.create', minimalIntake())).id;
    expect((await desk.fails('records.saveDraft', { caseId: other, recordId: draft.id })).code).toBe(
      'RECORD_NOT_FOUND',
    );
    expect((await desk.fails('records.get', { recordId: other })).code).toBe('RECORD_NOT_FOUND');
    const bad = await desk.fails('records.saveDraft', { caseId, counsellorIds: [staff.volunteer] });
    expect(bad.fields).toEqual({ 'counsellorIds.0': '请从可选项中选择。' });
    const future = await desk.ok('records.saveDraft', {
      caseId,
      sessionDate: '2026-03-09',
      halfDay: 'am',
      channel: 'text',
      result: 'divorce',
    });
    expect((await desk.fails('records.sign', { recordId: future.id })).fields).toEqual({
      sessionDate: '填写的内容不正确。',
    });
  });

  it("another counsellor cannot read or write a colleague's records", async () => {
    const draft = await desk.ok('records.saveDraft', { caseId, interviewNotes: '机密' });
    await signInAs(desk, 'counsellorB');
    expect((await desk.fails('records.list', { caseId })).code).toBe('CASE_NOT_FOUND');
    expect((await desk.fails('records.get', { recordId: draft.id })).code).toBe('RECORD_NOT_FOUND');
    expect((await desk.fails('records.saveDraft', { caseId, recordId: draft.id })).code).toBe(
      'CASE_NOT_FOUND',
    );
    expect((await desk.fails('records.addAddendum', { recordId: draft.id, text: 'x' })).code).toBe(
      'RECORD_NOT_FOUND',
    );
    await signInAs(desk, 'director');
    expect((await desk.ok('records.get', { recordId: draft.id })).interviewNotes).toBe('机密');
  });
});
