import { addDays, isWeekend, localDateAt, type HolidayCalendar, type LocalDate } from '../../shared/calendar';
import type { Random } from './random';

/*
 * Office-local days and instants of the demo desk. Dates are the office's calendar (China Standard Time);
 * instants are ISO-8601 UTC, as every synced row stores them. Work happens on working days (the holiday
 * table, with its make-up working days) in office hours.
 */

/** The ISO instant of `hh:mm` on an office-local date. */
export function instantAt(date: LocalDate, minutesAfterMidnight: number): string {
  const ms = Date.parse(`${date}T00:00:00+08:00`) + Math.round(minutesAfterMidnight * 60_000);
  return new Date(ms).toISOString();
}

/** The office-local date of an ISO instant. */
export function localDay(instant: string): LocalDate {
  return localDateAt(new Date(instant));
}

/** The ISO instant `minutes` after another one. */
export function later(instant: string, minutes: number): string {
  return new Date(Date.parse(instant) + Math.round(minutes * 60_000)).toISOString();
}

/** A time of day in office hours: 08:30–11:45 in the morning, 14:00–16:45 in the afternoon. */
export function officeMinute(r: Random, half: 'am' | 'pm'): number {
  return half === 'am' ? r.int(8 * 60 + 30, 11 * 60 + 45) : r.int(14 * 60, 16 * 60 + 45);
}

/** An instant in office hours of the date (morning or afternoon at random). */
export function officeInstant(r: Random, date: LocalDate): string {
  return instantAt(date, officeMinute(r, r.chance(0.55) ? 'am' : 'pm'));
}

export class WorkCalendar {
  readonly #holidays: ReadonlySet<string>;
  readonly #workdays: ReadonlySet<string>;

  constructor(calendar: HolidayCalendar) {
    this.#holidays = new Set(calendar.holidays);
    this.#workdays = new Set(calendar.workdays);
  }

  isWorkingDay(date: LocalDate): boolean {
    if (this.#workdays.has(date)) return true;
    return !this.#holidays.has(date) && !isWeekend(date);
  }

  /** The working days from `from` to `to`, both included, in order. */
  workingDays(from: LocalDate, to: LocalDate): LocalDate[] {
    const days: LocalDate[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) if (this.isWorkingDay(d)) days.push(d);
    return days;
  }

  /** The working day `count` working days before `date`, but not before `floor` (then `date` itself). */
  back(date: LocalDate, count: number, floor: LocalDate): LocalDate {
    let d = date;
    for (let left = count; left > 0;) {
      d = addDays(d, -1);
      if (this.isWorkingDay(d)) left--;
    }
    return d < floor ? date : d;
  }

  /** The last working day on or before `date`. */
  onOrBefore(date: LocalDate): LocalDate {
    let d = date;
    for (let i = 0; i < 60 && !this.isWorkingDay(d); i++) d = addDays(d, -1);
    return d;
  }

  /** The first working day on or after `date`. */
  onOrAfter(date: LocalDate): LocalDate {
    let d = date;
    for (let i = 0; i < 60 && !this.isWorkingDay(d); i++) d = addDays(d, 1);
    return d;
  }
}
