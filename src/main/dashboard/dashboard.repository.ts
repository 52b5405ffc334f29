import { sql } from 'kysely';
import { DASHBOARD_FIRST_ROWS } from '../../shared/dashboard';
import type { AwaitingReplyStatus } from '../../shared/referrals';
import type { SessionUser } from '../../shared/users';
import { caseVisibility } from '../cases';
import type { Db } from '../db';
import { countQueue, ownScope, unacknowledgedConcerns } from '../followups';
import { visibleReferrals, whereOverdue } from '../referrals';
import { openItemsFor, orderByDue } from '../supervision';

/*
 * The 工作台's queries, only of cases the caller may see. Each section is two reads over the same indexed
 * range: its first rows (DASHBOARD_FIRST_ROWS, in index order) and its true count (COUNT(*) over that range,
 * never the rows themselves). The EXPLAIN QUERY PLAN of each is tested in
 * tests/integration/dashboard-plan.test.ts.
 */

export type DeadlineKind = 'withdrawal_deadline' | 'certificate_window_end';

/**
 * Cases whose `kind` deadline falls within [from, to], for the status in which that deadline runs:
 * the withdrawal deadline while accepted_cooling, the certificate window end while awaiting_certificate.
 * A range on cases_status_deadline / cases_status_certificate_end (migration 0002). The two together are
 * the cases whose next_deadline falls within [from, to] — the case list's deadline filter.
 */
function deadlineRange(db: Db, user: SessionUser, kind: DeadlineKind, from: string, to: string) {
  const base = db.selectFrom('cases').where('cases.deleted_at', 'is', null).where(caseVisibility(user));
  return kind === 'withdrawal_deadline'
    ? base
        .where('cases.registration_status', '=', 'accepted_cooling')
        .where('cases.withdrawal_deadline', '>=', from)
        .where('cases.withdrawal_deadline', '<=', to)
    : base
        .where('cases.registration_status', '=', 'awaiting_certificate')
        .where('cases.certificate_window_end', '>=', from)
        .where('cases.certificate_window_end', '<=', to);
}

/** The first rows of a deadline range, soonest first (index order). */
export function deadlineQuery(db: Db, user: SessionUser, kind: DeadlineKind, from: string, to: string) {
  const column =
    kind === 'withdrawal_deadline' ? 'cases.withdrawal_deadline' : 'cases.certificate_window_end';
  return deadlineRange(db, user, kind, from, to)
    .select(['cases.id', 'cases.case_number', 'cases.counsellor_id', `${column} as date`])
    .orderBy(column)
    .limit(DASHBOARD_FIRST_ROWS);
}

export function deadlineCountQuery(db: Db, user: SessionUser, kind: DeadlineKind, from: string, to: string) {
  return deadlineRange(db, user, kind, from, to).select((eb) => eb.fn.countAll<number>().as('n'));
}

/** Records dated today (drafts too: a session under way). A lookup on counselling_records_session_date. */
function todaySessionsRange(db: Db, user: SessionUser, today: string) {
  return db
    .selectFrom('counselling_records')
    .innerJoin('cases', 'cases.id', 'counselling_records.case_id')
    .where('counselling_records.session_date', '=', today)
    .where('counselling_records.deleted_at', 'is', null)
    .where('cases.deleted_at', 'is', null)
    .where(caseVisibility(user));
}

/** Today's sessions, morning first (the service orders the few it gets by half day and case number). */
export function todaySessionsQuery(db: Db, user: SessionUser, today: string) {
  return todaySessionsRange(db, user, today)
    .select([
      'cases.id as caseId',
      'cases.case_number as caseNumber',
      'counselling_records.id as recordId',
      'counselling_records.half_day as halfDay',
      'counselling_records.channel as channel',
      'counselling_records.status as status',
    ])
    .orderBy(sql`counselling_records.half_day IS NULL`)
    .orderBy('counselling_records.half_day')
    .orderBy('cases.case_number')
    .limit(DASHBOARD_FIRST_ROWS);
}

export function todaySessionsCountQuery(db: Db, user: SessionUser, today: string) {
  return todaySessionsRange(db, user, today).select((eb) => eb.fn.countAll<number>().as('n'));
}

/**
 * Referrals still waiting in one awaiting status (created or sent) past the expected reply date, the longest
 * overdue first: a range on referrals_status_reply read in index order, so only the first rows are read
 * (both statuses at once would read every overdue referral and sort them). The service merges the two.
 */
export function overdueReferralsQuery(db: Db, user: SessionUser, today: string, status: AwaitingReplyStatus) {
  return whereOverdue(visibleReferrals(db, user), today)
    .where('referrals.status', '=', status)
    .select([
      'cases.id as caseId',
      'cases.case_number as caseNumber',
      'referrals.id as referralId',
      'referrals.reference_number as referenceNumber',
      'referrals.target as target',
      'referrals.status as status',
      'referrals.expected_reply_date as expectedReplyDate',
    ])
    .orderBy('referrals.expected_reply_date')
    .limit(DASHBOARD_FIRST_ROWS);
}

export function overdueReferralsCountQuery(db: Db, user: SessionUser, today: string) {
  return whereOverdue(visibleReferrals(db, user), today).select((eb) => eb.fn.countAll<number>().as('n'));
}

/** The open items the user is shown, soonest due first. */
export function openSupervisionQuery(db: Db, user: SessionUser) {
  return orderByDue(openItemsFor(db, user)).limit(DASHBOARD_FIRST_ROWS);
}

export function openSupervisionCountQuery(db: Db, user: SessionUser) {
  return openItemsFor(db, user)
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'));
}

/** Visits with a safety concern not yet acknowledged, of the families the user sees (the rows: followups). */
export function safetyConcernsCountQuery(db: Db, user: SessionUser) {
  return unacknowledgedConcerns(db, user)
    .clearSelect()
    .clearOrderBy()
    .select((eb) => eb.fn.countAll<number>().as('n'));
}

/** Overdue follow-up visits in the user's own scope: the follow-up queue's 'overdue' bucket, counted alike. */
export function countOverdueVisits(db: Db, user: SessionUser, today: string): Promise<number> {
  return countQueue(db, ownScope(user, null), 'overdue', today);
}
