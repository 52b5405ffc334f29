import type { Transaction } from 'kysely';
import {
  mergeHolidayYears,
  SHIPPED_HOLIDAY_YEARS,
  type HolidayCalendar,
  type HolidayYear,
} from '../../shared/calendar';
import type { DB, Db } from '../db';
import { readSettingValue, writeSettingRows } from '../settings';

/*
 * The holiday table as this desk uses it: the shipped schedules, overridden year by year by the admin's
 * edits, which are kept in one settings row.
 */

export const HOLIDAYS_KEY = 'calendar.holidays';

/** The years edited on this desk, oldest first. */
export async function loadEditedYears(db: Db): Promise<HolidayYear[]> {
  return ((await readSettingValue(db, HOLIDAYS_KEY)) as HolidayYear[] | undefined) ?? [];
}

export async function saveEditedYears(
  trx: Transaction<DB>,
  years: readonly HolidayYear[],
  at: Date,
  by: string,
): Promise<void> {
  await writeSettingRows(trx, { [HOLIDAYS_KEY]: years }, at, by);
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

/** The holiday calendar statutory deadlines are computed with on this desk. */
export async function loadHolidayCalendar(db: Db): Promise<HolidayCalendar> {
  return mergeHolidayYears(effectiveYears(await loadEditedYears(db)));
}
