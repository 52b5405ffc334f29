import type { ChannelOutput, ChannelParsed } from '../../shared/contract';
import { daysOverdue, QUEUE_BUCKETS, type Queue } from '../../shared/followups';
import type { SessionUser } from '../../shared/users';
import { seesAllCases } from '../cases';
import type { Db } from '../db';
import { volunteerIdOfUser, volunteerNames } from '../volunteers';
import {
  countQueue,
  ownScope,
  queuePage,
  unacknowledgedConcerns,
  type QueueScope,
} from './followups.repository';
import { volunteerRef } from './views';

/*
 * The follow-up queue (回访) and the dashboard's follow-up sections: whose visits a user sees, in buckets
 * with exact counts (docs/domain.md "Follow-up plans").
 */

// ── the queue ──────────────────────────────────────────────────────────────────────────────────────────

async function scopeFor(db: Db, user: SessionUser, wanted: 'mine' | 'all'): Promise<QueueScope> {
  if (user.role === 'volunteer') return ownScope(user, await volunteerIdOfUser(db, user.id));
  if (seesAllCases(user)) return wanted === 'all' ? { kind: 'all' } : { kind: 'counsellor', userId: user.id };
  return { kind: 'counsellor', userId: user.id };
}

/** 'followups.queue': one bucket, paged, with exact counts of every bucket. */
export async function followUpQueue(
  db: Db,
  user: SessionUser,
  f: ChannelParsed<'followups.queue'>,
  today: string,
): Promise<Queue> {
  const scope = await scopeFor(db, user, f.scope);
  const volunteerId = scope.kind === 'volunteer' ? undefined : f.volunteerId;
  const rows = await queuePage(db, scope, f.bucket, today, { ...f, volunteerId }).execute();
  const counts = Object.fromEntries(
    await Promise.all(
      QUEUE_BUCKETS.map(async (b) => [b, await countQueue(db, scope, b, today, volunteerId)] as const),
    ),
  ) as Queue['counts'];
  const names = await volunteerNames(
    db,
    rows.flatMap((r) => (r.volunteer_id ? [r.volunteer_id] : [])),
  );
  return {
    rows: rows.map((r) => ({
      visitId: r.id,
      planId: r.plan_id,
      familyId: r.family_id,
      archiveNumber: r.archive_number,
      familyName: r.family_name,
      seq: r.seq,
      of: (JSON.parse(r.months) as number[]).length,
      dueDate: r.due_date,
      status: r.status,
      daysOverdue: daysOverdue({ status: r.status, dueDate: r.due_date }, today),
      visitDate: r.visit_date,
      volunteer: volunteerRef(names, r.volunteer_id),
      focus: r.focus,
      safetyConcern: r.safety_concern === 1,
    })),
    total: counts[f.bucket],
    counts,
    today,
    canSeeAll: seesAllCases(user),
  };
}

// ── the dashboard ────────────────────────────────────────────────────────────────────────────────────

/**
 * The dashboard's follow-up sections for a user who works cases: overdue visits of the families they see
 * (oldest due first) and safety concerns not yet acknowledged. Archive numbers only: the screen faces the
 * room.
 */
export async function dashboardFollowUps(
  db: Db,
  user: SessionUser,
  today: string,
  limit: number,
): Promise<Pick<ChannelOutput<'dashboard.get'>, 'overdueVisits' | 'safetyConcerns'>> {
  const overdue = await queuePage(db, ownScope(user, null), 'overdue', today, {
    page: 1,
    pageSize: limit,
  }).execute();
  const names = await volunteerNames(
    db,
    overdue.flatMap((r) => (r.volunteer_id ? [r.volunteer_id] : [])),
  );
  const concerns = await unacknowledgedConcerns(db, user).limit(limit).execute();
  return {
    overdueVisits: overdue.map((r) => ({
      visitId: r.id,
      familyId: r.family_id,
      archiveNumber: r.archive_number,
      dueDate: r.due_date,
      daysOverdue: daysOverdue({ status: r.status, dueDate: r.due_date }, today),
      volunteer: volunteerRef(names, r.volunteer_id),
    })),
    safetyConcerns: concerns.flatMap((c) =>
      c.visit_date === null
        ? []
        : [
            {
              visitId: c.id,
              familyId: c.family_id,
              archiveNumber: c.archive_number,
              visitDate: c.visit_date,
            },
          ],
    ),
  };
}
