import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '../../src/main/db/schema';
import { unwrapWithPassword } from '../../src/main/desk/keyring';
import { openStore } from '../../src/main/desk/store';
import type { ChannelInput, ChannelOutput } from '../../src/shared/contract';
import { addStaff, signInAs, type Staff } from '../support/case-fixture';
import { ADMIN, Desk, SETUP_INPUT } from '../support/desk-fixture';
import { codeOf } from '../support/protection-fixture';
import { tempDir } from '../support/tmp';

/*
 * Outreach events (活动) through the real dispatcher on a real encrypted store: speakers from the roster or
 * by name, the list newest first with 场次 / 人次 totals of the whole filter (held events only), edits that
 * diff the speakers, soft deletion with the reason in the row, and the printed sign-in sheet (a real PDF
 * from headless Chromium, read back with pdftotext).
 */

let desk: Desk;
let staff: Staff;
let tmp: ReturnType<typeof tempDir>;

beforeEach(async () => {
  tmp = tempDir('counseldesk-events-');
  desk = await Desk.open(tmp.dir);
  await desk.ok('setup.create', SETUP_INPUT);
  staff = await addStaff(desk);
  await signInAs(desk, 'director');
});
afterEach(async () => {
  await desk.close();
  tmp.cleanup();
});

/** Reads the store directly (the desk closed meanwhile), then reopens the desk and signs `who` in. */
async function readStore<T>(read: (db: Kysely<DB>) => Promise<T>, who: keyof Staff = 'director'): Promise<T> {
  await desk.close();
  const unlocked = unwrapWithPassword(tmp.dir, ADMIN.username, ADMIN.password);
  if (!unlocked) throw new Error('admin slot does not open');
  const store = await openStore(tmp.dir, unlocked.dbKey);
  try {
    return await read(store.db);
  } finally {
    await store.close();
    desk = await Desk.open(tmp.dir, desk.clock);
    await signInAs(desk, who);
  }
}

const TRAINING: ChannelInput<'events.create'> = {
  type: 'premarital_training',
  date: '2026-02-26',
  place: '章丘区婚姻登记处二楼培训室',
  topic: '新婚夫妻沟通与家庭责任',
  durationHours: 2,
  speakers: [],
  attendeeCount: 40,
};

async function volunteer(name: string): Promise<string> {
  return (
    await desk.ok('volunteers.create', {
      name,
      profession: 'marriage_family_counsellor',
      pledgeSignedDate: '2026-01-05',
    })
  ).id;
}

async function auditRows() {
  return (await desk.ok('audit.list', { pageSize: 200 })).rows;
}

describe('events: recording one', () => {
  it('stores roster speakers under their roster name, in order, beside typed names', async () => {
    const liu = await volunteer('刘咨询师');
    await signInAs(desk, 'counsellorA');
    const e = await desk.ok('events.create', {
      ...TRAINING,
      speakers: [{ name: '区法院 孙法官' }, { volunteerId: liu, name: '随便写的名字' }],
      notes: '发放宣传册 40 份',
    });
    expect(e).toMatchObject({
      type: 'premarital_training',
      typeOther: null,
      held: true,
      attendeeCount: 40,
      speakers: [
        { volunteerId: null, name: '区法院 孙法官' },
        { volunteerId: liu, name: '刘咨询师' },
      ],
      createdBy: { id: staff.counsellorA },
      version: 1,
    });
    expect(await desk.ok('events.get', { eventId: e.id })).toEqual(e);

    const other = await desk.ok('events.create', { ...TRAINING, type: 'other', typeOther: '亲子讲座' });
    expect(other.typeOther).toBe('亲子讲座');
    expect((await desk.ok('events.create', { ...TRAINING, typeOther: '多余' })).typeOther).toBeNull();
  });

  it('refuses what is not right, naming the field', async () => {
    const liu = await volunteer('刘咨询师');
    const fields = async (input: ChannelInput<'events.create'>) => {
      const e = await desk.fails('events.create', input);
      return [e.code, e.fields] as const;
    };
    expect(await fields({ ...TRAINING, type: 'other' })).toEqual([
      'VALIDATION',
      { typeOther: '此项为必填项。' },
    ]);
    expect(await fields({ ...TRAINING, speakers: [{ name: '  ' }] })).toEqual([
      'VALIDATION',
      { 'speakers.0.name': '此项为必填项。' },
    ]);
    expect(await fields({ ...TRAINING, durationHours: 1.25 })).toEqual([
      'VALIDATION',
      { durationHours: '必须是 0.5 的倍数。' },
    ]);
    expect(await fields({ ...TRAINING, speakers: [{ volunteerId: liu }, { volunteerId: liu }] })).toEqual([
      'VALIDATION',
      { 'speakers.1.volunteerId': '填写的内容不正确。' },
    ]);

    await desk.ok('volunteers.remove', { id: liu, reason: '已退出' });
    expect(await fields({ ...TRAINING, speakers: [{ volunteerId: liu }] })).toEqual([
      'VOLUNTEER_NOT_FOUND',
      { 'speakers.0.volunteerId': '找不到该志愿者。' },
    ]);
    expect((await desk.ok('events.list', {})).total).toBe(0);
  });
});

describe('events: the list and its totals', () => {
  it('counts 场次 and 人次 of held events over the whole filter, not the page', async () => {
    const create = (over: Partial<ChannelInput<'events.create'>>) =>
      desk.ok('events.create', { ...TRAINING, ...over });
    // Held (today is 2026-03-02): three trainings, two happiness classes, one civil-code talk.
    await create({ date: '2026-01-10', attendeeCount: 35 });
    await create({ date: '2026-02-14', attendeeCount: 52 });
    await create({ date: '2026-03-02', attendeeCount: 18 });
    await create({ type: 'happiness_class', date: '2026-02-01', attendeeCount: 120 });
    await create({ type: 'happiness_class', date: '2025-12-20', attendeeCount: 64 });
    await create({ type: 'civil_code_promotion', date: '2026-02-20', attendeeCount: 300 });
    // Ahead: listed, not counted. Removed: neither.
    await create({ date: '2026-03-15', attendeeCount: 0 });
    const removed = await create({ date: '2026-02-15', attendeeCount: 999 });
    await desk.ok('events.remove', { id: removed.id, reason: '重复登记' });

    const page1 = await desk.ok('events.list', { pageSize: 3 });
    expect(page1.total).toBe(7);
    expect(page1.totals).toEqual({ sessions: 6, attendees: 589 });
    expect(page1.rows.map((r) => [r.date, r.held])).toEqual([
      ['2026-03-15', false],
      ['2026-03-02', true],
      ['2026-02-20', true],
    ]);
    const page3 = await desk.ok('events.list', { pageSize: 3, page: 3 });
    expect(page3.rows.map((r) => r.date)).toEqual(['2025-12-20']);
    expect(page3.totals).toEqual(page1.totals);

    const trainings = await desk.ok('events.list', { type: 'premarital_training', pageSize: 1 });
    expect([trainings.total, trainings.totals]).toEqual([4, { sessions: 3, attendees: 105 }]);
    const february = await desk.ok('events.list', { from: '2026-02-01', to: '2026-02-28', pageSize: 2 });
    expect([february.total, february.totals]).toEqual([3, { sessions: 3, attendees: 472 }]);
    const ahead = await desk.ok('events.list', { from: '2026-03-03' });
    expect([ahead.total, ahead.totals]).toEqual([1, { sessions: 0, attendees: 0 }]);
    const empty = await desk.ok('events.list', { type: 'online_course' });
    expect([empty.rows, empty.totals]).toEqual([[], { sessions: 0, attendees: 0 }]);

    // Events of one day: the later recorded first, and paging never repeats or drops one.
    for (let i = 0; i < 4; i++) await create({ date: '2026-01-05', topic: `同日活动${i}` });
    const sameDay = async (page: number) =>
      (await desk.ok('events.list', { to: '2026-01-05', pageSize: 2, page })).rows.map((r) => r.topic);
    expect([...(await sameDay(1)), ...(await sameDay(2))]).toEqual([
      '同日活动3',
      '同日活动2',
      '同日活动1',
      '同日活动0',
    ]);
  });
});

describe('events: editing and removing', () => {
  it('diffs the speakers: who stays keeps their row, who left is soft-deleted with a reason', async () => {
    const liu = await volunteer('刘咨询师');
    const ma = await volunteer('马律师');
    const e = await desk.ok('events.create', {
      ...TRAINING,
      speakers: [{ volunteerId: liu }, { name: '孙法官' }, { volunteerId: ma }],
    });
    const before = await readStore((db) =>
      db.selectFrom('outreach_event_speakers').selectAll().where('event_id', '=', e.id).execute(),
    );

    const same = await desk.ok('events.update', {
      ...TRAINING,
      eventId: e.id,
      speakers: [{ volunteerId: liu }, { name: '孙法官' }, { volunteerId: ma }],
    });
    expect(same.version).toBe(1);

    desk.clock.advanceMinutes(3);
    const edited = await desk.ok('events.update', {
      ...TRAINING,
      eventId: e.id,
      attendeeCount: 42,
      speakers: [{ volunteerId: ma }, { volunteerId: liu }, { name: '周老师' }],
    });
    expect(edited).toMatchObject({ version: 2, attendeeCount: 42 });
    expect(edited.speakers).toEqual([
      { volunteerId: ma, name: '马律师' },
      { volunteerId: liu, name: '刘咨询师' },
      { volunteerId: null, name: '周老师' },
    ]);

    const after = await readStore((db) =>
      db
        .selectFrom('outreach_event_speakers')
        .selectAll()
        .where('event_id', '=', e.id)
        .orderBy('created_at')
        .orderBy('id')
        .execute(),
    );
    const byId = new Map(after.map((r) => [r.id, r]));
    for (const old of before) {
      const now = byId.get(old.id);
      if (old.volunteer_id === liu) expect(now).toMatchObject({ position: 2, deleted_at: null, version: 2 });
      if (old.volunteer_id === ma) expect(now).toMatchObject({ position: 1, deleted_at: null, version: 2 });
      if (old.name === '孙法官') {
        expect(now?.deleted_reason).toBe('活动信息更新：主讲人调整');
        expect(now?.deleted_at).not.toBeNull();
      }
    }
    expect(after.length).toBe(4);

    const updates = (await auditRows()).filter((a) => a.action === 'event.updated');
    expect(updates.map((a) => a.detail)).toEqual([{ changed: 'attendeeCount,speakers' }]);
  });

  it('removes with the reason kept in the row, and the audit log names no one', async () => {
    const liu = await volunteer('刘咨询师');
    const e = await desk.ok('events.create', { ...TRAINING, speakers: [{ volunteerId: liu }] });
    await desk.ok('events.remove', { id: e.id, reason: '活动取消，误录入' });
    expect(await codeOf(desk, 'events.get', { eventId: e.id })).toBe('EVENT_NOT_FOUND');
    expect(await codeOf(desk, 'events.remove', { id: e.id, reason: '再删' })).toBe('EVENT_NOT_FOUND');
    expect(await codeOf(desk, 'events.update', { ...TRAINING, eventId: e.id })).toBe('EVENT_NOT_FOUND');

    const rows = await readStore(async (db) => ({
      event: await db
        .selectFrom('outreach_events')
        .selectAll()
        .where('id', '=', e.id)
        .executeTakeFirstOrThrow(),
      speakers: await db
        .selectFrom('outreach_event_speakers')
        .selectAll()
        .where('event_id', '=', e.id)
        .execute(),
    }));
    expect(rows.event).toMatchObject({ deleted_reason: '活动取消，误录入', version: 2 });
    expect(rows.speakers.map((s) => s.deleted_reason)).toEqual(['活动已删除']);

    const entries = (await auditRows()).filter((a) => a.action.startsWith('event.'));
    expect(entries.map((a) => [a.action, a.targetId])).toEqual([
      ['event.removed', e.id],
      ['event.created', e.id],
    ]);
    expect(entries[1]?.detail).toEqual({
      type: 'premarital_training',
      date: '2026-02-26',
      attendeeCount: 40,
      speakers: 1,
      volunteerSpeakers: 1,
    });
    const text = JSON.stringify(entries);
    for (const personal of ['刘咨询师', '活动取消', '培训室', '新婚夫妻'])
      expect(text).not.toContain(personal);
  });
});

describe('events: the sign-in sheet (签到表)', () => {
  const out = () => tempDir('counseldesk-sheet-');

  function read(pdf: ChannelOutput<'print.eventSignInSheetPdf'>): { text: string; pages: number } {
    const dir = out();
    try {
      const file = join(dir.dir, 'sheet.pdf');
      writeFileSync(file, Buffer.from(pdf.pdfBase64, 'base64'));
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      return {
        text: execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }),
        pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1]),
      };
    } finally {
      dir.cleanup();
    }
  }

  it('prints the event and a numbered blank row per attendee, named by the date only', async () => {
    const liu = await volunteer('刘咨询师');
    await signInAs(desk, 'counsellorA');
    const e = await desk.ok('events.create', {
      ...TRAINING,
      date: '2026-12-03',
      attendeeCount: 40,
      speakers: [{ volunteerId: liu }, { name: '区法院 孙法官' }],
    });
    const pdf = await desk.ok('print.eventSignInSheetPdf', { eventId: e.id });
    expect(pdf.fileName).toBe('sign-in-sheet-2026-12-03.pdf');
    const { text, pages } = read(pdf);
    for (const words of [
      '签到表',
      '章丘区婚姻登记处',
      '婚姻家庭辅导中心',
      '婚前辅导培训',
      '新婚夫妻沟通与家庭责任',
      '2026年12月3日',
      '章丘区婚姻登记处二楼培训室',
      '刘咨询师、区法院 孙法官',
      '序号',
      '联系电话',
      '签名',
    ]) {
      expect(text, words).toContain(words);
    }
    const numbers = text.match(/^\s*(\d+)\s*$/gm)?.map((n) => Number(n.trim())) ?? [];
    expect(numbers).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(pages).toBeGreaterThanOrEqual(2);

    // A small or not yet counted event still gets a page of 20 rows; a large one more pages.
    const small = await desk.ok('events.create', { ...TRAINING, attendeeCount: 0 });
    const smallText = read(await desk.ok('print.eventSignInSheetPdf', { eventId: small.id })).text;
    expect(Math.max(...(smallText.match(/^\s*(\d+)\s*$/gm)?.map(Number) ?? [0]))).toBe(20);
    const large = await desk.ok('events.create', { ...TRAINING, attendeeCount: 120 });
    const largeSheet = read(await desk.ok('print.eventSignInSheetPdf', { eventId: large.id }));
    expect(largeSheet.pages).toBeGreaterThanOrEqual(4);
    // The header row is repeated on every page.
    expect(largeSheet.text.match(/序号/g)?.length).toBe(largeSheet.pages);

    await signInAs(desk, 'director');
    const printed = (await auditRows()).filter((a) => a.action === 'event.sign_in_printed');
    expect(printed.map((a) => [a.targetId, a.detail])).toEqual([
      [large.id, { date: '2026-02-26', rows: 120 }],
      [small.id, { date: '2026-02-26', rows: 20 }],
      [e.id, { date: '2026-12-03', rows: 40 }],
    ]);
    expect(
      await codeOf(desk, 'print.eventSignInSheetPdf', { eventId: '01890a5d-ac96-774b-bcce-b302099a8057' }),
    ).toBe('EVENT_NOT_FOUND');
  });
});
