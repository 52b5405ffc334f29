/**
 * Calendar dates of the office's local calendar (China Standard Time, UTC+8, no daylight saving),
 * kept as 'YYYY-MM-DD' strings. Arithmetic runs on UTC midnights so it never depends on the
 * machine's time zone; "today" is derived from an instant by adding 8 hours, never from UTC.
 */
export type LocalDate = string;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
const CST_OFFSET_MS = 8 * 3_600_000;

/** Days since 1970-01-01 for a valid date, or null for anything that is not a real calendar date. */
export function toDayNumber(date: string): number | null {
  const m = DATE_RE.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Date.UTC rolls 2025-02-30 over to March; a real date survives the round trip.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / DAY_MS;
}

export function isLocalDate(date: string): boolean {
  return toDayNumber(date) !== null;
}

export function fromDayNumber(day: number): LocalDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function dayNumberOrThrow(date: string): number {
  const day = toDayNumber(date);
  if (day === null) throw new RangeError(`not a calendar date (expected YYYY-MM-DD): ${date}`);
  return day;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromDayNumber(dayNumberOrThrow(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return dayNumberOrThrow(to) - dayNumberOrThrow(from);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: LocalDate): number {
  // 1970-01-01 was a Thursday (4).
  return (((dayNumberOrThrow(date) + 4) % 7) + 7) % 7;
}

export function isWeekend(date: LocalDate): boolean {
  const w = weekday(date);
  return w === 0 || w === 6;
}

/** The office's calendar date at an instant (UTC+8), whatever the machine's zone. */
export function localDateAt(instant: Date): LocalDate {
  return new Date(instant.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** Office-local 'YYYY-MM-DD HH:MM' (China Standard Time, UTC+8, no daylight saving). */
export function localDateTime(instant: Date): string {
  const shifted = new Date(instant.getTime() + 8 * 3_600_000).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 16)}`;
}
