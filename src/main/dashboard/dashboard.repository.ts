import { caseVisibility } from '../cases';
import type { Db } from '../db';
import { visibleReferrals, whereOverdue } from '../referrals';
import { openItemsFor, orderByDue } from '../supervision';
import type { SessionUser } from '../../shared/users';

/*
 * The 工作台's queries, only of cases the caller may see. Every read is an indexed range (the EXPLAIN QUERY
 * PLAN of each is tested in tests/integration/dashboard-plan.test.ts); each list is capped, the screen
 * shows the top.
 */

/** Rows per section: the dashboard is a to-do glance, the full lists are elsewhere. */
export const DASHBOARD_LIMIT = 200;

export type DeadlineKind = 'withdrawal_deadline' | 'certificate_window_end';

/**
 * Cases whose `kind` deadline falls within [from, to], for the status in which that deadline runs:
 * the withdrawal deadline while accepted_cooling, the certificate window end while awaiting_certificate.
 * A range on cases_status_deadline / cases_status_certificate_end (migration 0002).
 */
export function deadlineQuery(db: Db, user: SessionUser, kind: DeadlineKind, from: string, to: string) {
  const base = db
    .selectFrom('cases')
    .select(['cases.id', 'cases.case_number', 'cases.counsellor_id'])
    .where('cases.deleted_at', 'is', null)
    .where(caseVisibility(user));
  return kind === 'withdrawal_deadline'
    ? base
        .select('cases.withdrawal_deadline as date')
        .where('cases.registration_status', '=', 'accepted_cooling')
        .where('cases.withdrawal_deadline', '>=', from)
        .where('cases.withdrawal_deadline', '<=', to)
        .orderBy('cases.withdrawal_deadline')
        .limit(DASHBOARD_LIMIT)
    : base
        .select('cases.certificate_window_end as date')
        .where('cases.registration_status', '=', 'awaiting_certificate')
        .where('cases.certificate_window_end', '>=', from)
        .where('cases.certificate_window_end', '<=', to)
        .orderBy('cases.certificate_window_end')
        .limit(DASHBOARD_LIMIT);
}

/** Records dated today (drafts too: a session under way). A lookup on counselling_records_session_date. */
export function todaySessionsQuery(db: Db, user: SessionUser, today: string) {
  return db
    .selectFrom('counselling_records')
    .innerJoin('cases', 'cases.id', 'counselling_records.case_id')
    .select([
      'cases.id as caseId',
      'cases.case_number as caseNumber',
      'counselling_records.id as recordId',
      'counselling_records.half_day as halfDay',
      'counselling_records.channel as channel',
      'counselling_records.status as status',
    ])
    .where('counselling_records.session_date', '=', today)
    .where('counselling_records.deleted_at', 'is', null)
    .where('cases.deleted_at', 'is', null)
    .where(caseVisibility(user))
    .limit(DASHBOARD_LIMIT);
}

/** Still waiting (created / sent) past the expected reply date. A range on referrals_status_reply. */
export function overdueReferralsQuery(db: Db, user: SessionUser, today: string) {
  return whereOverdue(visibleReferrals(db, user), today)
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
    .limit(DASHBOARD_LIMIT);
}

/** The open items the user is shown, soonest due first, capped. */
export function openSupervisionQuery(db: Db, user: SessionUser) {
  return orderByDue(openItemsFor(db, user)).limit(DASHBOARD_LIMIT);
}
