import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { coolingOffTimeline, type HolidayCalendar } from '../../src/shared/rules/cooling-off';
import {
  addDays,
  daysBetween,
  fromDayNumber,
  isWeekend,
  toDayNumber,
} from '../../src/shared/calendar/local-date';
import { mergeHolidayYears, SHIPPED_HOLIDAY_YEARS } from '../../src/shared/calendar/cn-holidays';

const OFFICIAL = mergeHolidayYears(SHIPPED_HOLIDAY_YEARS);
const NONE: HolidayCalendar = { holidays: [], workdays: [] };

// [received, weekendsExtend, withdrawalDeadline, certificateWindowStart, certificateWindowEnd, why]
const WORKED: [string, boolean, string, string, string, string][] = [
  [
    '2025-06-10',
    false,
    '2025-07-10',
    '2025-07-11',
    '2025-08-09',
    'docs/domain.md worked example: Saturday end stands',
  ],
  ['2025-06-10', true, '2025-07-10', '2025-07-11', '2025-08-11', 'weekends extend: Sat 08-09 → Mon 08-11'],
  ['2025-01-01', false, '2025-02-05', '2025-02-06', '2025-03-07', 'Spring Festival 2025: 01-31 → 02-05'],
  [
    '2026-01-20',
    false,
    '2026-02-24',
    '2026-02-25',
    '2026-03-26',
    'Spring Festival 2026 (9 days): 02-19 → 02-24',
  ],
  ['2025-09-05', false, '2025-10-09', '2025-10-10', '2025-11-08', 'National Day 2025: 10-05 → 10-09'],
  ['2025-09-05', true, '2025-10-09', '2025-10-10', '2025-11-10', 'National Day + weekend end extended'],
  ['2025-08-04', false, '2025-09-03', '2025-09-04', '2025-10-09', 'certificate window ends in National Day'],
  ['2025-09-11', true, '2025-10-11', '2025-10-12', '2025-11-10', 'make-up working Saturday does not extend'],
  [
    '2024-03-07',
    true,
    '2024-04-07',
    '2024-04-08',
    '2024-05-07',
    'Qingming 2024 → make-up working Sunday 04-07',
  ],
  ['2024-12-02', false, '2025-01-02', '2025-01-03', '2025-02-05', "New Year's Day across the year boundary"],
  ['2024-01-01', false, '2024-01-31', '2024-02-01', '2024-03-01', 'leap February counted'],
];

describe('coolingOffTimeline — worked examples', () => {
  it.each(WORKED)('received %s (weekends extend: %s)', (received, weekendsExtend, wd, cs, ce) => {
    expect(coolingOffTimeline(received, OFFICIAL, { weekendsExtend })).toEqual({
      withdrawalDeadline: wd,
      certificateWindowStart: cs,
      certificateWindowEnd: ce,
    });
  });

  it('rejects a date that does not exist', () => {
    expect(() => coolingOffTimeline('2025-02-30', OFFICIAL, { weekendsExtend: false })).toThrow(RangeError);
    expect(() => coolingOffTimeline('2025/06/10', OFFICIAL, { weekendsExtend: false })).toThrow(RangeError);
  });

  it('uses only the calendar it is given (an admin-edited table)', () => {
    const custom: HolidayCalendar = { holidays: ['2025-07-10', '2025-07-11'], workdays: [] };
    expect(coolingOffTimeline('2025-06-10', custom, { weekendsExtend: false }).withdrawalDeadline).toBe(
      '2025-07-12',
    );
    expect(coolingOffTimeline('2025-06-10', custom, { weekendsExtend: true }).withdrawalDeadline).toBe(
      '2025-07-14',
    );
  });
});

const anyDate = fc
  .integer({ min: toDayNumber('2023-06-01')!, max: toDayNumber('2026-10-31')! })
  .map(fromDayNumber);
const options = fc.record({ weekendsExtend: fc.boolean() });
const holidaySet = new Set(OFFICIAL.holidays);
const workdaySet = new Set(OFFICIAL.workdays);
const isDayOff = (d: string, weekendsExtend: boolean) =>
  !workdaySet.has(d) && (holidaySet.has(d) || (weekendsExtend && isWeekend(d)));

describe('coolingOffTimeline — properties', () => {
  it('without holidays and weekend extension the periods are exactly 30 and 30 days', () => {
    fc.assert(
      fc.property(anyDate, (received) => {
        const t = coolingOffTimeline(received, NONE, { weekendsExtend: false });
        expect(daysBetween(received, t.withdrawalDeadline)).toBe(30);
        expect(daysBetween(received, t.certificateWindowStart)).toBe(31);
        expect(daysBetween(received, t.certificateWindowEnd)).toBe(60);
      }),
    );
  });

  it('every period ends on a working day, as early as the rule allows', () => {
    fc.assert(
      fc.property(anyDate, options, (received, opts) => {
        const t = coolingOffTimeline(received, OFFICIAL, opts);
        for (const end of [t.withdrawalDeadline, t.certificateWindowEnd]) {
          expect(isDayOff(end, opts.weekendsExtend)).toBe(false);
          // every day skipped between the nominal end and the real one was a day off
          const nominal =
            end === t.withdrawalDeadline ? addDays(received, 30) : addDays(t.withdrawalDeadline, 30);
          for (let d = nominal; d !== end; d = addDays(d, 1))
            expect(isDayOff(d, opts.weekendsExtend)).toBe(true);
        }
        expect(t.certificateWindowStart).toBe(addDays(t.withdrawalDeadline, 1));
      }),
    );
  });

  it('a later receipt never gets an earlier deadline, and weekend extension never shortens one', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 40 }), options, (received, gap, opts) => {
        const a = coolingOffTimeline(received, OFFICIAL, opts);
        const b = coolingOffTimeline(addDays(received, gap), OFFICIAL, opts);
        expect(daysBetween(a.withdrawalDeadline, b.withdrawalDeadline)).toBeGreaterThanOrEqual(0);
        expect(daysBetween(a.certificateWindowEnd, b.certificateWindowEnd)).toBeGreaterThanOrEqual(0);
        const plain = coolingOffTimeline(received, OFFICIAL, { weekendsExtend: false });
        const extended = coolingOffTimeline(received, OFFICIAL, { weekendsExtend: true });
        expect(daysBetween(plain.withdrawalDeadline, extended.withdrawalDeadline)).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

describe('shipped holiday table', () => {
  it('lists make-up working days only on weekends and never as holidays', () => {
    for (const year of SHIPPED_HOLIDAY_YEARS) {
      for (const w of year.workdays) {
        expect(isWeekend(w), w).toBe(true);
        expect(year.holidays).not.toContain(w);
      }
    }
  });

  it('covers 2024–2026 with the official block lengths', () => {
    const count = (from: string, to: string) => OFFICIAL.holidays.filter((d) => d >= from && d <= to).length;
    expect(count('2024-02-01', '2024-02-29')).toBe(8); // Spring Festival 2024
    expect(count('2025-01-20', '2025-02-10')).toBe(8); // Spring Festival 2025
    expect(count('2026-02-01', '2026-02-28')).toBe(9); // Spring Festival 2026
    expect(count('2025-10-01', '2025-10-31')).toBe(8); // National Day + Mid-Autumn 2025
    expect(count('2026-10-01', '2026-10-31')).toBe(7);
  });
});
