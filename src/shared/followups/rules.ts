import { addDays, daysBetween, toDayNumber, type LocalDate } from '../calendar';
import type { RecordResult } from '../cases';

/*
 * Follow-up plans (回访计划), pure rules (docs/domain.md "Follow-up plans"). A rule per counselling result
 * says at which months after the result the family is visited; a plan built from it has one due date per
 * month, all office-local calendar dates. Only the next visit is ever open: finishing it opens the one
 * after, or closes the plan when the schedule is done.
 */

/** What a plan's visits ask about: the marriage, or (after a divorce) the children and the elderly first. */
export const FOLLOW_UP_FOCUSES = ['marriage', 'children_elderly'] as const;
export type FollowUpFocus = (typeof FOLLOW_UP_FOCUSES)[number];

export interface FollowUpRule {
  result: RecordResult;
  /** Months after the result date, strictly increasing (1 … 60). */
  months: readonly number[];
  /** The rule applies only to a family with a child under 18. */
  onlyWithMinorChildren: boolean;
  focus: FollowUpFocus;
}

/** The defaults: 表示和好 / 暂缓离婚 at 1, 3, 6, 12 months; 选择离婚 with minor children at 1, 3, 6. */
export const DEFAULT_FOLLOW_UP_RULES: readonly FollowUpRule[] = [
  { result: 'reconcile', months: [1, 3, 6, 12], onlyWithMinorChildren: false, focus: 'marriage' },
  { result: 'postpone', months: [1, 3, 6, 12], onlyWithMinorChildren: false, focus: 'marriage' },
  { result: 'divorce', months: [1, 3, 6], onlyWithMinorChildren: true, focus: 'children_elderly' },
];

/** The age of majority (未成年人: under 18). */
export const ADULT_AGE = 18;

/**
 * A member's age is kept as a birth year so the archive ages with the family: the age is this year minus
 * the birth year (a member typed as 7 this year is 8 next year). Minor: under 18 by that count.
 */
export function ageFromBirthYear(birthYear: number | null, today: LocalDate): number | null {
  return birthYear === null ? null : Math.max(0, Number(today.slice(0, 4)) - birthYear);
}

export function birthYearFromAge(age: number | null, today: LocalDate): number | null {
  return age === null ? null : Number(today.slice(0, 4)) - age;
}

/** Whether the family has a child under 18 (children of unknown age do not count). */
export function hasMinorChild(members: readonly { kind: string; age: number | null }[]): boolean {
  return members.some((m) => m.kind === 'child' && m.age !== null && m.age < ADULT_AGE);
}

/** The rule for a result, or null when the family gets no plan (no rule, or no minor child where required). */
export function ruleFor(
  rules: readonly FollowUpRule[],
  result: RecordResult,
  hasMinorChildren: boolean,
): FollowUpRule | null {
  const rule = rules.find((r) => r.result === result);
  if (!rule || rule.months.length === 0) return null;
  if (rule.onlyWithMinorChildren && !hasMinorChildren) return null;
  return rule;
}

function parts(date: LocalDate): [number, number, number] {
  if (toDayNumber(date) === null) throw new RangeError(`not a calendar date (expected YYYY-MM-DD): ${date}`);
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The same day `months` later; a day the target month lacks falls to its last day
 * (2026-01-31 + 1 month = 2026-02-28), as a counsellor counts on a calendar.
 */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const day = Math.min(d, daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A plan's due dates from its start (the result date): one per month offset, in order. */
export function planSchedule(startDate: LocalDate, months: readonly number[]): LocalDate[] {
  return months.map((m) => addMonths(startDate, m));
}

/**
 * The due date of visit `index` (0-based) of a plan, given the date the previous visit was made (null for
 * the first). It is the schedule's date; but when the previous visit was made on or after that date (a
 * late visit), the interval of the schedule is kept from the day of that visit instead, so two visits are
 * never due on the same day or out of order.
 */
export function dueDateOf(
  startDate: LocalDate,
  months: readonly number[],
  index: number,
  previousVisitDate: LocalDate | null,
): LocalDate {
  const month = months[index];
  if (month === undefined) throw new RangeError(`visit ${index + 1} is beyond the plan's ${months.length}`);
  const scheduled = addMonths(startDate, month);
  if (previousVisitDate === null || previousVisitDate < scheduled) return scheduled;
  const interval = month - (months[index - 1] ?? 0);
  return addMonths(previousVisitDate, Math.max(1, interval));
}

/** Overdue: still open and its due date has passed. */
export function isVisitOverdue(visit: { status: string; dueDate: LocalDate }, today: LocalDate): boolean {
  return visit.status === 'scheduled' && visit.dueDate < today;
}

/** Whole days past the due date while overdue, else 0. */
export function daysOverdue(visit: { status: string; dueDate: LocalDate }, today: LocalDate): number {
  return isVisitOverdue(visit, today) ? daysBetween(visit.dueDate, today) : 0;
}

/** "Due this week": open, not overdue, due within the next 7 days (today included). */
export function isDueThisWeek(visit: { status: string; dueDate: LocalDate }, today: LocalDate): boolean {
  return visit.status === 'scheduled' && visit.dueDate >= today && visit.dueDate <= addDays(today, 6);
}

/** Every question a visit packet can ask (labels: `visitQuestions`). */
export const VISIT_QUESTIONS = [
  'marriage_relationship',
  'marriage_communication',
  'marriage_conflict',
  'children_general',
  'children_living',
  'children_contact',
  'children_support',
  'elderly_care',
  'ex_partners_conflict',
  'help_needed',
] as const;
export type VisitQuestion = (typeof VISIT_QUESTIONS)[number];

/** What a visit asks about, by focus, in the order the packet prints them. */
export const QUESTIONS_BY_FOCUS: Record<FollowUpFocus, readonly VisitQuestion[]> = {
  marriage: [
    'marriage_relationship',
    'marriage_communication',
    'marriage_conflict',
    'children_general',
    'help_needed',
  ],
  // A divorced family: the children's and the elderly's interests first.
  children_elderly: [
    'children_living',
    'children_contact',
    'children_support',
    'elderly_care',
    'ex_partners_conflict',
    'help_needed',
  ],
};

/** The focus a result gives a family archive: after a divorce the children's and the elderly's interests come first. */
export function focusOfResult(result: RecordResult): FollowUpFocus {
  return result === 'divorce' ? 'children_elderly' : 'marriage';
}
