import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelOutput } from '../../src/shared/contract';
import {
  addStaff,
  fullIntake,
  ID_A,
  ID_B,
  minimalIntake,
  signInAs,
  type Staff,
} from '../support/case-fixture';
import { setUpDesk, type Desk } from '../support/desk-fixture';

/*
 * 'search.cases' end to end on a real encrypted desk: cases, records and a DV disclosure written through
 * the services (so the index is kept by the case write hooks), searched as different users.
 */

type Hits = ChannelOutput<'search.cases'>;

describe('search.cases', () => {
  let desk: Desk;
  let cleanup: () => Promise<void>;
  let staff: Staff;
  /** Counsellor A's cases: c1 (张晓梅 / 王强, signed record), c2 (张三 / 李四, DV disclosure). */
  let c1: ChannelOutput<'cases.create'>;
  let c2: ChannelOutput<'cases.create'>;
  /** Counsellor B's case: 张伟 / 刘芳, notes mention 调解 too. */
  let c3: ChannelOutput<'cases.create'>;

  const search = (query: string, limit?: number): Promise<Hits> =>
    desk.ok('search.cases', limit === undefined ? { query } : { query, limit });
  const ids = (hits: Hits) => hits.rows.map((r) => r.id);

  beforeAll(async () => {
    ({ desk, cleanup } = await setUpDesk());
    staff = await addStaff(desk); // counsellor A is signed in

    c1 = await desk.ok(
      'cases.create',
      fullIntake({
        parties: [
          { name: '张晓梅', documentType: 'resident_id', documentNumber: ID_A, phone: '13800000011' },
          { name: '王强', documentType: 'resident_id', documentNumber: ID_B, phone: '13800000012' },
        ],
        filing: { receivedDate: '2026-03-02', receiptNumber: 'SL-2026-0101' },
        reasons: { categories: ['financial'], text: '因家庭开支产生矛盾' },
      }),
    );
    const draft = await desk.ok('records.saveDraft', {
      caseId: c1.id,
      sessionDate: '2026-03-02',
      halfDay: 'am',
      channel: 'face_to_face',
      counsellorIds: [staff.counsellorA],
      interviewNotes: '双方同意调解，冷静期内再约谈。',
      result: 'postpone',
    });
    await desk.ok('records.sign', { recordId: draft.id });

    c2 = await desk.ok(
      'cases.create',
      minimalIntake({ filing: { receivedDate: '2026-03-02', receiptNumber: 'SL-2026-0102' } }),
    );
    await desk.ok('dv.create', {
      caseId: c2.id,
      disclosedBy: 'party_b',
      disclosedAt: '2026-03-02',
      facts: '丈夫多次殴打妻子',
      riskLevel: 'high',
    });

    await signInAs(desk, 'counsellorB');
    c3 = await desk.ok(
      'cases.create',
      minimalIntake({
        parties: [
          { name: '张伟', sex: 'male', phone: '13800000031' },
          { name: '刘芳', sex: 'female', phone: '13800000032' },
        ],
        filing: { receivedDate: '2026-03-02', receiptNumber: 'SL-2026-0103' },
      }),
    );
    await desk.ok('records.saveDraft', { caseId: c3.id, interviewNotes: '男方同意调解' });
    await signInAs(desk, 'counsellorA');
  });
  afterAll(async () => {
    await cleanup();
  });

  it('finds a full name, and a 2-character name', async () => {
    const full = await search('张晓梅');
    expect(ids(full)).toEqual([c1.id]);
    expect(full.rows[0]).toMatchObject({ caseNumber: c1.caseNumber, matched: 'name' });

    const short = await search('张三');
    expect(ids(short)).toEqual([c2.id]);
    expect(short.rows[0]?.matched).toBe('name');
  });

  it('finds a surname (1 character) by name prefix, newest first, only among visible cases', async () => {
    const hits = await search('张');
    // c3 (counsellor B's, and the newest of all) is not there; c2 was written after c1.
    expect(ids(hits)).toEqual([c2.id, c1.id]);
    expect(hits.rows.every((r) => r.matched === 'name')).toBe(true);
    // a surname only matches the first character: 梅 is no surname here
    expect(ids(await search('梅'))).toEqual([]);
  });

  it('filters by visibility before the limit: no lost slot for an invisible newer case', async () => {
    const first = await search('张', 1);
    expect(ids(first)).toEqual([c2.id]);
    expect(first.more).toBe(true);
    const all = await search('张', 2);
    expect(all.more).toBe(false);
  });

  it('finds pinyin initials, including a prefix of them', async () => {
    const zs = await search('zs');
    expect(ids(zs)).toEqual([c2.id]);
    expect(zs.rows[0]?.matched).toBe('pinyinInitials');
    expect(ids(await search('ZXM'))).toEqual([c1.id]);
    expect(ids(await search('zx'))).toEqual([c1.id]);
    expect(ids(await search('wq'))).toEqual([c1.id]);
  });

  it('finds the case number, the receipt number and the ID number’s last four', async () => {
    const byNumber = await search(c1.caseNumber);
    expect(ids(byNumber)).toEqual([c1.id]);
    expect(byNumber.rows[0]?.matched).toBe('caseNumber');
    expect(ids(await search(c1.caseNumber.replace(/-/g, '')))).toEqual([c1.id]);

    const byReceipt = await search('SL-2026-0102');
    expect(ids(byReceipt)).toEqual([c2.id]);
    expect(byReceipt.rows[0]?.matched).toBe('receiptNumber');

    const byId = await search(ID_B.slice(-4));
    expect(ids(byId)).toEqual([c1.id]);
    expect(byId.rows[0]?.matched).toBe('idLast4');
    // never by the whole number or its middle
    expect(ids(await search(ID_B))).toEqual([]);
    expect(ids(await search(ID_B.slice(6, 14)))).toEqual([]);
  });

  it('finds 2- and 3-character words from notes and reasons', async () => {
    const word2 = await search('调解');
    expect(ids(word2)).toEqual([c1.id]);
    expect(word2.rows[0]?.matched).toBe('notes');
    expect(ids(await search('冷静期'))).toEqual([c1.id]);
    expect(ids(await search('开支'))).toEqual([c1.id]);
    // all parts must match
    expect(ids(await search('张晓梅 调解'))).toEqual([c1.id]);
    expect(ids(await search('张三 调解'))).toEqual([]);
  });

  it('a director sees every counsellor’s matches', async () => {
    await signInAs(desk, 'director');
    try {
      expect(ids(await search('调解'))).toEqual([c3.id, c1.id]);
      expect(ids(await search('张'))).toEqual([c3.id, c2.id, c1.id]);
    } finally {
      await signInAs(desk, 'counsellorA');
    }
  });

  it('counsellor B does not get counsellor A’s cases', async () => {
    await signInAs(desk, 'counsellorB');
    try {
      expect(ids(await search('张'))).toEqual([c3.id]);
      expect(ids(await search('调解'))).toEqual([c3.id]);
      expect(ids(await search('张晓梅'))).toEqual([]);
      expect(ids(await search(c1.caseNumber))).toEqual([]);
    } finally {
      await signInAs(desk, 'counsellorA');
    }
  });

  it('never finds DV disclosure text, for anyone; a DV case shows no phone in hits', async () => {
    expect(ids(await search('殴打'))).toEqual([]);
    expect(ids(await search('多次殴打妻子'))).toEqual([]);
    const hit = (await search('张三')).rows[0];
    expect(hit?.contactsHidden).toBe(true);
    expect(hit?.parties.map((p) => p.phone)).toEqual([null, null]);
    await signInAs(desk, 'director');
    try {
      expect(ids(await search('殴打'))).toEqual([]);
    } finally {
      await signInAs(desk, 'counsellorA');
    }
  });

  it('hits carry masked document numbers and no notes', async () => {
    const hit = (await search('张晓梅')).rows[0];
    expect(hit?.parties[0]?.documentNumberMasked).toBe(
      `${ID_A.slice(0, 3)}${'*'.repeat(11)}${ID_A.slice(-4)}`,
    );
    expect(JSON.stringify(hit)).not.toContain(ID_A);
    expect(JSON.stringify(hit)).not.toContain('调解');
  });

  it('keeps the index current on writes: a renamed party and a new addendum', async () => {
    const detail = await desk.ok('cases.get', { caseId: c2.id });
    await desk.ok('cases.update', {
      caseId: c2.id,
      type: detail.type,
      parties: [
        { name: '张三丰', sex: 'male', phone: '13800000001' },
        { name: '李四', sex: 'female', phone: '13800000002' },
      ],
      filing: detail.filing,
      risk: detail.risk,
    });
    expect(ids(await search('张三丰'))).toEqual([c2.id]);
    expect(ids(await search('zsf'))).toEqual([c2.id]);
    expect(ids(await search('三丰'))).toEqual([c2.id]);

    const [record] = await desk.ok('records.list', { caseId: c1.id });
    await desk.ok('records.addAddendum', { recordId: record?.id ?? '', text: '电话回访，双方已和好。' });
    expect(ids(await search('回访'))).toEqual([c1.id]);
    // c1 was written last, so it now comes first
    expect(ids(await search('张'))).toEqual([c1.id, c2.id]);
  });

  it('answers nothing for queries with nothing searchable, and treats FTS syntax as text', async () => {
    expect(await search('，。！')).toEqual({ rows: [], more: false });
    expect(ids(await search('NEAR(张晓梅 调解)'))).toEqual([]);
    expect(ids(await search('"张晓梅"'))).toEqual([c1.id]);
    expect(ids(await search('张晓梅*'))).toEqual([c1.id]);
    expect(ids(await search('names:张晓梅'))).toEqual([]);
  });

  it('checks its input and its callers', async () => {
    expect((await desk.fails('search.cases', { query: '' })).code).toBe('VALIDATION');
    expect((await desk.fails('search.cases', { query: '张', limit: 51 })).code).toBe('VALIDATION');
    await signInAs(desk, 'volunteer');
    try {
      expect((await desk.fails('search.cases', { query: '张' })).code).toBe('FORBIDDEN');
    } finally {
      await signInAs(desk, 'counsellorA');
    }
  });
});
