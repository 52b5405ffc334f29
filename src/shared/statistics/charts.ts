import { REFERRAL_STATUSES } from '../referrals';
import { RecordResultSchema, type ReasonCategory, type RecordResult } from '../cases';
import type { ChannelKind } from '../records';
import type { ReferralStatus } from '../referrals';
import { REASON_VALUES, SESSION_CHANNELS, type Figures } from './schemas';

/*
 * The charts of the statistics (统计 page, printed reports): what each one shows, as plain ECharts
 * options built from the figures and the label catalogue. Pure data — the page renders them with ECharts
 * in the browser, the printed report renders the same options to SVG in the main process — so a chart
 * shows the same numbers with the same words everywhere. Each chart also carries its values as rows, the
 * text alternative a screen reader (or a printed table) gets.
 */

export const CHART_KEYS = ['trend', 'results', 'channels', 'reasons', 'referralOutcomes'] as const;
export type ChartKey = (typeof CHART_KEYS)[number];

export interface StatisticsChart {
  key: ChartKey;
  title: string;
  /** An ECharts option object (no functions: it crosses into the SVG renderer and into tests as is). */
  option: Record<string, unknown>;
  /** The values shown, [label, value] per bar or slice (per month and series for the trend). */
  rows: readonly (readonly [string, number])[];
  /** No value to show (every value 0): the place shows an empty state instead of an empty chart. */
  empty: boolean;
}

/**
 * The words the charts need, by namespace of the label catalogue (shared/i18n's labelsIn(locale) is one);
 * declared here, not imported, so the catalogue and this module do not depend on each other.
 */
export interface ChartTexts {
  statisticsIndicators: Readonly<
    Record<'filings' | 'counselled' | 'resultReconcile' | 'resultPostpone' | 'resultDivorce', string>
  >;
  statisticsCharts: Readonly<Record<ChartKey, string>>;
  statisticsNone: Readonly<Record<'sessionsByChannel' | 'reasons', string>>;
  results: Readonly<Record<RecordResult, string>>;
  channels: Readonly<Record<ChannelKind, string>>;
  reasonCategories: Readonly<Record<ReasonCategory, string>>;
  referralStatuses: Readonly<Record<ReferralStatus, string>>;
}

const PALETTE = ['#1677ff', '#52c41a', '#faad14', '#f5222d', '#722ed1', '#13c2c2', '#8c8c8c'];

function bars(
  key: ChartKey,
  title: string,
  entries: readonly (readonly [string, number])[],
  horizontal = false,
): StatisticsChart {
  const names = entries.map(([name]) => name);
  const values = entries.map(([, value]) => value);
  const category = { type: 'category', data: names, axisLabel: { interval: 0 } };
  const value = { type: 'value', minInterval: 1 };
  return {
    key,
    title,
    option: {
      animation: false,
      color: PALETTE,
      grid: { left: horizontal ? 110 : 40, right: 24, top: 24, bottom: 32 },
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? { ...category, inverse: true } : value,
      series: [
        {
          type: 'bar',
          data: values,
          barMaxWidth: 36,
          label: { show: true, position: horizontal ? 'right' : 'top' },
        },
      ],
    },
    rows: entries,
    empty: values.every((v) => v === 0),
  };
}

/** The charts of a period's figures, in the order the page and the report show them. */
export function statisticsCharts(figures: Figures, texts: ChartTexts): StatisticsChart[] {
  const name = texts.statisticsIndicators;
  const charts: StatisticsChart[] = [];

  if (figures.trend.length > 1) {
    const series = [
      ['filings', name.filings],
      ['counselled', name.counselled],
      ['resultReconcile', name.resultReconcile],
      ['resultPostpone', name.resultPostpone],
      ['resultDivorce', name.resultDivorce],
    ] as const;
    const months = figures.trend.map((m) => m.month);
    charts.push({
      key: 'trend',
      title: texts.statisticsCharts.trend,
      option: {
        animation: false,
        color: PALETTE,
        legend: { top: 0 },
        grid: { left: 40, right: 24, top: 36, bottom: 32 },
        xAxis: { type: 'category', data: months },
        yAxis: { type: 'value', minInterval: 1 },
        series: series.map(([field, label]) => ({
          type: 'line',
          name: label,
          data: figures.trend.map((m) => m[field]),
        })),
      },
      rows: figures.trend.flatMap((m) =>
        series.map(([field, label]) => [`${m.month} ${label}`, m[field]] as const),
      ),
      empty: figures.trend.every((m) => series.every(([field]) => m[field] === 0)),
    });
  }

  const divorce = figures.divorce;
  const results = RecordResultSchema.options.map(
    (r) =>
      [
        texts.results[r],
        r === 'reconcile'
          ? divorce.resultReconcile
          : r === 'postpone'
            ? divorce.resultPostpone
            : divorce.resultDivorce,
      ] as const,
  );
  charts.push({
    key: 'results',
    title: texts.statisticsCharts.results,
    option: {
      animation: false,
      color: PALETTE,
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['35%', '65%'],
          label: { formatter: '{b}：{c}' },
          data: results.map(([label, value]) => ({ name: label, value })),
        },
      ],
    },
    rows: results,
    empty: results.every(([, v]) => v === 0),
  });

  charts.push(
    bars(
      'channels',
      texts.statisticsCharts.channels,
      SESSION_CHANNELS.map(
        (c) =>
          [
            c === 'none' ? texts.statisticsNone.sessionsByChannel : texts.channels[c],
            figures.sessionsByChannel[c],
          ] as const,
      ),
    ),
  );
  charts.push(
    bars(
      'reasons',
      texts.statisticsCharts.reasons,
      REASON_VALUES.map(
        (r) =>
          [
            r === 'none' ? texts.statisticsNone.reasons : texts.reasonCategories[r],
            figures.reasons[r],
          ] as const,
      ),
      true,
    ),
  );
  charts.push(
    bars(
      'referralOutcomes',
      texts.statisticsCharts.referralOutcomes,
      REFERRAL_STATUSES.map((s) => [texts.referralStatuses[s], figures.referralsByStatus[s]] as const),
    ),
  );
  return charts;
}
