import { useMemo } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { labelsIn } from '@shared/i18n';
import { statisticsCharts, type Figures, type StatisticsChart, type TrendMonth } from '@shared/statistics';
import { currentLocale } from '../i18n';
import { Chart } from './Chart';
import { formatCount, indicatorName } from './format';
import type { PeriodState } from './periodState';
import { FigureLink } from './tiles';

type Rows = StatisticsChart['rows'];

/** The chart's values in one sentence (its accessible description), or that it has none. */
const summaryOf = (t: TFunction, chart: StatisticsChart): string =>
  chart.empty
    ? t('statistics.chartEmpty')
    : chart.rows.map(([name, value]) => `${name} ${formatCount(value)}`).join(t('common.listSep'));

function RowsTable({ caption, rows }: { caption: string; rows: Rows }) {
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
        {rows.map(([name, value]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td>{formatCount(value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
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

/** The places drawn taller than Chart's default: the wide trend, the long lists of reasons and outcomes. */
const HEIGHTS: Partial<Record<StatisticsChart['key'], number>> = {
  trend: 300,
  reasons: 340,
  referralOutcomes: 340,
};

/**
 * The page's charts: the very charts of the printed report (src/shared/statistics/charts.ts), drawn with
 * ECharts, each with its values in words for screen readers. The trend stands over its month table, whose
 * cells open the lists, so it is drawn for a single month too.
 */
export function StatisticsCharts({ figures: f, state }: { figures: Figures; state: PeriodState }) {
  const { t } = useTranslation();
  // useTranslation renders the page again when the language changes; the charts then take its words.
  const locale = currentLocale();
  const charts = useMemo(
    () => statisticsCharts(f, labelsIn(locale), { singleMonthTrend: true }),
    [f, locale],
  );

  return (
    <section className="stats-charts" aria-label={t('statistics.groupCharts')}>
      {charts.map((chart) => {
        const drawing = (
          <Chart
            title={chart.title}
            summary={summaryOf(t, chart)}
            option={chart.option}
            tooltip={chart.tooltip}
            height={HEIGHTS[chart.key]}
            emptyNote={chart.empty ? t('statistics.chartEmpty') : undefined}
            // The trend's values are the month table under it, visible to everyone.
            table={chart.key === 'trend' ? null : <RowsTable caption={chart.title} rows={chart.rows} />}
          />
        );
        return chart.key === 'trend' ? (
          <div key={chart.key} className="panel stats-chart-wide">
            {drawing}
            <TrendTable months={f.trend} state={state} />
          </div>
        ) : (
          <div key={chart.key} className="panel">
            {drawing}
          </div>
        );
      })}
    </section>
  );
}
