import { describe, expect, it } from 'vitest';
import {
  averageScore,
  inPeriod,
  minutesToHours,
  monthPeriod,
  monthsOf,
  monthWithin,
  quarterPeriod,
  rate,
  StatisticsInputSchema,
  StatisticsListInputSchema,
  yearPeriod,
} from '../../src/shared/statistics';

describe('statistics periods (office-local dates)', () => {
  it('months, quarters and years are inclusive calendar ranges', () => {
    expect(monthPeriod(2026, 2)).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthPeriod(2024, 2)).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(monthPeriod(2026, 12)).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(quarterPeriod(2026, 1)).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(quarterPeriod(2026, 4)).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(yearPeriod(2026)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(() => monthPeriod(2026, 13)).toThrow(RangeError);
    expect(() => quarterPeriod(2026, 0)).toThrow(RangeError);
  });

  it('monthsOf lists every month the period touches; monthWithin clips the ends', () => {
    expect(monthsOf(yearPeriod(2026))).toHaveLength(12);
    expect(monthsOf({ from: '2025-11-15', to: '2026-02-10' })).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
    expect(monthsOf({ from: '2026-03-05', to: '2026-03-05' })).toEqual(['2026-03']);
    expect(monthWithin('2025-11', { from: '2025-11-15', to: '2026-02-10' })).toEqual({
      from: '2025-11-15',
      to: '2025-11-30',
    });
    expect(monthWithin('2026-02', { from: '2025-11-15', to: '2026-02-10' })).toEqual({
      from: '2026-02-01',
      to: '2026-02-10',
    });
    expect(() => monthsOf({ from: '2026-03-02', to: '2026-03-01' })).toThrow(RangeError);
  });

  it('inPeriod is inclusive at both ends; null is never in', () => {
    const march = monthPeriod(2026, 3);
    expect([inPeriod('2026-03-01', march), inPeriod('2026-03-31', march)]).toEqual([true, true]);
    expect([inPeriod('2026-02-28', march), inPeriod('2026-04-01', march), inPeriod(null, march)]).toEqual([
      false,
      false,
      false,
    ]);
  });

  it('the inputs refuse a reversed or over-long period and a wrong breakdown value', () => {
    expect(StatisticsInputSchema.safeParse({ from: '2026-03-02', to: '2026-03-01' }).success).toBe(false);
    expect(StatisticsInputSchema.safeParse({ from: '2016-01-01', to: '2026-12-31' }).success).toBe(false);
    expect(StatisticsInputSchema.safeParse({ from: '2026-02-30', to: '2026-03-01' }).success).toBe(false);
    expect(StatisticsInputSchema.parse({ from: '2026-03-01', to: '2026-03-01' }).counsellorId).toBeNull();
    const list = { from: '2026-01-01', to: '2026-12-31' };
    expect(StatisticsListInputSchema.safeParse({ ...list, indicator: 'reasons' }).success).toBe(false);
    expect(
      StatisticsListInputSchema.safeParse({ ...list, indicator: 'reasons', value: 'gambling' }).success,
    ).toBe(false);
    expect(
      StatisticsListInputSchema.safeParse({ ...list, indicator: 'reasons', value: 'none' }).success,
    ).toBe(true);
    expect(
      StatisticsListInputSchema.safeParse({ ...list, indicator: 'filings', value: 'none' }).success,
    ).toBe(false);
    expect(
      StatisticsListInputSchema.safeParse({ ...list, indicator: 'filings', pageSize: 201 }).success,
    ).toBe(false);
  });
});

describe('rates and rounding (one decimal, half up, exact)', () => {
  it('rounds the published figures half up', () => {
    expect(rate(2435, 5655)).toEqual({ numerator: 2435, denominator: 5655, percent: 43.1 });
    expect(rate(1, 8).percent).toBe(12.5);
    expect(rate(1, 16).percent).toBe(6.3); // 6.25 → 6.3 (half up, not banker's)
    expect(rate(1, 3).percent).toBe(33.3);
    expect(rate(2, 3).percent).toBe(66.7);
    expect(rate(1, 2000).percent).toBe(0.1); // 0.05 → 0.1
    expect(rate(1, 2001).percent).toBe(0);
    expect(rate(7, 7).percent).toBe(100);
  });

  it('a zero denominator has no value, never 0%', () => {
    expect(rate(0, 0)).toEqual({ numerator: 0, denominator: 0, percent: null });
    expect(rate(0, 5).percent).toBe(0);
    expect(() => rate(-1, 5)).toThrow(RangeError);
    expect(() => rate(1.5, 5)).toThrow(RangeError);
  });

  it('every fraction up to 150 rounds as the decimal expansion says', () => {
    for (let d = 1; d <= 150; d++) {
      for (let n = 0; n <= d; n++) {
        // n/d·1000 tenths-of-a-percent: half up means floor(x + 0.5) on the exact value.
        const expected = Math.floor((n * 2000 + d) / (2 * d)) / 10;
        expect(rate(n, d).percent).toBe(expected);
      }
    }
  });

  it('average scores and hours to one decimal', () => {
    expect(averageScore([])).toBeNull();
    expect(averageScore([90, 85])).toBe(87.5);
    expect(averageScore([90, 85, 85])).toBe(86.7);
    expect(averageScore([1, 2, 2, 2])).toBe(1.8); // 1.75 → 1.8
    expect(minutesToHours(95)).toBe(1.6);
    expect(minutesToHours(3)).toBe(0.1); // 0.05 → 0.1
    expect(minutesToHours(0)).toBe(0);
  });
});
