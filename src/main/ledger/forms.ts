import {
  COUNSELLING_TYPES,
  RecordResultSchema,
  type CounsellingType,
  type RecordResult,
} from '../../shared/cases';
import type { LedgerUnit } from '../../shared/ledger';
import { REFERRAL_STATUSES, REFERRAL_TARGETS } from '../../shared/referrals';
import {
  minutesToHours,
  REASON_VALUES,
  SATISFACTION_VALUES,
  SESSION_CHANNELS,
  type Figures,
  type IndicatorKey,
  type Rate,
  type RateKey,
} from '../../shared/statistics';
import { WIDE_SPACE, ZH } from '../desk';
import type { LedgerCell, LedgerSheetData } from './workbook';

/*
 * The two form sheets: 汇总 (the indicators of docs/indicators.md with their names and definitions from the
 * label catalogue) and the MZ/T 084—2017 appendix B statistics form (婚姻家庭辅导服务统计表).
 */

type Row = LedgerCell[];
const T = ZH.ledgerTexts;
const U = ZH.ledgerUnits;

/** The lines above a form's header: its title, the office, the period and whose cases. */
export function formTitle(
  title: string,
  office: string,
  from: string,
  to: string,
  counsellor: string | null,
): string[] {
  return [
    title,
    `${T.office}：${office}${WIDE_SPACE}${T.period}：${from} ${T.to} ${to}`,
    `${T.counsellor}：${counsellor ?? T.allCases}`,
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

/** What appendix B counts, from the ledger's own reads. */
export interface AppendixBCounts {
  /** Cases first counselled in the period, by type and current result. */
  counselled: readonly { type: CounsellingType; result: RecordResult | null; n: number }[];
  /** The period's signed records: channel and satisfaction codes ('none' when not given). */
  records: readonly { channel: string; satisfaction: string }[];
}

/** The appendix B form's rows: item, category, count (each block ends with its total). */
export function appendixBRows(c: AppendixBCounts): Row[] {
  const rows: Row[] = [];
  const block = (item: string, entries: readonly (readonly [string, number])[]) => {
    for (const [category, n] of entries) rows.push([item, category, n]);
    rows.push([item, T.total, entries.reduce((s, [, n]) => s + n, 0)]);
  };
  const byType = (t: CounsellingType) =>
    c.counselled.filter((x) => x.type === t).reduce((s, x) => s + x.n, 0);
  block(
    T.itemCounselled,
    COUNSELLING_TYPES.map((t) => [ZH.caseTypes[t], byType(t)] as const),
  );
  const divorce = c.counselled.filter((x) => x.type === 'divorce_adjustment');
  const byResult = (r: RecordResult | null) =>
    divorce.filter((x) => x.result === r).reduce((s, x) => s + x.n, 0);
  block(T.itemResults, [
    ...RecordResultSchema.options.map((r) => [ZH.results[r], byResult(r)] as const),
    [T.noResult, byResult(null)] as const,
  ]);
  const count = <K extends 'channel' | 'satisfaction'>(key: K, v: string) =>
    c.records.filter((r) => r[key] === v).length;
  block(
    T.itemSessions,
    SESSION_CHANNELS.map(
      (v) =>
        [v === 'none' ? ZH.statisticsNone.sessionsByChannel : ZH.channels[v], count('channel', v)] as const,
    ),
  );
  block(
    T.itemSatisfaction,
    SATISFACTION_VALUES.map(
      (v) =>
        [
          v === 'none' ? ZH.statisticsNone.satisfaction : ZH.satisfaction[v],
          count('satisfaction', v),
        ] as const,
    ),
  );
  return rows;
}

export function formSheets(
  title: { office: string; from: string; to: string; counsellor: string | null },
  figures: Figures,
  appendixB: AppendixBCounts,
): LedgerSheetData[] {
  const lines = (t: string) => formTitle(t, title.office, title.from, title.to, title.counsellor);
  return [
    { sheet: 'summary', title: lines(T.title), rows: summaryRows(figures) },
    { sheet: 'appendixB', title: lines(T.appendixBTitle), rows: appendixBRows(appendixB) },
  ];
}
