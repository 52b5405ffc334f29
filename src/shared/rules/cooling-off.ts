import { addDays, isWeekend, toDayNumber, type HolidayCalendar, type LocalDate } from '../calendar';

/**
 * The statutory timeline of an agreement-divorce filing (Civil Code Art. 1077; 民发〔2020〕116号).
 *
 * - Counting starts the day after `received` (Civil Code Art. 201), calendar days.
 * - Withdrawal window: 30 days → withdrawalDeadline = extend(received + 30).
 * - Certificate window: the 30 days after it → start = withdrawalDeadline + 1,
 *   end = extend(withdrawalDeadline + 30); if neither comes, the filing is deemed withdrawn.
 * - extend(d) (Civil Code Art. 203): a period whose last day is a statutory day off ends on the first
 *   working day after it. Whether plain weekends are days off is the office's setting; make-up
 *   working days (调休) are working days whatever their weekday.
 * The deadline is the office's closing time on that day — a setting applied by the caller.
 */
export type { HolidayCalendar };

export interface CoolingOffOptions {
  weekendsExtend: boolean;
}

export interface CoolingOffTimeline {
  withdrawalDeadline: LocalDate;
  certificateWindowStart: LocalDate;
  certificateWindowEnd: LocalDate;
}

export const COOLING_OFF_DAYS = 30;
export const CERTIFICATE_WINDOW_DAYS = 30;

export function coolingOffTimeline(
  received: string,
  calendar: HolidayCalendar,
  options: CoolingOffOptions,
): CoolingOffTimeline {
  if (toDayNumber(received) === null) {
    throw new RangeError(`received must be a calendar date YYYY-MM-DD: ${received}`);
  }
  const isDayOff = dayOffTest(calendar, options);
  const extend = (date: LocalDate): LocalDate => {
    let d = date;
    // A year has fewer than 120 days off even with weekends; the bound only guards bad data.
    for (let i = 0; i < 366 && isDayOff(d); i++) d = addDays(d, 1);
    return d;
  };
  const withdrawalDeadline = extend(addDays(received, COOLING_OFF_DAYS));
  return {
    withdrawalDeadline,
    certificateWindowStart: addDays(withdrawalDeadline, 1),
    certificateWindowEnd: extend(addDays(withdrawalDeadline, CERTIFICATE_WINDOW_DAYS)),
  };
}

function dayOffTest(calendar: HolidayCalendar, options: CoolingOffOptions): (date: LocalDate) => boolean {
  const holidays = new Set(calendar.holidays);
  const workdays = new Set(calendar.workdays);
  return (date) => {
    if (workdays.has(date)) return false;
    if (holidays.has(date)) return true;
    return options.weekendsExtend && isWeekend(date);
  };
}
