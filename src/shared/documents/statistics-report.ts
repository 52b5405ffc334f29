import {
  monthPeriod,
  quarterPeriod,
  REASON_VALUES,
  SATISFACTION_VALUES,
  SESSION_CHANNELS,
  statisticsCharts,
  yearPeriod,
  type Figures,
  type Rate,
} from '../statistics';
import { COUNSELLING_TYPE_ORDER } from '../cases';
import { REFERRAL_STATUSES, REFERRAL_TARGETS } from '../referrals';
import { chartSvg } from './chart-svg';
import { dateZh, WIDE_SPACE, ZH } from './chinese';
import { printDocument } from './document';
import { colgroup, html, SafeHtml } from './html';

/*
 * 统计报表 (docs/indicators.md): the office, the period, every figure of the 统计 page grouped as there,
 * the charts (the page's own chart options, rendered to SVG) and, as footnotes, the definition of every
 * indicator the report shows. Counts only: no case number, name or note — a report goes upward.
 */

export interface StatisticsReportChart {
  title: string;
  /** Inline SVG made by the chart renderer from our numbers and labels. */
  svg: string;
}

export interface StatisticsReportView {
  centreName: string;
  from: string;
  to: string;
  /** Whose cases the figures cover: 全部案件, 本人负责或陪护的案件, or a counsellor's name. */
  scope: string;
  figures: Figures;
  charts: readonly StatisticsReportChart[];
  /** The county's report: each station's headline figures in one table (its rates from its own parts). */
  stations?: readonly { name: string; figures: Figures }[];
  printedAt: string;
}

/** The report's charts: the 统计 page's chart options (shared), rendered to SVG; empty ones left out. */
export function reportCharts(figures: Figures): StatisticsReportChart[] {
  return statisticsCharts(figures, ZH)
    .filter((c) => !c.empty)
    .map((c) => ({ title: c.title, svg: chartSvg(c.option) }));
}

const QUARTERS = ['一', '二', '三', '四'];
const SECTION_NUMERALS = ['一', '二', '三', '四', '五', '六'];

/** The report's kind and period in words: 2026年3月 (月报), 2026年第一季度 (季报), 2026年 (年报), or a range. */
export function periodZh(from: string, to: string): { kind: string; text: string } {
  const year = Number(from.slice(0, 4));
  const same = (p: { from: string; to: string }) => p.from === from && p.to === to;
  if (same(yearPeriod(year))) return { kind: '年报', text: `${year}年` };
  for (let q = 1; q <= 4; q++) {
    if (same(quarterPeriod(year, q))) return { kind: '季报', text: `${year}年第${QUARTERS[q - 1]}季度` };
  }
  const month = Number(from.slice(5, 7));
  if (same(monthPeriod(year, month))) return { kind: '月报', text: `${year}年${month}月` };
  return { kind: '报表', text: `${dateZh(from)}至${dateZh(to)}` };
}

const number = (n: number): string => n.toLocaleString('en');

function rateText(r: Rate): string {
  const parts = `（${number(r.numerator)} / ${number(r.denominator)}）`;
  return r.percent === null ? `—${parts}` : `${r.percent.toFixed(1)}%${parts}`;
}

type Row = readonly [label: string, value: string, note: number | null];

/**
 * Rows of label / value, each label with the number of its footnote; the footnotes collect as the
 * report is built, so the definitions are numbered in the order the report shows them.
 */
class Footnotes {
  readonly list: string[] = [];
  readonly #index = new Map<string, number>();
  mark(key: keyof typeof ZH.statisticsDefinitions): number {
    let n = this.#index.get(key);
    if (n === undefined) {
      this.list.push(`${ZH.statisticsIndicators[key]}：${ZH.statisticsDefinitions[key]}`);
      n = this.list.length;
      this.#index.set(key, n);
    }
    return n;
  }
}

function table(rows: readonly Row[]): SafeHtml {
  const cells = rows.map(
    ([label, value, note]) =>
      html`<tr>
        <th>${label}${note === null ? '' : html`<sup>${note}</sup>`}</th>
        <td class="num">${value}</td>
      </tr>`,
  );
  return html`<table class="form figures">
    ${colgroup(62, 38)} ${cells}
  </table>`;
}

export function renderStatisticsReport(view: StatisticsReportView): string {
  const f = view.figures;
  const d = f.divorce;
  const notes = new Footnotes();
  const count = (key: keyof typeof ZH.statisticsDefinitions, value: number): Row => [
    ZH.statisticsIndicators[key],
    number(value),
    notes.mark(key),
  ];
  const rate = (key: keyof typeof ZH.statisticsDefinitions, value: Rate): Row => [
    ZH.statisticsIndicators[key],
    rateText(value),
    notes.mark(key),
  ];
  const part = (label: string, value: number): Row => [`${WIDE_SPACE}${label}`, number(value), null];
  const { kind, text } = periodZh(view.from, view.to);

  const divorce = table([
    count('filings', d.filings),
    count('filingsCounselled', d.filingsCounselled),
    rate('counsellingRate', d.counsellingRate),
    count('counselled', d.counselled),
    count('resultReconcile', d.resultReconcile),
    count('resultPostpone', d.resultPostpone),
    count('resultDivorce', d.resultDivorce),
    count('reconciledBroad', d.reconciledBroad),
    rate('reconciliationRateBroad', d.reconciliationRateBroad),
    rate('reconciliationRateStrict', d.reconciliationRateStrict),
    count('withdrawals', d.withdrawals),
    count('deemedWithdrawals', d.deemedWithdrawals),
    count('registrations', d.registrations),
    count('refusals', d.refusals),
  ]);
  const counselling = table([
    [ZH.statisticsIndicators.counselledByType, '', notes.mark('counselledByType')],
    ...COUNSELLING_TYPE_ORDER.map((t) => part(ZH.caseTypes[t], f.counselledByType[t])),
    count('sessions', f.sessions),
    [ZH.statisticsIndicators.sessionsByChannel, '', notes.mark('sessionsByChannel')],
    ...SESSION_CHANNELS.map((c) =>
      part(c === 'none' ? ZH.statisticsNone.sessionsByChannel : ZH.channels[c], f.sessionsByChannel[c]),
    ),
    [ZH.statisticsIndicators.satisfaction, '', notes.mark('satisfaction')],
    ...SATISFACTION_VALUES.map((s) =>
      part(s === 'none' ? ZH.statisticsNone.satisfaction : ZH.satisfaction[s], f.satisfaction[s]),
    ),
    [ZH.statisticsIndicators.reasons, '', notes.mark('reasons')],
    ...REASON_VALUES.map((r) =>
      part(r === 'none' ? ZH.statisticsNone.reasons : ZH.reasonCategories[r], f.reasons[r]),
    ),
  ]);
  const protection = table([
    count('dvDisclosures', f.dvDisclosures),
    count('referrals', f.referrals),
    [ZH.statisticsIndicators.referralsByTarget, '', notes.mark('referralsByTarget')],
    ...REFERRAL_TARGETS.map((t) => part(ZH.referralTargets[t], f.referralsByTarget[t])),
    [ZH.statisticsIndicators.referralsByStatus, '', notes.mark('referralsByStatus')],
    ...REFERRAL_STATUSES.map((s) => part(ZH.referralStatuses[s], f.referralsByStatus[s])),
  ]);
  const aftercare = table([
    count('visitsDue', f.visitsDue),
    count('visitsDone', f.visitsDone),
    count('visitsOverdue', f.visitsOverdue),
    count('eventsHeld', f.eventsHeld),
    count('eventAttendees', f.eventAttendees),
    [
      ZH.statisticsIndicators.volunteerHours,
      (f.volunteerMinutes / 60).toFixed(1),
      notes.mark('volunteerHours'),
    ],
    [
      ZH.statisticsIndicators.volunteerEvaluations,
      f.volunteerEvaluations.count === 0
        ? '0'
        : `${number(f.volunteerEvaluations.count)} 次，平均 ${(f.volunteerEvaluations.averageScore ?? 0).toFixed(1)} 分`,
      notes.mark('volunteerEvaluations'),
    ],
  ]);

  let section = 4;
  const nextSection = () => SECTION_NUMERALS[section++] ?? String(section);
  const stations = view.stations ?? [];
  const stationTable =
    stations.length === 0
      ? ''
      : html`<h2>${nextSection()}、各站点主要指标</h2>
          <table class="form figures stations">
            ${colgroup(16, 11, 10, 12, 12, 12, 9, 9, 9)}
            <thead>
              <tr>
                <th>站点</th>
                ${STATION_COLUMNS.map((key) => html`<th>${ZH.statisticsIndicators[key]}<sup>${notes.mark(key)}</sup></th>`)}
              </tr>
            </thead>
            <tbody>
              ${[...stations, { name: '全县合计', figures: f }].map(
                (s) =>
                  html`<tr>
                    <th>${s.name}</th>
                    ${STATION_COLUMNS.map((key) => html`<td class="num">${stationCell(s.figures, key)}</td>`)}
                  </tr>`,
              )}
            </tbody>
          </table>`;
  const body = html`<h1>婚姻家庭辅导工作统计${kind}</h1>
    <div class="meta">
      <span>${view.centreName}</span><span>统计期间：${text}</span><span>统计范围：${view.scope}</span>
    </div>
    <h2>一、离婚调适辅导</h2>
    ${divorce}
    <h2>二、辅导服务</h2>
    ${counselling}
    <h2>三、家暴与转介</h2>
    ${protection}
    <h2>四、回访、活动与志愿者</h2>
    ${aftercare} ${stationTable}
    ${
      view.charts.length > 0
        ? html`<h2>${nextSection()}、图表</h2>
            ${view.charts.map(
              (c) =>
                html`<div class="chart">
                  <div class="chart-title">${c.title}</div>
                  ${new SafeHtml(c.svg)}
                </div>`,
            )}`
        : ''
    }
    <div class="notes">
      <div>
        注：统计期间按办公地日期计（含首尾两日）；“今天”为
        ${dateZh(f.today)}。比率保留一位小数，分母为零时记为“—”。
      </div>
      <ol>
        ${notes.list.map((n) => html`<li>${n}</li>`)}
      </ol>
    </div>
    <div class="footer">打印时间：${view.printedAt}</div>`;
  return printDocument(`统计${kind} ${view.from} ${view.to}`, body, REPORT_STYLES);
}

/** The headline figures the county's per-station table shows. */
const STATION_COLUMNS = [
  'filings',
  'counselled',
  'counsellingRate',
  'reconciliationRateBroad',
  'reconciliationRateStrict',
  'dvDisclosures',
  'referrals',
  'eventsHeld',
] as const satisfies readonly (keyof Figures['divorce'] | keyof Figures)[];

function stationCell(f: Figures, key: (typeof STATION_COLUMNS)[number]): SafeHtml | string {
  switch (key) {
    case 'filings':
    case 'counselled':
      return number(f.divorce[key]);
    case 'counsellingRate':
    case 'reconciliationRateBroad':
    case 'reconciliationRateStrict':
      return stationRate(f.divorce[key]);
    default:
      return number(f[key]);
  }
}

/** A narrow column's rate: the percentage, its parts on a line of their own. */
function stationRate(r: Rate): SafeHtml {
  return html`${r.percent === null ? '—' : `${r.percent.toFixed(1)}%`}<br /><span class="parts"
      >（${number(r.numerator)} / ${number(r.denominator)}）</span
    >`;
}

const REPORT_STYLES = `
table.figures th, table.figures td { padding: 0.6mm 2mm; }
table.figures td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.figures th { text-align: left; background: #fafafa; }
.chart { page-break-inside: avoid; margin: 2mm 0 4mm; }
.chart-title { font-weight: bold; margin-bottom: 1mm; }
.chart svg { width: 100%; height: auto; }
.notes { font-size: 8.5pt; margin-top: 5mm; page-break-inside: avoid; }
.notes ol { margin: 1mm 0 0; padding-left: 5mm; }
sup { font-size: 7pt; margin-left: 0.5mm; }
table.stations th, table.stations td { font-size: 8.5pt; text-align: center; word-break: normal; }
table.stations td.num { text-align: right; }
table.stations .parts { font-size: 7pt; white-space: nowrap; }
table.stations tbody th { text-align: left; }
`;
