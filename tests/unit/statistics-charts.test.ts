import { describe, expect, it } from 'vitest';
import { labelsIn } from '../../src/shared/i18n';
import { figuresFrom, statisticsCharts, type Figures } from '../../src/shared/statistics';

/*
 * The charts' data (src/shared/statistics/charts.ts): each chart shows exactly the figures it is named
 * after, worded from the label catalogue, and says when it has nothing to show.
 */

const ZH = labelsIn('zh-CN');
const EMPTY = {
  cases: [],
  records: [],
  disclosures: [],
  referrals: [],
  visits: [],
  events: [],
  evaluations: [],
  volunteers: [],
};

function figures(period: { from: string; to: string }): Figures {
  return figuresFrom(EMPTY, period, '2026-03-31');
}

describe('statistics charts', () => {
  it('shows the result mix, the channels, the reasons and the referral outcomes of the figures', () => {
    const f = figures({ from: '2026-03-01', to: '2026-03-31' });
    f.divorce.resultReconcile = 7;
    f.divorce.resultPostpone = 2;
    f.divorce.resultDivorce = 5;
    f.sessionsByChannel.voice = 3;
    f.reasons.financial = 4;
    f.referralsByStatus.accepted = 1;
    const charts = statisticsCharts(f, ZH);
    // One month: no trend.
    expect(charts.map((c) => c.key)).toEqual(['results', 'channels', 'reasons', 'referralOutcomes']);
    const byKey = Object.fromEntries(charts.map((c) => [c.key, c]));
    expect(byKey['results']?.rows).toEqual([
      [ZH.results.reconcile, 7],
      [ZH.results.postpone, 2],
      [ZH.results.divorce, 5],
    ]);
    expect(byKey['channels']?.rows).toContainEqual([ZH.channels.voice, 3]);
    expect(byKey['channels']?.rows).toContainEqual([ZH.statisticsNone.sessionsByChannel, 0]);
    expect(byKey['reasons']?.rows).toContainEqual([ZH.reasonCategories.financial, 4]);
    expect(byKey['referralOutcomes']?.rows).toContainEqual([ZH.referralStatuses.accepted, 1]);
    expect(charts.map((c) => c.empty)).toEqual([false, false, false, false]);
    // The option is plain data (it crosses into the SVG renderer) and carries the same numbers.
    expect(JSON.parse(JSON.stringify(byKey['channels']?.option))).toEqual(byKey['channels']?.option);
  });

  it('draws the monthly trend for a longer period, and says when a chart has nothing to show', () => {
    const f = figures({ from: '2026-01-01', to: '2026-03-31' });
    const charts = statisticsCharts(f, ZH);
    expect(charts[0]?.key).toBe('trend');
    expect(charts[0]?.rows).toHaveLength(3 * 5);
    expect(charts.every((c) => c.empty)).toBe(true);
  });

  it('draws a one-month trend only when asked (the page), never on paper', () => {
    const f = figures({ from: '2026-03-01', to: '2026-03-31' });
    f.trend[0]!.filings = 4;
    f.trend[0]!.counselled = 3;
    expect(statisticsCharts(f, ZH).map((c) => c.key)).not.toContain('trend');
    const page = statisticsCharts(f, ZH, { singleMonthTrend: true });
    expect(page.map((c) => c.key)).toEqual(['trend', 'results', 'channels', 'reasons', 'referralOutcomes']);
    expect(page[0]?.rows).toContainEqual([`2026-03 ${ZH.statisticsIndicators.counselled}`, 3]);
    expect(page[0]?.empty).toBe(false);
    // The other charts are the paper's, untouched by the choice.
    expect(page.slice(1)).toEqual(statisticsCharts(f, ZH));
  });

  it('gives the screen and paper the same look: result colours, reasons across, the trend as bars and lines', () => {
    const f = figures({ from: '2026-01-01', to: '2026-03-31' });
    const byKey = Object.fromEntries(statisticsCharts(f, ZH).map((c) => [c.key, c]));
    interface Series {
      type: string;
      name?: string;
      itemStyle?: { color?: string };
      stillShowZeroSum?: boolean;
      data: { name: string; itemStyle: { color: string } }[];
    }
    const seriesOf = (key: string) => (byKey[key]?.option as { series: Series[] }).series;
    // Each result keeps its colour from the result mix to its line in the trend.
    const slices = seriesOf('results')[0]!;
    const lines = seriesOf('trend').filter((s) => s.type === 'line');
    expect(lines.map((s) => s.name)).toEqual([
      ZH.statisticsIndicators.resultReconcile,
      ZH.statisticsIndicators.resultPostpone,
      ZH.statisticsIndicators.resultDivorce,
    ]);
    expect(lines.map((s) => s.itemStyle?.color)).toEqual(slices.data.map((d) => d.itemStyle.color));
    expect(new Set(lines.map((s) => s.itemStyle?.color)).size).toBe(3);
    expect(
      seriesOf('trend')
        .filter((s) => s.type === 'bar')
        .map((s) => s.name),
    ).toEqual([ZH.statisticsIndicators.filings, ZH.statisticsIndicators.counselled]);
    // An all-zero mix draws no ring of equal slices.
    expect(slices.stillShowZeroSum).toBe(false);
    // The reasons' bars run across, their names down the category axis in the catalogue's order.
    const reasons = byKey['reasons']?.option as { yAxis: { type: string; data: string[]; inverse: boolean } };
    expect(reasons.yAxis).toMatchObject({ type: 'category', inverse: true });
    expect(reasons.yAxis.data[0]).toBe(byKey['reasons']?.rows[0]?.[0]);
    // Trend and result mix have a legend; the tooltip is the screen's, outside the option paper draws.
    for (const key of ['trend', 'results']) expect(byKey[key]?.option).toHaveProperty('legend');
    for (const chart of Object.values(byKey)) {
      expect(chart.option).not.toHaveProperty('tooltip');
      expect(chart.tooltip).toHaveProperty('trigger');
      expect(JSON.parse(JSON.stringify(chart))).toEqual(chart);
    }
  });

  it('words the charts in English from the English catalogue', () => {
    const EN = labelsIn('en');
    const f = figures({ from: '2026-01-01', to: '2026-03-31' });
    f.sessionsByChannel.voice = 2;
    const charts = statisticsCharts(f, EN);
    expect(charts.map((c) => c.title)).toEqual([
      EN.statisticsCharts.trend,
      EN.statisticsCharts.results,
      EN.statisticsCharts.channels,
      EN.statisticsCharts.reasons,
      EN.statisticsCharts.referralOutcomes,
    ]);
    expect(charts[2]?.rows).toContainEqual([EN.channels.voice, 2]);
    expect(EN.channels.voice).not.toBe(ZH.channels.voice);
  });
});
