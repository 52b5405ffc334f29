import { z } from 'zod';
import { daysBetween, isLocalDate } from '../calendar';
import {
  COUNSELLING_TYPES,
  LocalDateSchema,
  REASON_CATEGORIES,
  RecordResultSchema,
  UserRefSchema,
} from '../cases';
import { ChannelKindSchema, SatisfactionSchema } from '../records';
import { REFERRAL_STATUSES, REFERRAL_TARGETS } from '../referrals';

// ── statistics (统计, docs/indicators.md) ─────────────────────────────────────────────────────────────

/** The longest period the page computes (a custom range beyond this is a VALIDATION error). */
export const MAX_PERIOD_DAYS = 3660;

/** A record's channel, or 'none' when it was not recorded. */
export const SESSION_CHANNELS = ['face_to_face', 'voice', 'text', 'none'] as const satisfies readonly (
  z.infer<typeof ChannelKindSchema> | 'none'
)[];
export type SessionChannel = (typeof SESSION_CHANNELS)[number];
/** A record's client satisfaction, or 'none' (未填). */
export const SATISFACTION_VALUES = [
  'satisfied',
  'basic',
  'dissatisfied',
  'none',
] as const satisfies readonly (z.infer<typeof SatisfactionSchema> | 'none')[];
export type SatisfactionValue = (typeof SATISFACTION_VALUES)[number];
/** A reason category, or 'none' (未记录: no consent, nothing recorded). */
export const REASON_VALUES = [...REASON_CATEGORIES, 'none'] as const;
export type ReasonValue = (typeof REASON_VALUES)[number];

/**
 * Every number of the page that opens a list (statistics.list). The breakdown indicators take a value:
 * counselledByType a counselling type, sessionsByChannel a SessionChannel, satisfaction a
 * SatisfactionValue, reasons a ReasonValue, referralsByTarget a referral target, referralsByStatus a
 * referral status. Rates open their parts (counsellingRate → filings / filingsCounselled …); the trend's
 * cells open filings / counselled / result* with the month as from/to.
 */
export const INDICATOR_KEYS = [
  'filings',
  'filingsCounselled',
  'counselled',
  'resultReconcile',
  'resultPostpone',
  'resultDivorce',
  'reconciledBroad',
  'withdrawals',
  'deemedWithdrawals',
  'registrations',
  'refusals',
  'counselledByType',
  'sessions',
  'sessionsByChannel',
  'satisfaction',
  'reasons',
  'dvDisclosures',
  'referrals',
  'referralsByTarget',
  'referralsByStatus',
  'visitsDue',
  'visitsDone',
  'visitsOverdue',
  'eventsHeld',
  'eventAttendees',
  'volunteerHours',
  'volunteerEvaluations',
] as const;
export const IndicatorKeySchema = z.enum(INDICATOR_KEYS);
export type IndicatorKey = z.infer<typeof IndicatorKeySchema>;

/** The values a breakdown indicator takes (its `value`); the others take none. */
export const BREAKDOWN_VALUES = {
  counselledByType: COUNSELLING_TYPES,
  sessionsByChannel: SESSION_CHANNELS,
  satisfaction: SATISFACTION_VALUES,
  reasons: REASON_VALUES,
  referralsByTarget: REFERRAL_TARGETS,
  referralsByStatus: REFERRAL_STATUSES,
} as const satisfies Partial<Record<IndicatorKey, readonly string[]>>;
export type BreakdownIndicator = keyof typeof BREAKDOWN_VALUES;

export function isBreakdown(key: IndicatorKey): key is BreakdownIndicator {
  return Object.hasOwn(BREAKDOWN_VALUES, key);
}

/** Rates of the page, and the indicators their numerator and denominator open. */
export const RATE_KEYS = ['counsellingRate', 'reconciliationRateBroad', 'reconciliationRateStrict'] as const;
export type RateKey = (typeof RATE_KEYS)[number];
export const RATE_PARTS = {
  counsellingRate: { numerator: 'filingsCounselled', denominator: 'filings' },
  reconciliationRateBroad: { numerator: 'reconciledBroad', denominator: 'counselled' },
  reconciliationRateStrict: { numerator: 'resultReconcile', denominator: 'counselled' },
} as const satisfies Record<RateKey, { numerator: IndicatorKey; denominator: IndicatorKey }>;

function checkPeriod(v: { from: string; to: string }, ctx: z.RefinementCtx): void {
  // The fields' own checks report a malformed date; zod runs this refinement regardless.
  if (!isLocalDate(v.from) || !isLocalDate(v.to)) return;
  if (v.from > v.to) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['to'], message: 'before_from' });
  } else if (daysBetween(v.from, v.to) >= MAX_PERIOD_DAYS) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['to'], message: 'too_long' });
  }
}

const PeriodFields = {
  /** Office-local dates, inclusive. */
  from: LocalDateSchema,
  to: LocalDateSchema,
  /** Narrow the case figures to this counsellor in charge (docs/indicators.md "Which rows count"). */
  counsellorId: z.string().uuid().nullable().default(null),
};

export const StatisticsInputSchema = z.object(PeriodFields).superRefine(checkPeriod);
export type StatisticsInput = z.output<typeof StatisticsInputSchema>;

export const StatisticsListInputSchema = z
  .object({
    ...PeriodFields,
    indicator: IndicatorKeySchema,
    /** The breakdown value (required for a breakdown indicator, refused for the others). */
    value: z.string().max(40).nullable().default(null),
    page: z.number().int().min(1).default(1),
    pageSize: z.number().int().min(1).max(200).default(50),
  })
  .superRefine((v, ctx) => {
    checkPeriod(v, ctx);
    if (isBreakdown(v.indicator)) {
      const values: readonly string[] = BREAKDOWN_VALUES[v.indicator];
      if (v.value === null || !values.includes(v.value)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['value'], message: 'invalid' });
      }
    } else if (v.value !== null) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['value'], message: 'unexpected' });
    }
  });
export type StatisticsListInput = z.output<typeof StatisticsListInputSchema>;

/** An exact fraction; percent to one decimal, rounded half up, null when the denominator is 0 ("—"). */
export const RateSchema = z.object({
  numerator: z.number().int(),
  denominator: z.number().int(),
  percent: z.number().nullable(),
});
export type Rate = z.infer<typeof RateSchema>;

const count = z.number().int();
const counts = <E extends readonly [string, ...string[]]>(values: E) =>
  z.object(Object.fromEntries(values.map((v) => [v, count])) as { [K in E[number]]: typeof count });

export const TrendMonthSchema = z.object({
  /** 'YYYY-MM'; its figures cover the month clipped to the period. */
  month: z.string(),
  from: z.string(),
  to: z.string(),
  filings: count,
  counselled: count,
  resultReconcile: count,
  resultPostpone: count,
  resultDivorce: count,
});
export type TrendMonth = z.infer<typeof TrendMonthSchema>;

export const DivorceFiguresSchema = z.object({
  filings: count,
  filingsCounselled: count,
  counsellingRate: RateSchema,
  counselled: count,
  resultReconcile: count,
  resultPostpone: count,
  resultDivorce: count,
  reconciledBroad: count,
  reconciliationRateBroad: RateSchema,
  reconciliationRateStrict: RateSchema,
  withdrawals: count,
  deemedWithdrawals: count,
  registrations: count,
  refusals: count,
});
export type DivorceFigures = z.infer<typeof DivorceFiguresSchema>;

export const FiguresSchema = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  /** The office-local date the figures were computed on (visitsOverdue, eventsHeld). */
  today: z.string(),
  counsellorId: z.string().nullable(),
  divorce: DivorceFiguresSchema,
  counselledByType: counts(COUNSELLING_TYPES),
  sessions: count,
  sessionsByChannel: counts(SESSION_CHANNELS),
  satisfaction: counts(SATISFACTION_VALUES),
  /** Parts may exceed `divorce.counselled`: a case with several categories counts under each. */
  reasons: counts(REASON_VALUES),
  dvDisclosures: count,
  referrals: count,
  referralsByTarget: counts(REFERRAL_TARGETS),
  referralsByStatus: counts(REFERRAL_STATUSES),
  visitsDue: count,
  visitsDone: count,
  visitsOverdue: count,
  eventsHeld: count,
  eventAttendees: count,
  /** Whole minutes; shown as hours with one decimal (volunteerHoursText). */
  volunteerMinutes: count,
  volunteerEvaluations: z.object({ count, averageScore: z.number().nullable() }),
  /** One row per calendar month the period touches. */
  trend: z.array(TrendMonthSchema),
});
export type Figures = z.infer<typeof FiguresSchema>;

export const LIST_KINDS = [
  'cases',
  'records',
  'disclosures',
  'referrals',
  'visits',
  'events',
  'volunteers',
  'evaluations',
] as const;
export type ListKind = (typeof LIST_KINDS)[number];

/** Which list an indicator opens. */
export const INDICATOR_LIST_KIND = {
  filings: 'cases',
  filingsCounselled: 'cases',
  counselled: 'cases',
  resultReconcile: 'cases',
  resultPostpone: 'cases',
  resultDivorce: 'cases',
  reconciledBroad: 'cases',
  withdrawals: 'cases',
  deemedWithdrawals: 'cases',
  registrations: 'cases',
  refusals: 'cases',
  counselledByType: 'cases',
  reasons: 'cases',
  sessions: 'records',
  sessionsByChannel: 'records',
  satisfaction: 'records',
  dvDisclosures: 'disclosures',
  referrals: 'referrals',
  referralsByTarget: 'referrals',
  referralsByStatus: 'referrals',
  visitsDue: 'visits',
  visitsDone: 'visits',
  visitsOverdue: 'visits',
  eventsHeld: 'events',
  eventAttendees: 'events',
  volunteerHours: 'volunteers',
  volunteerEvaluations: 'evaluations',
} as const satisfies Record<IndicatorKey, ListKind>;

/**
 * One row of a drill-down list: display columns only — never a party's name, an ID number, a note or a
 * DV fact (the screen may face the room). What each column holds, by kind:
 * - cases: label = case number, date = the date that put it in the list (filing received, first
 *   session, withdrawal …), code = counselling type, status = registration status, result = the case's result;
 * - records: label = case number, date = session date, code = channel, status = satisfaction, result;
 * - disclosures: label = case number, date = disclosure date (office-local);
 * - referrals: label = reference number (ZJ-…), date = creation date, code = target, status;
 * - visits: label = archive number (JT-…), date = due date (visitsDue/Overdue) or visit date (visitsDone),
 *   status = visit status, familyId set;
 * - events: label = topic, date, code = event type, amount = attendees;
 * - volunteers: label = the volunteer's roster name, amount = service minutes in the period;
 * - evaluations: label = the volunteer's roster name, date, amount = score.
 * caseId opens the case (null for visits, events, volunteers, evaluations); counsellor is the counsellor
 * in charge (of the case, or the visit's).
 */
export const StatisticsListRowSchema = z.object({
  id: z.string(),
  caseId: z.string().nullable(),
  familyId: z.string().nullable(),
  label: z.string(),
  date: z.string().nullable(),
  code: z.string().nullable(),
  status: z.string().nullable(),
  result: RecordResultSchema.nullable(),
  counsellor: UserRefSchema.nullable(),
  amount: z.number().nullable(),
});
export type StatisticsListRow = z.infer<typeof StatisticsListRowSchema>;

export const StatisticsListSchema = z.object({
  kind: z.enum(LIST_KINDS),
  /** Rows of the whole list (equals the indicator's number, except volunteerHours and eventAttendees,
   *  whose number is the sum of the rows' amounts). */
  total: z.number().int(),
  rows: z.array(StatisticsListRowSchema),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type StatisticsList = z.infer<typeof StatisticsListSchema>;
