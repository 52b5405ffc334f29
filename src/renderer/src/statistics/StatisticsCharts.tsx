import { useMemo } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { BREAKDOWN_VALUES, type BreakdownIndicator, type Figures, type TrendMonth } from '@shared/statistics';
import { Chart, type ChartOption } from './Chart';
import { formatCount, indicatorName, valueLabel } from './format';
import type { PeriodState } from './periodState';
import { FigureLink } from './tiles';

const RESULT_COLORS = ['#4e9a62', '#3c98ad', '#a0a9b1'] as const;
const BAR_COLOR = '#2f6fa3';

interface Item {
  name: string;
  value: number;
}

const summaryOf = (t: TFunction, items: Item[]): string =>
  items.length === 0
    ? t('statistics.chartEmpty')
    : items.map((i) => `${i.name} ${formatCount(i.value)}`).join(t('common.listSep'));

function ItemsTable({ caption, items }: { caption: string; items: Item[] }) {
  const { t } = useTranslation();
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('statistics.colItem')}</th>
          <th scope="col">{t('statistics.colCount')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((i) => (
          <tr key={i.name}>
            <th scope="row">{i.name}</th>
            <td>{formatCount(i.value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function breakdownItems<K extends BreakdownIndicator>(
  t: TFunction,
  indicator: K,
  counts: Record<string, number>,
): Item[] {
  const values: readonly string[] = BREAKDOWN_VALUES[indicator];
  return values.map((v) => ({ name: valueLabel(t, indicator, v), value: counts[v] ?? 0 }));
}

function barOption(items: Item[], horizontal = false): ChartOption {
  const names = items.map((i) => i.name);
  const category = { type: 'category' as const, data: names, axisLabel: { interval: 0 } };
  const value = { type: 'value' as const, minInterval: 1 };
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? { ...category, inverse: true } : value,
    series: [
      {
        type: 'bar',
        data: items.map((i) => i.value),
        itemStyle: { color: BAR_COLOR, borderRadius: 3 },
        barMaxWidth: 36,
        label: { show: true, position: horizontal ? 'right' : 'top' },
      },
    ],
  };
}

function pieOption(items: Item[]): ChartOption {
  return {
    tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
    legend: { bottom: 0 },
    color: [...RESULT_COLORS],
    series: [
      {
        type: 'pie',
        radius: ['38%', '66%'],
        center: ['50%', '45%'],
        data: items,
        label: { formatter: '{b}\n{c}' },
      },
    ],
  };
}

function trendOption(t: TFunction, months: TrendMonth[]): ChartOption {
  const line = (key: 'resultReconcile' | 'resultPostpone' | 'resultDivorce', color: string) => ({
    type: 'line' as const,
    name: indicatorName(t, key),
    data: months.map((m) => m[key]),
    itemStyle: { color },
    lineStyle: { color },
    symbolSize: 7,
  });
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: months.map((m) => m.month) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'bar',
        name: indicatorName(t, 'filings'),
        data: months.map((m) => m.filings),
        itemStyle: { color: '#9cc0de' },
        barMaxWidth: 28,
      },
      {
        type: 'bar',
        name: indicatorName(t, 'counselled'),
        data: months.map((m) => m.counselled),
        itemStyle: { color: BAR_COLOR },
        barMaxWidth: 28,
      },
      line('resultReconcile', RESULT_COLORS[0]),
      line('resultPostpone', RESULT_COLORS[1]),
      line('resultDivorce', RESULT_COLORS[2]),
    ],
  };
}

const TREND_KEYS = ['filings', 'counselled', 'resultReconcile', 'resultPostpone', 'resultDivorce'] as const;

/** The trend's figures month by month: a visible table whose every cell opens that month's list. */
function TrendTable({ months, state }: { months: TrendMonth[]; state: PeriodState }) {
  const { t } = useTranslation();
  return (
    <table className="stats-trend-table">
      <caption className="sr-only">{t('statisticsCharts.trend')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('statistics.colMonth')}</th>
          {TREND_KEYS.map((k) => (
            <th key={k} scope="col">
              {indicatorName(t, k)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {months.map((m) => (
          <tr key={m.month}>
            <th scope="row">{m.month}</th>
            {TREND_KEYS.map((k) => (
              <td key={k}>
                <FigureLink
                  state={state}
                  target={{ indicator: k, from: m.from, to: m.to }}
                  name={`${m.month} ${indicatorName(t, k)}`}
                  text={formatCount(m[k])}
                  className="stats-part"
                />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The page's charts (ECharts), each with its values in words for screen readers. */
export function StatisticsCharts({ figures: f, state }: { figures: Figures; state: PeriodState }) {
  const { t } = useTranslation();
  const charts = useMemo(() => {
    const results: Item[] = (['resultReconcile', 'resultPostpone', 'resultDivorce'] as const).map((k) => ({
      name: indicatorName(t, k),
      value: f.divorce[k],
    }));
    const channels = breakdownItems(t, 'sessionsByChannel', f.sessionsByChannel);
    const reasons = breakdownItems(t, 'reasons', f.reasons);
    const referrals = breakdownItems(t, 'referralsByStatus', f.referralsByStatus);
    const trendSummary = f.trend
      .map((m) =>
        [m.month, ...TREND_KEYS.map((k) => `${indicatorName(t, k)} ${formatCount(m[k])}`)].join(
          t('common.enumSep'),
        ),
      )
      .join(t('common.listSep'));
    return {
      trend: { option: trendOption(t, f.trend), summary: trendSummary },
      results: { option: pieOption(results), items: results },
      channels: { option: barOption(channels), items: channels },
      reasons: { option: barOption(reasons, true), items: reasons },
      referrals: { option: barOption(referrals), items: referrals },
    };
  }, [f, t]);

  const simple = (key: 'results' | 'channels' | 'reasons' | 'referrals', title: string, height?: number) => (
    <Chart
      title={title}
      summary={summaryOf(t, charts[key].items)}
      option={charts[key].option}
      height={height}
      table={<ItemsTable caption={title} items={charts[key].items} />}
    />
  );

  return (
    <section className="stats-charts" aria-label={t('statistics.groupCharts')}>
      <div className="panel stats-chart-wide">
        <Chart
          title={t('statisticsCharts.trend')}
          summary={charts.trend.summary}
          option={charts.trend.option}
          height={300}
          table={null}
        />
        <TrendTable months={f.trend} state={state} />
      </div>
      <div className="panel">{simple('results', t('statisticsCharts.results'))}</div>
      <div className="panel">{simple('channels', t('statisticsCharts.channels'))}</div>
      <div className="panel">{simple('reasons', t('statisticsCharts.reasons'), 340)}</div>
      <div className="panel">{simple('referrals', t('statisticsCharts.referralOutcomes'), 340)}</div>
    </section>
  );
}
