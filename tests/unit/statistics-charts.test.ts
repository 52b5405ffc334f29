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
});
