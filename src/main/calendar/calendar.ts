import { type HolidayYear, isLocalDate } from '../../shared/calendar';
import { DomainError } from '../../shared/errors';
import { localizeError } from '../../shared/i18n';
import type { ChannelOutput, ChannelParsed } from '../../shared/contract';
import type { Locale } from '../../shared/settings';
import { appendAudit, actorOf } from '../audit';
import type { DeskContext } from '../desk';
import {
  sweepRegistrations,
  recomputeOpenTimelines,
  effectiveYears,
  HOLIDAYS_KEY,
  loadEditedYears,
} from '../cases';
import { writeSettingRows } from '../settings';

/*
 * The holiday table (data, not code): the shipped schedules, edited by an admin year by year. An edit
 * recomputes the stored timeline of every case whose statutory clock is still running (accepted_cooling,
 * awaiting_certificate) — a deadline that moved must not be missed — then runs the sweep. Closed cases
 * keep the timeline they ran under.
 */

type Problem = 'not_a_date' | 'outside_year' | 'both' | 'duplicate_year';

const PROBLEMS: Record<Locale, Record<Problem, string>> = {
  'zh-CN': {
    not_a_date: '{value} 不是有效日期',
    outside_year: '{value} 不在 {year} 年安排的范围内',
    both: '{value} 不能既是放假日又是调休上班日',
    duplicate_year: '{year} 年重复出现',
  },
  en: {
    not_a_date: '{value} is not a real date',
    outside_year: '{value} is outside the {year} schedule',
    both: '{value} cannot be both a day off and a make-up working day',
    duplicate_year: 'the year {year} appears twice',
  },
};

function invalid(locale: Locale, problem: Problem, path: string, value: string, year: number): never {
  const text = PROBLEMS[locale][problem].replace('{value}', value).replace('{year}', String(year));
  const meta = { problem: text };
  throw new DomainError('HOLIDAY_TABLE_INVALID', meta, {
    [path]: localizeError(locale, 'HOLIDAY_TABLE_INVALID', meta),
  });
}

/** Checks one year and returns it with sorted, de-duplicated dates. */
function checkYear(y: HolidayYear, i: number, locale: Locale): HolidayYear {
  const clean = (list: readonly string[], key: 'holidays' | 'workdays'): string[] => {
    list.forEach((d, j) => {
      const path = `years.${i}.${key}.${j}`;
      if (!isLocalDate(d)) invalid(locale, 'not_a_date', path, d, y.year);
      // A block may start in late December of the year before (2024's New Year block began 2023-12-30).
      if (Math.abs(Number(d.slice(0, 4)) - y.year) > 1) invalid(locale, 'outside_year', path, d, y.year);
    });
    return [...new Set(list)].sort();
  };
  const holidays = clean(y.holidays, 'holidays');
  const workdays = clean(y.workdays, 'workdays');
  const off = new Set(holidays);
  y.workdays.forEach((d, j) => {
    if (off.has(d)) invalid(locale, 'both', `years.${i}.workdays.${j}`, d, y.year);
  });
  return { year: y.year, source: y.source, holidays, workdays };
}

export async function getHolidayTable(ctx: DeskContext): Promise<ChannelOutput<'calendar.get'>> {
  const { store } = ctx.session.requireOpen();
  return { years: effectiveYears(await loadEditedYears(store.db)) };
}

export async function updateHolidayTable(
  ctx: DeskContext,
  input: ChannelParsed<'calendar.update'>,
): Promise<ChannelOutput<'calendar.update'>> {
  const open = ctx.session.requireOpen();
  const db = open.store.db;
  const locale = ctx.prefs.language;
  const seen = new Set<number>();
  const years = input.years.map((y, i) => {
    if (seen.has(y.year)) invalid(locale, 'duplicate_year', `years.${i}.year`, '', y.year);
    seen.add(y.year);
    return checkYear(y, i, locale);
  });
  const edited = new Map((await loadEditedYears(db)).map((y) => [y.year, y]));
  for (const y of years) edited.set(y.year, y);
  const nextEdited = [...edited.values()].sort((a, b) => a.year - b.year);
  // Across years too: a date may appear in two years' lists (a block spanning New Year).
  const all = effectiveYears(nextEdited);
  const off = new Set(all.flatMap((y) => y.holidays));
  for (const y of all) {
    const clash = y.workdays.find((d) => off.has(d));
    if (clash) {
      const i = years.findIndex((x) => x.year === y.year);
      invalid(locale, 'both', i >= 0 ? `years.${i}.workdays` : 'years', clash, y.year);
    }
  }

  const now = ctx.clock.now();
  await db.transaction().execute(async (trx) => {
    await writeSettingRows(trx, { [HOLIDAYS_KEY]: nextEdited }, now, open.user.id);
    const recomputed = await recomputeOpenTimelines(trx, ctx.session.requireOpen().settings, now);
    await appendAudit(
      trx,
      {
        ...actorOf(open.user),
        action: 'calendar.updated',
        detail: { years: years.map((y) => y.year).join(','), recomputedCases: recomputed },
      },
      now,
    );
  });
  await sweepRegistrations(ctx);
  return getHolidayTable(ctx);
}
