import type { Kysely, Transaction } from 'kysely';
import {
  SHIPPED_HOLIDAY_YEARS,
  mergeHolidayYears,
  type HolidayYear,
  type HolidayCalendar,
  addDays,
  localDateAt,
  type LocalDate,
} from '../../shared/calendar';
import { coolingOffTimeline, type CoolingOffTimeline } from '../../shared/rules';
import type { RegistrationStatus } from '../../shared/cases';
import type { Settings } from '../../shared/settings';
import type { DB } from '../db';

/*
 * The statutory timeline as this desk computes it: the shipped holiday schedules, overridden year by year
 * by the admin's edits (settings row 'calendar.holidays'), and the weekendsExtend setting. A deadline day
 * stays open until the office's closing time (settings.closingTime, China Standard Time) — not midnight.
 */

export const HOLIDAYS_KEY = 'calendar.holidays';

type Db = Kysely<DB> | Transaction<DB>;

/** The years edited on this desk (the settings row), oldest first. */
export async function loadEditedYears(db: Db): Promise<HolidayYear[]> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', HOLIDAYS_KEY)
    .executeTakeFirst();
  if (!row) return [];
  return JSON.parse(row.value) as HolidayYear[];
}

/** Shipped years with edited ones in their place, plus edited years the app did not ship. */
export interface EffectiveYear {
  year: number;
  source: string;
  holidays: string[];
  workdays: string[];
  edited: boolean;
}

export function effectiveYears(edited: readonly HolidayYear[]): EffectiveYear[] {
  const byYear = new Map<number, EffectiveYear>();
  const copy = (y: HolidayYear, isEdited: boolean): EffectiveYear => ({
    year: y.year,
    source: y.source,
    holidays: [...y.holidays],
    workdays: [...y.workdays],
    edited: isEdited,
  });
  for (const y of SHIPPED_HOLIDAY_YEARS) byYear.set(y.year, copy(y, false));
  for (const y of edited) byYear.set(y.year, copy(y, true));
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

/** The holiday calendar the timeline uses on this desk. */
export async function loadHolidayCalendar(db: Db): Promise<HolidayCalendar> {
  return mergeHolidayYears(effectiveYears(await loadEditedYears(db)));
}

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
