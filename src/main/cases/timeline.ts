import { addDays, localDateAt, type HolidayCalendar, type LocalDate } from '../../shared/calendar';
import type { RegistrationStatus } from '../../shared/cases';
import { coolingOffTimeline, type CoolingOffTimeline } from '../../shared/rules';
import type { Settings } from '../../shared/settings';
import { loadHolidayCalendar } from '../calendar';
import type { Db } from '../db';

/*
 * The statutory timeline as this desk computes it (docs/domain.md "Cooling-off timeline"): the holiday
 * table in force (calendar module) and the weekendsExtend setting. A deadline day stays open until the
 * office's closing time (settings.closingTime, China Standard Time) — not midnight.
 */

export function timelineWith(
  calendar: HolidayCalendar,
  settings: Pick<Settings, 'weekendsExtend'>,
  received: LocalDate,
): CoolingOffTimeline {
  return coolingOffTimeline(received, calendar, { weekendsExtend: settings.weekendsExtend });
}

export async function timelineFor(
  db: Db,
  settings: Pick<Settings, 'weekendsExtend'>,
  received: LocalDate,
): Promise<CoolingOffTimeline> {
  return timelineWith(await loadHolidayCalendar(db), settings, received);
}

/**
 * The last office-local day whose closing time has passed at `now`: today after closing time, else
 * yesterday. A deadline has passed exactly when it is on or before this day.
 */
export function lastClosedDay(now: Date, closingTime: string): LocalDate {
  const today = localDateAt(now);
  const closesAt = Date.parse(`${today}T${closingTime}:00+08:00`);
  return now.getTime() >= closesAt ? today : addDays(today, -1);
}

export function deadlinePassed(deadline: LocalDate, now: Date, closingTime: string): boolean {
  return deadline <= lastClosedDay(now, closingTime);
}

/** The deadline that matters in a status (the list's 'deadline_asc' and the dashboard). */
export function nextDeadline(
  status: RegistrationStatus | null,
  timeline: { withdrawalDeadline: string; certificateWindowEnd: string } | null,
): string | null {
  if (!timeline) return null;
  if (status === 'accepted_cooling') return timeline.withdrawalDeadline;
  if (status === 'awaiting_certificate') return timeline.certificateWindowEnd;
  return null;
}

/**
 * Where the automatic rules take a status once the clock has reached `lastClosed`:
 * accepted_cooling → awaiting_certificate after the withdrawal deadline, → deemed_withdrawn after the
 * certificate window end. Other statuses never move by themselves. Returns every step taken.
 */
export function automaticSteps(
  status: RegistrationStatus,
  timeline: { withdrawalDeadline: string; certificateWindowEnd: string },
  lastClosed: LocalDate,
): RegistrationStatus[] {
  const steps: RegistrationStatus[] = [];
  let s = status;
  if (s === 'accepted_cooling' && timeline.withdrawalDeadline <= lastClosed) {
    s = 'awaiting_certificate';
    steps.push(s);
  }
  if (s === 'awaiting_certificate' && timeline.certificateWindowEnd <= lastClosed) {
    s = 'deemed_withdrawn';
    steps.push(s);
  }
  return steps;
}
