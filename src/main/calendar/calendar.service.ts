import { isLocalDate, type HolidayYear } from '../../shared/calendar';
import type { ChannelParsed } from '../../shared/contract';
import { DomainError } from '../../shared/errors';
import type { HolidayTableProblem } from '../../shared/i18n';
import { actorOf, appendAudit } from '../audit';
import { WriteHooks, type WriteCall } from '../desk';
import { effectiveYears, loadEditedYears, saveEditedYears } from './holidays.repository';

/*
 * The holiday table (data, not code): the shipped schedules, edited by an admin year by year. An edit must
 * reach every case whose statutory clock is still running (a deadline that moved must not be missed): the
 * cases module registers in holidayTableHooks and recomputes them in the same transaction. Closed cases
 * keep the timeline they ran under.
 */

/** Run inside an edit of the holiday table; each answers how many stored timelines it recomputed. */
export const holidayTableHooks = new WriteHooks<[WriteCall], number>();

function invalid(problem: HolidayTableProblem, path: string, value: string, year: number): never {
  const meta = { problem, value, year };
  throw new DomainError('HOLIDAY_TABLE_INVALID', meta, { [path]: { code: 'HOLIDAY_TABLE_INVALID', meta } });
}

/** Checks one year and returns it with sorted, de-duplicated dates. */
function checkYear(y: HolidayYear, i: number): HolidayYear {
  const clean = (list: readonly string[], key: 'holidays' | 'workdays'): string[] => {
    list.forEach((d, j) => {
      const path = `years.${i}.${key}.${j}`;
      if (!isLocalDate(d)) invalid('not_a_date', path, d, y.year);
      // A block may start in late December of the year before (2024's New Year block began 2023-12-30).
      if (Math.abs(Number(d.slice(0, 4)) - y.year) > 1) invalid('outside_year', path, d, y.year);
    });
    return [...new Set(list)].sort();
  };
  const holidays = clean(y.holidays, 'holidays');
  const workdays = clean(y.workdays, 'workdays');
  const off = new Set(holidays);
  y.workdays.forEach((d, j) => {
    if (off.has(d)) invalid('both', `years.${i}.workdays.${j}`, d, y.year);
  });
  return { year: y.year, source: y.source, holidays, workdays };
}

/** Replaces the edited years named in the input; answers the table as it now is. */
export async function updateHolidayTable(call: WriteCall, input: ChannelParsed<'calendar.update'>) {
  const seen = new Set<number>();
  const years = input.years.map((y, i) => {
    if (seen.has(y.year)) invalid('duplicate_year', `years.${i}.year`, '', y.year);
    seen.add(y.year);
    return checkYear(y, i);
  });
  const edited = new Map((await loadEditedYears(call.db)).map((y) => [y.year, y]));
  for (const y of years) edited.set(y.year, y);
  const nextEdited = [...edited.values()].sort((a, b) => a.year - b.year);
  // Across years too: a date may appear in two years' lists (a block spanning New Year).
  const all = effectiveYears(nextEdited);
  const off = new Set(all.flatMap((y) => y.holidays));
  for (const y of all) {
    const clash = y.workdays.find((d) => off.has(d));
    if (clash) {
      const i = years.findIndex((x) => x.year === y.year);
      invalid('both', i >= 0 ? `years.${i}.workdays` : 'years', clash, y.year);
    }
  }

  await saveEditedYears(call.db, nextEdited, call.now, call.user.id);
  const recomputedCases = (await holidayTableHooks.run(call)).reduce((a, b) => a + b, 0);
  await appendAudit(
    call.db,
    {
      ...actorOf(call.user),
      action: 'calendar.updated',
      detail: { years: years.map((y) => y.year).join(','), recomputedCases },
    },
    call.now,
  );
  return { years: all };
}
