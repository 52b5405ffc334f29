export { CHART_KEYS, statisticsCharts } from './charts';
export type { ChartKey, ChartTexts, StatisticsChart } from './charts';
export { statisticsContract } from './contract';
export {
  ReportSnapshotSchema,
  SnapshotChangeSchema,
  SnapshotComparisonSchema,
  SnapshotListInputSchema,
  SnapshotMemberSchema,
} from './snapshots';
export type { ReportSnapshot, SnapshotChange, SnapshotComparison, SnapshotMember } from './snapshots';
export { STATISTICS_TABLES, statisticsRowsOf } from './rows';
export type { StatisticsRowsRead, StatisticsTable, SyncedRow } from './rows';
export {
  averageOfTotal,
  averageScore,
  caseFacts,
  figuresFrom,
  localDateOf,
  membersOf,
  minutesToHours,
  rate,
  volunteerMinutesOf,
} from './indicators';
export type {
  CaseFacts,
  FiguresOptions,
  StatCase,
  StatDisclosure,
  StatEvaluation,
  StatEvent,
  StatisticsRows,
  StatRecord,
  StatReferral,
  StatVisit,
  StatVolunteer,
} from './indicators';
export { inPeriod, isPeriod, monthPeriod, monthsOf, monthWithin, quarterPeriod, yearPeriod } from './period';
export type { MonthKey, Period } from './period';
export {
  BREAKDOWN_VALUES,
  FiguresSchema,
  INDICATOR_KEYS,
  INDICATOR_LIST_KIND,
  IndicatorKeySchema,
  isBreakdown,
  LIST_KINDS,
  MAX_PERIOD_DAYS,
  RATE_KEYS,
  RATE_PARTS,
  REASON_VALUES,
  SATISFACTION_VALUES,
  SESSION_CHANNELS,
  StatisticsInputSchema,
  StatisticsListInputSchema,
  StatisticsListSchema,
} from './schemas';
export type {
  BreakdownIndicator,
  DivorceFigures,
  Figures,
  IndicatorKey,
  ListKind,
  Rate,
  RateKey,
  ReasonValue,
  SatisfactionValue,
  SessionChannel,
  StatisticsInput,
  StatisticsList,
  StatisticsListInput,
  StatisticsListRow,
  TrendMonth,
} from './schemas';
