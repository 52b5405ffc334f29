import { sql, type Kysely, type Transaction } from 'kysely';
import type { ChannelParsed } from '../../shared/contract';
import { can } from '../../shared/roles';
import { addDays, daysBetween, localDateAt } from '../../shared/calendar';
import type { Dashboard } from '../../shared/dashboard';
import type { SessionUser } from '../../shared/users';
import type { DB } from '../db';
import { caseVisibility, displayNames, sweepRegistrations } from '../cases';
import { type DeskContext, userRef } from '../desk';
import { referralDvVisibility } from '../referrals';
import { compareItems, itemTiming } from '../supervision';

/*
 * The 工作台: today's sessions, statutory deadlines within N days, overdue referrals and open supervision
 * items, only of cases the caller may see. The registration sweep runs first so no case shows a deadline
 * that has already closed. Every read is an indexed range (see tests/integration/dashboard-*.test.ts for
 * the EXPLAIN QUERY PLAN check of the deadline query); each list is capped, the screen shows the top.
 */

type Db = Kysely<DB> | Transaction<DB>;

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

async function deadlinesSoon(db: Db, user: SessionUser, today: string, withinDays: number) {
  const to = addDays(today, withinDays);
  const rows = [
    ...(await deadlineQuery(db, user, 'withdrawal_deadline', today, to).execute()).map((r) => ({
      ...r,
      kind: 'withdrawal_deadline' as const,
    })),
    ...(await deadlineQuery(db, user, 'certificate_window_end', today, to).execute()).map((r) => ({
      ...r,
      kind: 'certificate_window_end' as const,
    })),
  ].flatMap((r) => (r.date === null ? [] : [{ ...r, date: r.date }]));
  rows.sort((a, b) =>
    a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.case_number.localeCompare(b.case_number),
  );
  const names = await displayNames(
    db,
    rows.map((r) => r.counsellor_id),
  );
  return rows.slice(0, DASHBOARD_LIMIT).map((r) => ({
    caseId: r.id,
    caseNumber: r.case_number,
    kind: r.kind,
    date: r.date,
    daysLeft: daysBetween(today, r.date),
    counsellor: userRef(names, r.counsellor_id),
  }));
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

async function todaySessions(db: Db, user: SessionUser, today: string) {
  const rows = await todaySessionsQuery(db, user, today).execute();
  const half = (h: string | null) => (h === 'am' ? 0 : h === 'pm' ? 1 : 2);
  return rows.sort((a, b) => half(a.halfDay) - half(b.halfDay) || a.caseNumber.localeCompare(b.caseNumber));
}

/** Still waiting (created / sent) past the expected reply date. A range on referrals_status_reply. */
export function overdueReferralsQuery(db: Db, user: SessionUser, today: string) {
  return db
    .selectFrom('referrals')
    .innerJoin('cases', 'cases.id', 'referrals.case_id')
    .select([
      'cases.id as caseId',
      'cases.case_number as caseNumber',
      'referrals.id as referralId',
      'referrals.reference_number as referenceNumber',
      'referrals.target as target',
      'referrals.status as status',
      'referrals.expected_reply_date as expectedReplyDate',
    ])
    .where('referrals.status', 'in', ['created', 'sent'])
    .where('referrals.expected_reply_date', '<', today)
    .where('referrals.deleted_at', 'is', null)
    .where('cases.deleted_at', 'is', null)
    .where(caseVisibility(user))
    .where(referralDvVisibility(user))
    .orderBy('referrals.expected_reply_date')
    .limit(DASHBOARD_LIMIT);
}

async function overdueReferrals(db: Db, user: SessionUser, today: string) {
  const rows = await overdueReferralsQuery(db, user, today).execute();
  return rows.map((r) => ({ ...r, daysOverdue: daysBetween(r.expectedReplyDate, today) }));
}

/**
 * Directors: every open item (supervision_items_status_due); others: the open items addressed to them
 * (supervision_items_to_user).
 */
export function openSupervisionQuery(db: Db, user: SessionUser) {
  const q = db
    .selectFrom('supervision_items')
    .innerJoin('cases', 'cases.id', 'supervision_items.case_id')
    .selectAll('supervision_items')
    .select('cases.case_number')
    .where('supervision_items.status', '=', 'open')
    .where('supervision_items.deleted_at', 'is', null)
    .where('cases.deleted_at', 'is', null)
    // Soonest due first (overdue ones are the soonest), items without a due date last.
    .orderBy(sql`supervision_items.due_date IS NULL`)
    .orderBy('supervision_items.due_date')
    .limit(DASHBOARD_LIMIT);
  return can(user.role, 'cases.supervise')
    ? q
    : q.where('supervision_items.to_user_id', '=', user.id).where(caseVisibility(user));
}

async function openSupervision(db: Db, user: SessionUser, today: string) {
  const rows = (await openSupervisionQuery(db, user).execute()).sort(compareItems(today));
  const names = await displayNames(
    db,
    rows.flatMap((r) => (r.to_user_id ? [r.to_user_id] : [])),
  );
  return rows.map((r) => ({
    caseId: r.case_id,
    caseNumber: r.case_number,
    itemId: r.id,
    kind: r.kind,
    toUser: r.to_user_id ? userRef(names, r.to_user_id) : null,
    toStation: r.to_station,
    dueDate: r.due_date,
    ...itemTiming(r, today),
  }));
}

export async function getDashboard(
  ctx: DeskContext,
  input: ChannelParsed<'dashboard.get'>,
): Promise<Dashboard> {
  const open = ctx.session.requireOpen();
  await sweepRegistrations(ctx);
  const db = open.store.db;
  const user = open.user;
  const today = localDateAt(ctx.clock.now());
  return {
    today,
    withinDays: input.withinDays,
    todaySessions: await todaySessions(db, user, today),
    deadlinesSoon: await deadlinesSoon(db, user, today, input.withinDays),
    overdueReferrals: await overdueReferrals(db, user, today),
    openSupervision: await openSupervision(db, user, today),
  };
}
