import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, fromDayNumber, toDayNumber } from '../../src/shared/calendar/local-date';
import {
  addMonths,
  ageFromBirthYear,
  birthYearFromAge,
  DEFAULT_FOLLOW_UP_RULES,
  dueDateOf,
  FollowUpRulesSchema,
  hasMinorChild,
  isDueThisWeek,
  isVisitOverdue,
  planSchedule,
  ruleFor,
} from '../../src/shared/followups';

/* The follow-up plan rules (src/shared/followups/rules.ts): table tests, then properties. */

describe('addMonths', () => {
  it.each([
    ['2026-03-02', 1, '2026-04-02'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-08-31', 1, '2026-09-30'],
    ['2026-11-15', 2, '2027-01-15'],
    ['2026-12-31', 12, '2027-12-31'],
    ['2026-03-31', -1, '2026-02-28'],
  ])('%s + %i months = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it('refuses what is not a calendar date', () => {
    expect(() => addMonths('2026-02-30', 1)).toThrow(RangeError);
  });
});

describe('the default rules', () => {
  it('表示和好 and 暂缓离婚: 1, 3, 6, 12 months; 选择离婚 only with a minor child: 1, 3, 6', () => {
    expect(ruleFor(DEFAULT_FOLLOW_UP_RULES, 'reconcile', false)?.months).toEqual([1, 3, 6, 12]);
    expect(ruleFor(DEFAULT_FOLLOW_UP_RULES, 'postpone', false)?.months).toEqual([1, 3, 6, 12]);
    expect(ruleFor(DEFAULT_FOLLOW_UP_RULES, 'divorce', false)).toBeNull();
    expect(ruleFor(DEFAULT_FOLLOW_UP_RULES, 'divorce', true)).toMatchObject({
      months: [1, 3, 6],
      focus: 'children_elderly',
    });
    expect(FollowUpRulesSchema.safeParse(DEFAULT_FOLLOW_UP_RULES).success).toBe(true);
  });

  it('rules must count forward and give one rule per result', () => {
    const rule = DEFAULT_FOLLOW_UP_RULES[0];
    expect(FollowUpRulesSchema.safeParse([{ ...rule, months: [3, 1] }]).success).toBe(false);
    expect(FollowUpRulesSchema.safeParse([{ ...rule, months: [1, 1] }]).success).toBe(false);
    expect(FollowUpRulesSchema.safeParse([rule, rule]).success).toBe(false);
    expect(FollowUpRulesSchema.safeParse([{ ...rule, months: [0] }]).success).toBe(false);
  });

  it('a minor child is under 18 by birth year; a child of unknown age does not count', () => {
    expect(hasMinorChild([{ kind: 'child', age: 17 }])).toBe(true);
    expect(hasMinorChild([{ kind: 'child', age: 18 }])).toBe(false);
    expect(hasMinorChild([{ kind: 'child', age: null }])).toBe(false);
    expect(hasMinorChild([{ kind: 'spouse', age: 10 }])).toBe(false);
    expect(ageFromBirthYear(birthYearFromAge(7, '2026-03-02'), '2027-01-01')).toBe(8);
  });
});

describe('visit states on a day', () => {
  it('overdue after the due date; due this week from today to six days ahead', () => {
    const v = (dueDate: string, status = 'scheduled') => ({ status, dueDate });
    expect(isVisitOverdue(v('2026-03-01'), '2026-03-02')).toBe(true);
    expect(isVisitOverdue(v('2026-03-02'), '2026-03-02')).toBe(false);
    expect(isVisitOverdue(v('2026-03-01', 'done'), '2026-03-02')).toBe(false);
    expect(isDueThisWeek(v('2026-03-02'), '2026-03-02')).toBe(true);
    expect(isDueThisWeek(v('2026-03-08'), '2026-03-02')).toBe(true);
    expect(isDueThisWeek(v('2026-03-09'), '2026-03-02')).toBe(false);
  });
});

const date = fc
  .integer({ min: toDayNumber('2000-01-01') as number, max: toDayNumber('2090-12-31') as number })
  .map(fromDayNumber);
const months = fc
  .uniqueArray(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 12 })
  .map((ms) => [...ms].sort((a, b) => a - b));

describe('properties', () => {
  it('due dates are never before the result date, strictly increasing, and one per month offset', () => {
    fc.assert(
      fc.property(date, months, (start, ms) => {
        const schedule = planSchedule(start, ms);
        expect(schedule).toHaveLength(ms.length);
        schedule.forEach((due, i) => {
          expect(due > start).toBe(true);
          if (i > 0) expect(due > (schedule[i - 1] as string)).toBe(true);
        });
      }),
    );
  });

  it('the next due date after any visit lies after that visit and never before the result date', () => {
    fc.assert(
      fc.property(date, months, fc.integer({ min: 0, max: 800 }), fc.nat(), (start, ms, lateness, pick) => {
        const index = ms.length > 1 ? 1 + (pick % (ms.length - 1)) : 0;
        const previousVisit = index === 0 ? null : addDays(start, lateness);
        const due = dueDateOf(start, ms, index, previousVisit);
        expect(due > start).toBe(true);
        if (previousVisit !== null) expect(due > previousVisit).toBe(true);
        // On time (before the rule's date): exactly the rule's date.
        const ruled = addMonths(start, ms[index] as number);
        if (previousVisit === null || previousVisit < ruled) expect(due).toBe(ruled);
      }),
    );
  });

  it('addMonths lands in the right month and never moves more than the month length off the day', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 120 }), (d, n) => {
        const r = addMonths(d, n);
        const monthsApart =
          (Number(r.slice(0, 4)) - Number(d.slice(0, 4))) * 12 +
          Number(r.slice(5, 7)) -
          Number(d.slice(5, 7));
        expect(monthsApart).toBe(n);
        expect(Number(r.slice(8, 10))).toBeLessThanOrEqual(Number(d.slice(8, 10)));
        expect(daysBetween(d, r)).toBeGreaterThanOrEqual(n * 28);
      }),
    );
  });
});
