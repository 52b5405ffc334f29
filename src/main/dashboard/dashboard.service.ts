import { daysBetween, addDays, localDateAt } from '../../shared/calendar';
import type { ChannelParsed } from '../../shared/contract';
import { DASHBOARD_FIRST_ROWS, type Dashboard } from '../../shared/dashboard';
import { AWAITING_REPLY_STATUSES } from '../../shared/referrals';
import type { SessionUser } from '../../shared/users';
import { sweepForCall } from '../cases';
import type { Db } from '../db';
import type { WriteCall } from '../desk';
import { dashboardFollowUps } from '../followups';
import { compareItems, itemTiming } from '../supervision';
import { displayNames, userRef } from '../users';
import {
  countOverdueVisits,
  deadlineCountQuery,
  deadlineQuery,
  openSupervisionCountQuery,
  openSupervisionQuery,
  overdueReferralsCountQuery,
  overdueReferralsQuery,
  safetyConcernsCountQuery,
  todaySessionsCountQuery,
  todaySessionsQuery,
} from './dashboard.repository';

/*
 * The 工作台: today's sessions, statutory deadlines within N days, overdue referrals and open supervision
 * items, only of cases the caller may see; overdue follow-up visits and unacknowledged safety concerns of
 * the families they see. The registration sweep runs first so no case shows a deadline
 * that has already closed. Each section carries its first rows and its true count (`totals`).
 */

/** A COUNT(*) query's answer. */
async function countOf(query: { executeTakeFirstOrThrow(): Promise<{ n: number }> }): Promise<number> {
  return Number((await query.executeTakeFirstOrThrow()).n);
}

async function deadlinesTotal(db: Db, user: SessionUser, today: string, withinDays: number) {
  const to = addDays(today, withinDays);
  return (
    (await countOf(deadlineCountQuery(db, user, 'withdrawal_deadline', today, to))) +
    (await countOf(deadlineCountQuery(db, user, 'certificate_window_end', today, to)))
  );
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
  return rows.slice(0, DASHBOARD_FIRST_ROWS).map((r) => ({
    caseId: r.id,
    caseNumber: r.case_number,
    kind: r.kind,
    date: r.date,
    daysLeft: daysBetween(today, r.date),
    counsellor: userRef(names, r.counsellor_id),
  }));
}

async function todaySessions(db: Db, user: SessionUser, today: string) {
  const rows = await todaySessionsQuery(db, user, today).execute();
  const half = (h: string | null) => (h === 'am' ? 0 : h === 'pm' ? 1 : 2);
  return rows.sort((a, b) => half(a.halfDay) - half(b.halfDay) || a.caseNumber.localeCompare(b.caseNumber));
}

/** The first overdue referrals of each awaiting status, merged: the longest overdue first. */
async function overdueReferrals(db: Db, user: SessionUser, today: string) {
  const rows = [];
  for (const status of AWAITING_REPLY_STATUSES) {
    rows.push(...(await overdueReferralsQuery(db, user, today, status).execute()));
  }
  // Stable: on the same date, the order the statuses are listed in (the index's order).
  rows.sort((a, b) =>
    a.expectedReplyDate < b.expectedReplyDate ? -1 : a.expectedReplyDate > b.expectedReplyDate ? 1 : 0,
  );
  return rows
    .slice(0, DASHBOARD_FIRST_ROWS)
    .map((r) => ({ ...r, daysOverdue: daysBetween(r.expectedReplyDate, today) }));
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
  call: WriteCall,
  input: ChannelParsed<'dashboard.get'>,
): Promise<Dashboard> {
  await sweepForCall(call);
  const { db, user } = call;
  const today = localDateAt(call.now);
  return {
    today,
    withinDays: input.withinDays,
    todaySessions: await todaySessions(db, user, today),
    deadlinesSoon: await deadlinesSoon(db, user, today, input.withinDays),
    overdueReferrals: await overdueReferrals(db, user, today),
    openSupervision: await openSupervision(db, user, today),
    ...(await dashboardFollowUps(db, user, today, DASHBOARD_FIRST_ROWS)),
    totals: {
      todaySessions: await countOf(todaySessionsCountQuery(db, user, today)),
      deadlinesSoon: await deadlinesTotal(db, user, today, input.withinDays),
      overdueReferrals: await countOf(overdueReferralsCountQuery(db, user, today)),
      openSupervision: await countOf(openSupervisionCountQuery(db, user)),
      overdueVisits: await countOverdueVisits(db, user, today),
      safetyConcerns: await countOf(safetyConcernsCountQuery(db, user)),
    },
  };
}
