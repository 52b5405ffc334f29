import { addDays, isLocalDate, type LocalDate } from '../calendar';

/*
 * Periods of the statistics (docs/indicators.md "The period"): inclusive ranges of office-local calendar
 * dates 'YYYY-MM-DD'. Months, quarters and years are built here so the page, the ledger, the reports and
 * the county all cut the calendar the same way.
 */

export interface Period {
  from: LocalDate;
  to: LocalDate;
}

/** 'YYYY-MM'. */
export type MonthKey = string;

const pad2 = (n: number): string => String(n).padStart(2, '0');

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`not a year: ${year}`);
}

/** The last day of a month (month 1–12). */
function lastDayOf(year: number, month: number): LocalDate {
  const next = month === 12 ? `${year + 1}-01-01` : `${year}-${pad2(month + 1)}-01`;
  return addDays(next, -1);
}

/** A calendar month, month 1–12. */
export function monthPeriod(year: number, month: number): Period {
  checkYear(year);
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`not a month: ${month}`);
  return { from: `${year}-${pad2(month)}-01`, to: lastDayOf(year, month) };
}

/** A calendar quarter, q 1–4 (Q1 = January–March). */
export function quarterPeriod(year: number, q: number): Period {
  checkYear(year);
  if (!Number.isInteger(q) || q < 1 || q > 4) throw new RangeError(`not a quarter: ${q}`);
  const first = (q - 1) * 3 + 1;
  return { from: `${year}-${pad2(first)}-01`, to: lastDayOf(year, first + 2) };
}

export function yearPeriod(year: number): Period {
  checkYear(year);
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/** Whether a date lies in the period (inclusive at both ends); null never does. */
export function inPeriod(date: LocalDate | null | undefined, period: Period): boolean {
  return date !== null && date !== undefined && date >= period.from && date <= period.to;
}

/** Whether the period is well formed: two real dates, from ≤ to. */
export function isPeriod(period: Period): boolean {
  return isLocalDate(period.from) && isLocalDate(period.to) && period.from <= period.to;
}

/** Every calendar month the period touches, in order: ['2026-01', '2026-02', …]. */
export function monthsOf(period: Period): MonthKey[] {
  if (!isPeriod(period)) throw new RangeError('not a period');
  const months: MonthKey[] = [];
  let year = Number(period.from.slice(0, 4));
  let month = Number(period.from.slice(5, 7));
  const last = period.to.slice(0, 7);
  for (;;) {
    const key = `${year}-${pad2(month)}`;
    months.push(key);
    if (key >= last) break;
    month += 1;
    if (month === 13) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

/** A month of the period, clipped to the period at its ends (the monthly trend's rows). */
export function monthWithin(month: MonthKey, period: Period): Period {
  const whole = monthPeriod(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
  return {
    from: whole.from < period.from ? period.from : whole.from,
    to: whole.to > period.to ? period.to : whole.to,
  };
}
