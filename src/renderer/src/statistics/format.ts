import type { TFunction } from 'i18next';
import {
  minutesToHours,
  type BreakdownIndicator,
  type IndicatorKey,
  type Rate,
  type RateKey,
} from '@shared/statistics';
import { currentLocale } from '../i18n';
import type { PeriodState } from './periodState';

/** A count with thousands separators (2,435), never capped or abbreviated. */
export const formatCount = (n: number): string => new Intl.NumberFormat(currentLocale()).format(n);

/** A rate's percent, one decimal as computed by the shared rule (43.1%); "—" without a value. */
export function formatPercent(t: TFunction, rate: Rate): string {
  if (rate.percent === null) return t('statistics.noValue');
  const value = new Intl.NumberFormat(currentLocale(), {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(rate.percent);
  return t('statistics.percent', { value });
}

/** Service minutes as hours with one decimal (as on the volunteer's page): 12.5. */
export const formatHourCount = (minutes: number): string =>
  new Intl.NumberFormat(currentLocale(), { maximumFractionDigits: 1 }).format(minutesToHours(minutes));

/** The same with its unit: 12.5 小时. */
export const formatHours = (t: TFunction, minutes: number): string =>
  t('statistics.hoursValue', { hours: formatHourCount(minutes) });

/** The figure's name from the label catalogue (the same words as the ledger and the reports). */
export const indicatorName = (t: TFunction, key: IndicatorKey | RateKey): string =>
  t(`statisticsIndicators.${key}`);

/** The indicator's one-line definition (docs/indicators.md), from the same catalogue. */
export const indicatorDefinition = (t: TFunction, key: IndicatorKey | RateKey): string =>
  t(`statisticsDefinitions.${key}`);

/** The words of one value of a breakdown (面对面, 公安机关 …); 'none' is 未记录 / 未填. */
export function valueLabel(t: TFunction, indicator: BreakdownIndicator, value: string): string {
  switch (indicator) {
    case 'counselledByType':
      return t(`caseTypes.${value as 'premarital'}`);
    case 'sessionsByChannel':
      return value === 'none' ? t('statisticsNone.sessionsByChannel') : t(`channels.${value as 'voice'}`);
    case 'satisfaction':
      return value === 'none' ? t('statisticsNone.satisfaction') : t(`satisfaction.${value as 'basic'}`);
    case 'reasons':
      return value === 'none' ? t('statisticsNone.reasons') : t(`reasonCategories.${value as 'other'}`);
    case 'referralsByTarget':
      return t(`referralTargets.${value as 'other'}`);
    case 'referralsByStatus':
      return t(`referralStatuses.${value as 'done'}`);
  }
}

export interface ListTarget {
  indicator: IndicatorKey;
  value?: string | null;
  /** A narrower range than the page's (a month of the trend). */
  from?: string;
  to?: string;
}

/** The drill-down list behind a number; it remembers the page's period to come back to. */
export function listHref(state: PeriodState, target: ListTarget): string {
  const params = new URLSearchParams({
    indicator: target.indicator,
    from: target.from ?? state.from,
    to: target.to ?? state.to,
  });
  if (target.value) params.set('value', target.value);
  if (state.counsellorId) params.set('counsellor', state.counsellorId);
  const back = new URLSearchParams({ mode: state.mode, from: state.from, to: state.to });
  if (state.counsellorId) back.set('counsellor', state.counsellorId);
  params.set('back', back.toString());
  return `/statistics/list?${params.toString()}`;
}
