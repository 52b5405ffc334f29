import dayjs, { type Dayjs } from 'dayjs';
import { daysBetween, isLocalDate, localDateAt } from '@shared/calendar';

export const DAY_FORMAT = 'YYYY-MM-DD';

/** A picker's value as the office-local calendar date the contract expects ('YYYY-MM-DD'). */
export const toLocalDate = (value: Dayjs | null | undefined): string | null =>
  value ? value.format(DAY_FORMAT) : null;

/** A stored 'YYYY-MM-DD' as a picker value. */
export const fromLocalDate = (value: string | null | undefined): Dayjs | null =>
  value && isLocalDate(value) ? dayjs(value, DAY_FORMAT) : null;

/**
 * Today on the office's calendar (China Standard Time) as a picker value: the default of date pickers.
 * Not this machine's calendar — on a machine in another zone (or set to UTC) that is a different day for
 * part of every day, and a visit or session dated "yesterday" would be refused as before its plan's start.
 * Deadlines still use the server's `today`.
 */
export const todayPicker = (): Dayjs => dayjs(officeToday(), DAY_FORMAT);

/** Whole days from `today` to `date` (negative once past), or null when either is missing. */
export function daysLeft(today: string | null | undefined, date: string | null | undefined): number | null {
  if (!today || !date || !isLocalDate(today) || !isLocalDate(date)) return null;
  return daysBetween(today, date);
}

/** The office's calendar date now (China Standard Time), whatever this machine's zone: for "days left". */
export const officeToday = (): string => localDateAt(new Date());
