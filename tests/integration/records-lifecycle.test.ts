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
      baseVersion: draft.version,
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
    // The same content again (even from a screen that had an older version) is no conflict: nothing written.
    const again = await desk.ok('records.saveDraft', fields);
    expect(again.version).toBe(saved.version);

    // Signing needs the result.
    const noResult = await desk.fails('records.sign', { recordId: draft.id });
    expect(noResult.code).toBe('VALIDATION');
    expect(noResult.fields).toEqual({ result: '此项为必填项。' });

    const withResult = await desk.ok('records.saveDraft', {
      ...fields,
      baseVersion: saved.version,
      result: 'postpone',
    });
    const signed = await desk.ok('records.sign', { recordId: draft.id, baseVersion: withResult.version });
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
    expect(
      (await desk.fails('records.saveDraft', { caseId: other, recordId: draft.id, baseVersion: 1 })).code,
    ).toBe('RECORD_NOT_FOUND');
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
    expect((await desk.fails('records.saveDraft', { caseId, recordId: draft.id, baseVersion: 1 })).code).toBe(
      'CASE_NOT_FOUND',
    );
    expect((await desk.fails('records.addAddendum', { recordId: draft.id, text: 'x' })).code).toBe(
      'RECORD_NOT_FOUND',
    );
    await signInAs(desk, 'director');
    expect((await desk.ok('records.get', { recordId: draft.id })).interviewNotes).toBe('机密');
  });
});

describe('authors and versions', () => {
  /** What signing needs besides the notes (an update replaces the whole draft, counsellors included). */
  const signable = () => ({
    sessionDate: '2026-03-02',
    halfDay: 'am' as const,
    channel: 'face_to_face' as const,
    counsellorIds: [staff.counsellorA],
    result: 'postpone' as const,
  });

  it('only the author or a director edits or signs a draft; the companion reads it and writes their own', async () => {
    const shared = (await desk.ok('cases.create', minimalIntake({ companionUserId: staff.counsellorB }))).id;
    const draft = await desk.ok('records.saveDraft', {
      caseId: shared,
      ...signable(),
      interviewNotes: 'A 的笔录',
    });

    await signInAs(desk, 'counsellorB');
    expect((await desk.ok('records.get', { recordId: draft.id })).interviewNotes).toBe('A 的笔录');
    const edit = await desk.fails('records.saveDraft', {
      caseId: shared,
      recordId: draft.id,
      baseVersion: draft.version,
      ...signable(),
      interviewNotes: 'B 改写',
    });
    expect(edit).toMatchObject({
      code: 'RECORD_AUTHOR_ONLY',
      message: '只有记录的撰写人或中心主任可以修改或签署这份草稿。',
    });
    expect((await desk.fails('records.sign', { recordId: draft.id })).code).toBe('RECORD_AUTHOR_ONLY');
    const own = await desk.ok('records.saveDraft', { caseId: shared, interviewNotes: 'B 的笔录' });
    expect(own.createdBy.id).toBe(staff.counsellorB);

    // The case's counsellor may not change the companion's draft either.
    await signInAs(desk, 'counsellorA');
    const back = await desk.fails('records.saveDraft', {
      caseId: shared,
      recordId: own.id,
      baseVersion: own.version,
      interviewNotes: 'A 改写',
    });
    expect(back.code).toBe('RECORD_AUTHOR_ONLY');
    expect((await desk.ok('records.get', { recordId: draft.id })).interviewNotes).toBe('A 的笔录');

    // A director may correct and sign anyone's draft.
    await signInAs(desk, 'director');
    const fixed = await desk.ok('records.saveDraft', {
      caseId: shared,
      recordId: draft.id,
      baseVersion: draft.version,
      ...signable(),
      interviewNotes: '主任修订',
    });
    const signed = await desk.ok('records.sign', { recordId: draft.id, baseVersion: fixed.version });
    expect(signed).toMatchObject({ status: 'signed', createdBy: { id: staff.counsellorA } });
  });

  it('an update based on an older version is refused (RECORD_STALE): nothing is overwritten', async () => {
    const draft = await desk.ok('records.saveDraft', { caseId, interviewNotes: '第一稿' });
    // Two windows opened the draft at the same version; the first saves.
    const first = await desk.ok('records.saveDraft', {
      caseId,
      recordId: draft.id,
      baseVersion: draft.version,
      interviewNotes: '窗口一的修改',
    });
    expect(first.version).toBe(draft.version + 1);
    const stale = await desk.fails('records.saveDraft', {
      caseId,
      recordId: draft.id,
      baseVersion: draft.version,
      interviewNotes: '窗口二的修改',
    });
    expect(stale.code).toBe('RECORD_STALE');
    expect(stale.message).toBe(
      '这份辅导记录已在别处被修改（另一个窗口或另一位同事），您的修改没有保存。请复制您刚写的内容，重新载入记录后再合并。',
    );
    const now = await desk.ok('records.get', { recordId: draft.id });
    expect([now.interviewNotes, now.version]).toEqual(['窗口一的修改', first.version]);

    // Reloaded, the second window saves on the current version.
    const merged = await desk.ok('records.saveDraft', {
      caseId,
      recordId: draft.id,
      baseVersion: first.version,
      ...signable(),
      interviewNotes: '窗口一的修改；窗口二的补充',
    });
    expect(merged.version).toBe(first.version + 1);
    // Signing what the signer has not seen is refused too; what they saw signs.
    expect((await desk.fails('records.sign', { recordId: draft.id, baseVersion: first.version })).code).toBe(
      'RECORD_STALE',
    );
    expect((await desk.ok('records.get', { recordId: draft.id })).status).toBe('draft');
    await desk.ok('records.sign', { recordId: draft.id, baseVersion: merged.version });

    // An update must say what it was based on.
    const other = await desk.ok('records.saveDraft', { caseId });
    const missing = await desk.fails('records.saveDraft', {
      caseId,
      recordId: other.id,
      interviewNotes: 'x',
    });
    expect(missing).toMatchObject({ code: 'VALIDATION', fields: { baseVersion: '此项为必填项。' } });
  });
});
