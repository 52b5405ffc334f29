import { isLocalDate } from '@shared/calendar';
import { monthPeriod, quarterPeriod, yearPeriod, type Period } from '@shared/statistics';
import { officeToday } from '../components';

/*
 * The page's period lives in the address (…/statistics?mode=quarter&from=2026-04-01&to=2026-06-30), so a
 * drill-down's "back" and a reload show the same figures. Dates are office-local (docs/indicators.md).
 */

export const PERIOD_MODES = ['month', 'quarter', 'year', 'custom'] as const;
export type PeriodMode = (typeof PERIOD_MODES)[number];

export interface PeriodState extends Period {
  mode: PeriodMode;
  /** Narrow the case figures to this counsellor in charge; null: everyone the user may see. */
  counsellorId: string | null;
}

const isMode = (v: string | null): v is PeriodMode => PERIOD_MODES.some((m) => m === v);

/** The calendar period of a mode that contains `date` (custom: that date alone). */
export function periodAround(mode: PeriodMode, date: string): Period {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  switch (mode) {
    case 'month':
      return monthPeriod(year, month);
    case 'quarter':
      return quarterPeriod(year, Math.ceil(month / 3));
    case 'year':
      return yearPeriod(year);
    case 'custom':
      return { from: date, to: date };
  }
}

/** The current month on the office's calendar. */
export function defaultPeriod(): PeriodState {
  return { mode: 'month', ...periodAround('month', officeToday()), counsellorId: null };
}

/** The state the address holds, or the current month when it holds nothing usable. */
export function readPeriod(params: URLSearchParams): PeriodState {
  const mode = params.get('mode');
  const from = params.get('from');
  const to = params.get('to');
  const counsellorId = params.get('counsellor') || null;
  if (!isMode(mode) || !from || !isLocalDate(from)) return { ...defaultPeriod(), counsellorId };
  if (mode !== 'custom') return { mode, ...periodAround(mode, from), counsellorId };
  if (!to || !isLocalDate(to) || to < from) return { mode, from, to: from, counsellorId };
  return { mode, from, to, counsellorId };
}

export function periodParams(state: PeriodState): URLSearchParams {
  const params = new URLSearchParams({ mode: state.mode, from: state.from, to: state.to });
  if (state.counsellorId) params.set('counsellor', state.counsellorId);
  return params;
}
