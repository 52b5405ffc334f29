import { REFERRAL_STATUSES } from '../referrals';
import { RecordResultSchema, type ReasonCategory, type RecordResult } from '../cases';
import type { ChannelKind } from '../records';
import type { ReferralStatus } from '../referrals';
import { REASON_VALUES, SESSION_CHANNELS, type Figures } from './schemas';

/*
 * The charts of the statistics (统计 page, printed reports): what each one shows, as plain ECharts
 * options built from the figures and the label catalogue. Pure data — the page renders them with ECharts
 * in the browser, the printed report renders the same options to SVG in the main process — so a chart
 * shows the same numbers with the same words and colours everywhere. Each chart also carries its values as
 * rows, the text alternative a screen reader (or a printed table) gets.
 */

export const CHART_KEYS = ['trend', 'results', 'channels', 'reasons', 'referralOutcomes'] as const;
export type ChartKey = (typeof CHART_KEYS)[number];

export interface StatisticsChart {
  key: ChartKey;
  title: string;
  /** An ECharts option object (no functions: it crosses into the SVG renderer and into tests as is). */
  option: Record<string, unknown>;
  /**
   * The hover tooltip (an ECharts `tooltip` option) for a screen, which adds it to `option`; kept apart
   * because paper has no pointer and the SVG renderer carries no tooltip component.
   */
  tooltip: Record<string, unknown>;
  /** The values shown, [label, value] per bar or slice (per month and series for the trend). */
  rows: readonly (readonly [string, number])[];
  /** No value to show (every value 0): paper leaves the chart out, the page says so over its faded axes. */
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

export interface ChartChoices {
  /**
   * Draw the trend for a period of a single month too (the 统计 page, where it stands over the month's
   * row of links). Without it the trend needs more than one month (docs/indicators.md), as on paper.
   */
  singleMonthTrend?: boolean;
}

/** One colour per counselling result, the same in the result mix and in the trend's lines. */
const RESULT_COLORS: Readonly<Record<RecordResult, string>> = {
  reconcile: '#4e9a62',
  postpone: '#3c98ad',
  divorce: '#a0a9b1',
};
const BAR_COLOR = '#2f6fa3';
const FILINGS_COLOR = '#9cc0de';

/** The plot's margins, its axis labels kept inside them (ECharts 6's containLabel). */
const grid = (top: number) => ({
  left: 8,
  right: 24,
  top,
  bottom: 8,
  outerBoundsMode: 'same',
  outerBoundsContain: 'axisLabel',
});

const AXIS_TOOLTIP = { trigger: 'axis', axisPointer: { type: 'shadow' } };

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
      color: [BAR_COLOR],
      grid: grid(16),
      xAxis: horizontal ? value : category,
      // Horizontal bars read top to bottom in the catalogue's order.
      yAxis: horizontal ? { ...category, inverse: true } : value,
      series: [
        {
          type: 'bar',
          data: values,
          itemStyle: { color: BAR_COLOR, borderRadius: 3 },
          barMaxWidth: 36,
          label: { show: true, position: horizontal ? 'right' : 'top' },
        },
      ],
    },
    tooltip: AXIS_TOOLTIP,
    rows: entries,
    empty: values.every((v) => v === 0),
  };
}

function trend(figures: Figures, texts: ChartTexts): StatisticsChart {
  const name = texts.statisticsIndicators;
  const series = [
    ['filings', name.filings, 'bar', FILINGS_COLOR],
    ['counselled', name.counselled, 'bar', BAR_COLOR],
    ['resultReconcile', name.resultReconcile, 'line', RESULT_COLORS.reconcile],
    ['resultPostpone', name.resultPostpone, 'line', RESULT_COLORS.postpone],
    ['resultDivorce', name.resultDivorce, 'line', RESULT_COLORS.divorce],
  ] as const;
  return {
    key: 'trend',
    title: texts.statisticsCharts.trend,
    option: {
      animation: false,
      color: series.map(([, , , color]) => color),
      legend: { top: 0 },
      grid: grid(40),
      xAxis: { type: 'category', data: figures.trend.map((m) => m.month) },
      yAxis: { type: 'value', minInterval: 1 },
      // The month's filings and counselled couples as bars, what became of them as lines over the bars.
      series: series.map(([field, label, type, color]) => ({
        type,
        name: label,
        data: figures.trend.map((m) => m[field]),
        itemStyle: { color },
        ...(type === 'bar' ? { barMaxWidth: 28 } : { lineStyle: { color }, symbolSize: 7 }),
      })),
    },
    tooltip: { trigger: 'axis' },
    rows: figures.trend.flatMap((m) =>
      series.map(([field, label]) => [`${m.month} ${label}`, m[field]] as const),
    ),
    empty: figures.trend.every((m) => series.every(([field]) => m[field] === 0)),
  };
}

function results(figures: Figures, texts: ChartTexts): StatisticsChart {
  const divorce = figures.divorce;
  const count: Readonly<Record<RecordResult, number>> = {
    reconcile: divorce.resultReconcile,
    postpone: divorce.resultPostpone,
    divorce: divorce.resultDivorce,
  };
  const rows = RecordResultSchema.options.map((r) => [texts.results[r], count[r]] as const);
  const empty = rows.every(([, v]) => v === 0);
  return {
    key: 'results',
    title: texts.statisticsCharts.results,
    option: {
      animation: false,
      color: RecordResultSchema.options.map((r) => RESULT_COLORS[r]),
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['38%', '66%'],
          center: ['50%', '45%'],
          // Nothing to share out: no ring of equal slices that would look like a result mix, no labels
          // heaped on one point.
          stillShowZeroSum: false,
          label: { show: !empty, formatter: '{b}\n{c}' },
          labelLine: { show: !empty },
          data: RecordResultSchema.options.map((r) => ({
            name: texts.results[r],
            value: count[r],
            itemStyle: { color: RESULT_COLORS[r] },
          })),
        },
      ],
    },
    tooltip: { trigger: 'item', formatter: '{b}<br/>{c} ({d}%)' },
    rows,
    empty,
  };
}

/** The charts of a period's figures, in the order the page and the report show them. */
export function statisticsCharts(
  figures: Figures,
  texts: ChartTexts,
  choices: ChartChoices = {},
): StatisticsChart[] {
  const charts: StatisticsChart[] = [];
  if (figures.trend.length > 1 || (choices.singleMonthTrend && figures.trend.length === 1)) {
    charts.push(trend(figures, texts));
  }
  charts.push(results(figures, texts));
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
