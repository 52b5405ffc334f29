import { COUNSELLING_TYPES, RecordResultSchema, type RecordResult } from '../cases';
import type { LedgerUnit } from '../ledger';
import { REFERRAL_STATUSES, REFERRAL_TARGETS } from '../referrals';
import {
  minutesToHours,
  REASON_VALUES,
  SATISFACTION_VALUES,
  SESSION_CHANNELS,
  type Figures,
  type IndicatorKey,
  type Rate,
  type RateKey,
} from '../statistics';
import { WIDE_SPACE, ZH } from './chinese';
import type { LedgerCell, LedgerMatrixSheetData, LedgerSheetData } from './ledger-workbook';

/*
 * The two form sheets: 汇总 (the indicators of docs/indicators.md with their names and definitions from the
 * label catalogue) and the MZ/T 084—2017 appendix B statistics form (婚姻家庭辅导服务统计表).
 */

type Row = LedgerCell[];
const T = ZH.ledgerTexts;
const U = ZH.ledgerUnits;

/** Whose cases a form covers: a counsellor's (or every case the exporter sees), or a county's stations. */
export type FormScope = { counsellor: string | null } | { stations: number };

/** 全县 3 个站点: the scope line of the county's forms and printed report. */
export function countyScope(stations: number): string {
  return T.countyScope.replace('{n}', stations.toLocaleString('en'));
}

/** The lines above a form's header: its title, the office, the period and whose cases. */
export function formTitle(
  title: string,
  office: string,
  from: string,
  to: string,
  scope: FormScope,
): string[] {
  return [
    title,
    `${T.office}：${office}${WIDE_SPACE}${T.period}：${from} ${T.to} ${to}`,
    'stations' in scope
      ? `${T.scope}：${countyScope(scope.stations)}`
      : `${T.counsellor}：${scope.counsellor ?? T.allCases}`,
  ];
}

function rateCell(r: Rate): LedgerCell {
  // The exact fraction, shown as a percentage with one decimal; "—" with a zero denominator (never 0%).
  return r.denominator === 0 ? '—' : { percent: r.numerator / r.denominator };
}

/** The summary sheet's rows: indicator, value, unit, definition. */
export function summaryRows(f: Figures): Row[] {
  const name = ZH.statisticsIndicators;
  const def = ZH.statisticsDefinitions;
  const rows: Row[] = [];
  const one = (key: IndicatorKey, value: number, unit: LedgerUnit) =>
    rows.push([name[key], value, U[unit], def[key]]);
  const rate = (key: RateKey, value: Rate) => rows.push([name[key], rateCell(value), U.percent, def[key]]);
  const parts = <V extends string>(
    key: IndicatorKey,
    values: readonly V[],
    counts: Readonly<Record<V, number>>,
    word: (v: V) => string,
    unit: LedgerUnit,
  ) => {
    for (const v of values) rows.push([`${name[key]}：${word(v)}`, counts[v], U[unit], def[key]]);
  };
  const d = f.divorce;
  one('filings', d.filings, 'cases');
  one('filingsCounselled', d.filingsCounselled, 'cases');
  rate('counsellingRate', d.counsellingRate);
  one('counselled', d.counselled, 'couples');
  one('resultReconcile', d.resultReconcile, 'couples');
  one('resultPostpone', d.resultPostpone, 'couples');
  one('resultDivorce', d.resultDivorce, 'couples');
  one('reconciledBroad', d.reconciledBroad, 'couples');
  rate('reconciliationRateBroad', d.reconciliationRateBroad);
  rate('reconciliationRateStrict', d.reconciliationRateStrict);
  one('withdrawals', d.withdrawals, 'cases');
  one('deemedWithdrawals', d.deemedWithdrawals, 'cases');
  one('registrations', d.registrations, 'cases');
  one('refusals', d.refusals, 'cases');
  parts('counselledByType', COUNSELLING_TYPES, f.counselledByType, (v) => ZH.caseTypes[v], 'couples');
  one('sessions', f.sessions, 'personTimes');
  parts(
    'sessionsByChannel',
    SESSION_CHANNELS,
    f.sessionsByChannel,
    (v) => (v === 'none' ? ZH.statisticsNone.sessionsByChannel : ZH.channels[v]),
    'personTimes',
  );
  parts(
    'satisfaction',
    SATISFACTION_VALUES,
    f.satisfaction,
    (v) => (v === 'none' ? ZH.statisticsNone.satisfaction : ZH.satisfaction[v]),
    'personTimes',
  );
  parts(
    'reasons',
    REASON_VALUES,
    f.reasons,
    (v) => (v === 'none' ? ZH.statisticsNone.reasons : ZH.reasonCategories[v]),
    'couples',
  );
  one('dvDisclosures', f.dvDisclosures, 'times');
  one('referrals', f.referrals, 'times');
  parts('referralsByTarget', REFERRAL_TARGETS, f.referralsByTarget, (v) => ZH.referralTargets[v], 'times');
  parts('referralsByStatus', REFERRAL_STATUSES, f.referralsByStatus, (v) => ZH.referralStatuses[v], 'times');
  one('visitsDue', f.visitsDue, 'times');
  one('visitsDone', f.visitsDone, 'times');
  one('visitsOverdue', f.visitsOverdue, 'times');
  one('eventsHeld', f.eventsHeld, 'events');
  one('eventAttendees', f.eventAttendees, 'personTimes');
  one('volunteerHours', minutesToHours(f.volunteerMinutes), 'hours');
  one('volunteerEvaluations', f.volunteerEvaluations.count, 'times');
  const avg = f.volunteerEvaluations.averageScore;
  rows.push([
    `${name.volunteerEvaluations}：${T.averageScore}`,
    avg ?? '—',
    U.score,
    def.volunteerEvaluations,
  ]);
  return rows;
}

/**
 * The appendix B form's rows: item, category, count (each block ends with its total). Every count is an
 * indicator of docs/indicators.md, so the form, the summary sheet, the 统计 page and the county agree:
 * cases first counselled by type (counselledByType), the divorce cases' results (counselled by result; those
 * with none yet as 尚无结果), sessions by channel and by satisfaction.
 */
export function appendixBRows(f: Figures): Row[] {
  const rows: Row[] = [];
  const block = (item: string, entries: readonly (readonly [string, number])[]) => {
    for (const [category, n] of entries) rows.push([item, category, n]);
    rows.push([item, T.total, entries.reduce((s, [, n]) => s + n, 0)]);
  };
  block(
    T.itemCounselled,
    COUNSELLING_TYPES.map((t) => [ZH.caseTypes[t], f.counselledByType[t]] as const),
  );
  const d = f.divorce;
  const byResult: Record<RecordResult, number> = {
    reconcile: d.resultReconcile,
    postpone: d.resultPostpone,
    divorce: d.resultDivorce,
  };
  block(T.itemResults, [
    ...RecordResultSchema.options.map((r) => [ZH.results[r], byResult[r]] as const),
    [T.noResult, d.counselled - d.resultReconcile - d.resultPostpone - d.resultDivorce] as const,
  ]);
  block(
    T.itemSessions,
    SESSION_CHANNELS.map(
      (v) =>
        [
          v === 'none' ? ZH.statisticsNone.sessionsByChannel : ZH.channels[v],
          f.sessionsByChannel[v],
        ] as const,
    ),
  );
  block(
    T.itemSatisfaction,
    SATISFACTION_VALUES.map(
      (v) => [v === 'none' ? ZH.statisticsNone.satisfaction : ZH.satisfaction[v], f.satisfaction[v]] as const,
    ),
  );
  return rows;
}

export interface FormHeading {
  office: string;
  from: string;
  to: string;
  scope: FormScope;
}

/** The two form sheets of a workbook: 汇总 and the appendix B form. */
export function formSheets(heading: FormHeading, figures: Figures): LedgerSheetData[] {
  const lines = (t: string) => formTitle(t, heading.office, heading.from, heading.to, heading.scope);
  return [
    { sheet: 'summary', title: lines(T.title), rows: summaryRows(figures) },
    { sheet: 'appendixB', title: lines(T.appendixBTitle), rows: appendixBRows(figures) },
  ];
}

/**
 * The county's 各站汇总: the summary's indicators down, one column per station and the county total across
 * (each station's rates from its own parts, the total's from the summed parts — never an average of rates).
 */
export function stationsSheet(
  heading: FormHeading,
  stations: readonly { name: string; figures: Figures }[],
  total: Figures,
): LedgerMatrixSheetData {
  const columns = [...stations.map((s) => summaryRows(s.figures)), summaryRows(total)];
  const rows = summaryRows(total).map((row, i) => [
    row[0] ?? null,
    row[2] ?? null,
    ...columns.map((c) => c[i]?.[1] ?? null),
  ]);
  return {
    name: T.stationsSheet,
    headers: [
      ZH.ledgerSummaryColumns.indicator,
      ZH.ledgerSummaryColumns.unit,
      ...stations.map((s) => s.name),
      T.countyTotal,
    ],
    title: formTitle(T.stationsTitle, heading.office, heading.from, heading.to, heading.scope),
    rows,
  };
}
