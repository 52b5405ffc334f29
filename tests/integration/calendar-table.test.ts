import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SHIPPED_HOLIDAY_YEARS } from '../../src/shared/calendar/cn-holidays';
import { addStaff, minimalIntake, signInAs } from '../support/case-fixture';
import { type Desk, setUpDesk } from '../support/desk-fixture';

let desk: Desk;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ desk, cleanup } = await setUpDesk());
  await addStaff(desk);
});
afterEach(() => cleanup());

const shipped2026 = SHIPPED_HOLIDAY_YEARS.find((y) => y.year === 2026)!;
const edit2026 = (extra: { holidays?: string[]; workdays?: string[] }) => ({
  year: 2026,
  source: '本地修订',
  holidays: [...shipped2026.holidays, ...(extra.holidays ?? [])],
  workdays: [...shipped2026.workdays, ...(extra.workdays ?? [])],
});

describe('holiday table', () => {
  it('ships 2024–2026; an admin edit recomputes open cases only and later intakes use it', async () => {
    const open = await desk.ok('cases.create', minimalIntake());
    const closed = await desk.ok('cases.create', minimalIntake());
    await desk.ok('cases.transition', {
      caseId: closed.id,
      action: 'refuse',
      date: '2026-03-02',
      reason: '材料不全',
    });
    expect(open.registration?.timeline.withdrawalDeadline).toBe('2026-04-01');

    const table = await desk.ok('calendar.get', null);
    expect(table.years.map((y) => [y.year, y.edited])).toEqual([
      [2024, false],
      [2025, false],
      [2026, false],
    ]);
    expect((await desk.fails('calendar.update', { years: [edit2026({})] })).code).toBe('FORBIDDEN');

    await signInAs(desk, 'admin');
    // A (hypothetical) extra day off on Wed 2026-04-01 moves the deadline to Thu 2026-04-02.
    const updated = await desk.ok('calendar.update', {
      years: [edit2026({ holidays: ['2026-04-01', '2026-04-01'] })],
    });
    const y2026 = updated.years.find((y) => y.year === 2026);
    expect(y2026).toMatchObject({ edited: true, source: '本地修订' });
    expect(y2026?.holidays.filter((d) => d === '2026-04-01')).toHaveLength(1);
    expect(y2026?.holidays).toEqual([...(y2026?.holidays ?? [])].sort());
    const entry = (await desk.ok('audit.list', { action: 'calendar.updated' })).rows[0];
    expect(entry?.detail).toEqual({ years: '2026', recomputedCases: 1 });

    await signInAs(desk, 'counsellorA');
    const after = await desk.ok('cases.get', { caseId: open.id });
    expect(after.registration?.timeline).toMatchObject({
      withdrawalDeadline: '2026-04-02',
      certificateWindowStart: '2026-04-03',
    });
    const list = await desk.ok('cases.list', { registrationStatus: 'accepted_cooling' });
    expect(list.rows[0]?.nextDeadline).toBe('2026-04-02');
    expect(
      (await desk.ok('cases.get', { caseId: closed.id })).registration?.timeline.withdrawalDeadline,
    ).toBe('2026-04-01');
    const fresh = await desk.ok('cases.create', minimalIntake());
    expect(fresh.registration?.timeline.withdrawalDeadline).toBe('2026-04-02');
  });

  it('recomputes running timelines when the "weekends extend deadlines" setting changes', async () => {
    // Received Thu 2026-02-12: the 30th day is Sat 2026-03-14.
    const running = await desk.ok(
      'cases.create',
      minimalIntake({ filing: { receivedDate: '2026-02-12', receiptNumber: 'SL-2026-0009' } }),
    );
    expect(running.registration?.timeline.withdrawalDeadline).toBe('2026-03-14');

    await signInAs(desk, 'admin');
    await desk.ok('settings.update', { weekendsExtend: true });
    const entry = (await desk.ok('audit.list', { action: 'settings.updated' })).rows[0];
    expect(entry?.detail).toMatchObject({ keys: 'weekendsExtend', recomputedCases: 1 });

    await signInAs(desk, 'counsellorA');
    const after = await desk.ok('cases.get', { caseId: running.id });
    expect(after.registration?.timeline.withdrawalDeadline).toBe('2026-03-16');
  });

  it('refuses dates that are not real, far outside their year, or both a day off and a workday', async () => {
    await signInAs(desk, 'admin');
    const notReal = await desk.fails('calendar.update', { years: [edit2026({ holidays: ['2026-02-30'] })] });
    expect(notReal.code).toBe('HOLIDAY_TABLE_INVALID');
    expect(notReal.message).toBe('节假日表有误：2026-02-30 不是有效日期');
    expect(Object.keys(notReal.fields ?? {})).toEqual([`years.0.holidays.${shipped2026.holidays.length}`]);

    const outside = await desk.fails('calendar.update', { years: [edit2026({ workdays: ['2029-01-01'] })] });
    expect(outside.meta?.problem).toBe('2029-01-01 不在 2026 年安排的范围内');

    const both = await desk.fails('calendar.update', { years: [edit2026({ workdays: ['2026-10-01'] })] });
    expect(both.code).toBe('HOLIDAY_TABLE_INVALID');
    expect(both.meta?.problem).toBe('2026-10-01 不能既是放假日又是调休上班日');

    const twice = await desk.fails('calendar.update', { years: [edit2026({}), edit2026({})] });
    expect(twice.meta?.problem).toBe('2026 年重复出现');

    expect(
      (await desk.fails('calendar.update', { years: [{ ...edit2026({}), holidays: ['1.5.2026'] }] })).code,
    ).toBe('VALIDATION');
    // Nothing was stored.
    expect((await desk.ok('calendar.get', null)).years.every((y) => !y.edited)).toBe(true);
  });

  it('adds a year the app did not ship', async () => {
    await signInAs(desk, 'admin');
    const t = await desk.ok('calendar.update', {
      years: [{ year: 2027, source: '国办发明电〔2026〕', holidays: ['2027-01-01'], workdays: [] }],
    });
    expect(t.years.map((y) => y.year)).toEqual([2024, 2025, 2026, 2027]);
  });
});
