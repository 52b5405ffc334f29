import { addDays, daysBetween } from '@shared/calendar';

export interface DateRange {
  start: string;
  end: string;
  days: string[];
}

/** Sorted dates grouped into runs of consecutive days (a holiday block reads as one range). */
export function toRanges(dates: Iterable<string>): DateRange[] {
  const sorted = [...new Set(dates)].sort();
  const ranges: DateRange[] = [];
  for (const date of sorted) {
    const last = ranges.at(-1);
    if (last && daysBetween(last.end, date) === 1) {
      last.end = date;
      last.days.push(date);
    } else {
      ranges.push({ start: date, end: date, days: [date] });
    }
  }
  return ranges;
}

/** Every date from start to end inclusive. */
export function datesBetween(start: string, end: string): string[] {
  const out: string[] = [];
  for (let d = start; d <= end; d = addDays(d, 1)) out.push(d);
  return out;
}
