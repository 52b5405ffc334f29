import { sql, type Expression, type Selectable, type SqlBool, type Transaction } from 'kysely';
import { addDays } from '../../shared/calendar';
import { DomainError } from '../../shared/errors';
import type { QueueBucket } from '../../shared/followups';
import { can } from '../../shared/roles';
import type { SessionUser } from '../../shared/users';
import { seesAllCases } from '../cases';
import type { DB, Db } from '../db';
import type { NewPlanRow, NewVisitRow, PlanRow, VisitRow } from './followups.table';

// The families module builds on this one: its row types are reached through the joined schema.
export type FamilyRow = Selectable<DB['families']>;
export type MemberRow = Selectable<DB['family_members']>;

/*
 * The follow-ups' queries, and the one rule for who sees a family archive (the families module builds on
 * this module, so the rule lives here): directors every family, a counsellor the families they are in
 * charge of, nobody else. A volunteer reaches a visit only through its assignment (visitAccess).
 */

/** Families the user may see, as an SQL predicate over `families`. */
export function familyVisibility(user: SessionUser): Expression<SqlBool> {
  if (seesAllCases(user)) return sql<SqlBool>`1 = 1`;
  if (can(user.role, 'cases.work')) return sql<SqlBool>`families.counsellor_id = ${user.id}`;
  return sql<SqlBool>`0 = 1`;
}

/** A living family archive the user may see, or FAMILY_NOT_FOUND. */
export async function findVisibleFamilyOrThrow(
  db: Db,
  user: SessionUser,
  familyId: string,
): Promise<FamilyRow> {
  const row = await db
    .selectFrom('families')
    .selectAll()
    .where('id', '=', familyId)
    .where('deleted_at', 'is', null)
    .where(familyVisibility(user))
    .executeTakeFirst();
  if (!row) throw new DomainError('FAMILY_NOT_FOUND');
  return row;
}

/** The family's living members, in the order they were added. */
export async function membersOf(db: Db, familyId: string): Promise<MemberRow[]> {
  return db
    .selectFrom('family_members')
    .selectAll()
    .where('family_id', '=', familyId)
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

// ── plans ────────────────────────────────────────────────────────────────────────────────────────────

export async function plansOfFamily(db: Db, familyId: string): Promise<PlanRow[]> {
  return db
    .selectFrom('followup_plans')
    .selectAll()
    .where('family_id', '=', familyId)
    .where('deleted_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function findPlan(db: Db, planId: string): Promise<PlanRow | undefined> {
  return db
    .selectFrom('followup_plans')
    .selectAll()
    .where('id', '=', planId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/** The family's plan still running (active or paused), if any. */
export async function runningPlanOf(db: Db, familyId: string): Promise<PlanRow | undefined> {
  return db
    .selectFrom('followup_plans')
    .selectAll()
    .where('family_id', '=', familyId)
    .where('status', 'in', ['active', 'paused'])
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export async function insertPlan(trx: Transaction<DB>, row: NewPlanRow): Promise<PlanRow> {
  return trx.insertInto('followup_plans').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updatePlan(
  trx: Transaction<DB>,
  plan: PlanRow,
  set: Partial<Pick<PlanRow, 'volunteer_id' | 'status' | 'status_reason' | 'close_cause'>>,
  at: Date,
): Promise<PlanRow> {
  return trx
    .updateTable('followup_plans')
    .set((eb) => ({ ...set, updated_at: at.toISOString(), version: eb('version', '+', 1) }))
    .where('id', '=', plan.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

// ── visits ───────────────────────────────────────────────────────────────────────────────────────────

export async function visitsOfPlans(db: Db, planIds: readonly string[]): Promise<VisitRow[]> {
  if (planIds.length === 0) return [];
  return db
    .selectFrom('followup_visits')
    .selectAll()
    .where('plan_id', 'in', [...planIds])
    .where('deleted_at', 'is', null)
    .orderBy('plan_id')
    .orderBy('seq')
    .execute();
}

export async function findVisit(db: Db, visitId: string): Promise<VisitRow | undefined> {
  return db
    .selectFrom('followup_visits')
    .selectAll()
    .where('id', '=', visitId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/**
 * The plan's open visit — waiting, or on hold while the plan is paused — if any (there is never more than
 * one: followup_visits_one_open).
 */
export async function openVisitOf(db: Db, planId: string): Promise<VisitRow | undefined> {
  return db
    .selectFrom('followup_visits')
    .selectAll()
    .where('plan_id', '=', planId)
    .where('status', 'in', ['scheduled', 'on_hold'])
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/** The plan's last done visit (for the packet's "next step" and the next due date). */
export async function lastDoneVisitOf(db: Db, planId: string): Promise<VisitRow | undefined> {
  return db
    .selectFrom('followup_visits')
    .selectAll()
    .where('plan_id', '=', planId)
    .where('status', '=', 'done')
    .where('deleted_at', 'is', null)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertVisit(trx: Transaction<DB>, row: NewVisitRow): Promise<VisitRow> {
  return trx.insertInto('followup_visits').values(row).returningAll().executeTakeFirstOrThrow();
}

type VisitChange = Partial<
  Omit<VisitRow, 'id' | 'plan_id' | 'family_id' | 'seq' | 'created_at' | 'origin_device' | 'version'>
>;

/** Updates a visit still in the given status; undefined when it no longer is (a concurrent change). */
export async function updateVisit(
  trx: Transaction<DB>,
  visit: VisitRow,
  set: VisitChange,
  at: Date,
): Promise<VisitRow | undefined> {
  return trx
    .updateTable('followup_visits')
    .set((eb) => ({ ...set, updated_at: at.toISOString(), version: eb('version', '+', 1) }))
    .where('id', '=', visit.id)
    .where('status', '=', visit.status)
    .returningAll()
    .executeTakeFirst();
}

// ── the queue ────────────────────────────────────────────────────────────────────────────────────────

/** Whose visits a queue shows: a volunteer's own, a counsellor's families', or everyone's. */
export type QueueScope =
  | { kind: 'volunteer'; volunteerId: string | null }
  | { kind: 'counsellor'; userId: string }
  | { kind: 'all' };

/**
 * The visits of a bucket for a scope (no order, no paging): shared by the page and the counts. Only the
 * visits themselves are read: an open visit is 'scheduled' only while its plan is active (pausing puts it
 * on hold, closing cancels it) and archives are closed, never removed — so each bucket is one range of a
 * covering index, counted from that index alone. A counsellor's scope is the visits of the archives they
 * are in charge of (the visit's copy of the family's counsellor_id).
 */
export function queueVisits(
  db: Db,
  scope: QueueScope,
  bucket: QueueBucket,
  today: string,
  volunteerId?: string,
) {
  let q = db.selectFrom('followup_visits').where('followup_visits.deleted_at', 'is', null);
  if (scope.kind === 'counsellor') {
    q = q.where('followup_visits.counsellor_id', '=', scope.userId);
  } else if (scope.kind === 'volunteer') {
    // A volunteer without a linked profile has no visits at all.
    q = q.where('followup_visits.volunteer_id', scope.volunteerId === null ? 'is' : '=', scope.volunteerId);
  }
  if (volunteerId !== undefined) q = q.where('followup_visits.volunteer_id', '=', volunteerId);
  if (bucket === 'done') return q.where('followup_visits.status', '=', 'done');
  const open = q.where('followup_visits.status', '=', 'scheduled');
  const week = addDays(today, 6);
  switch (bucket) {
    case 'overdue':
      return open.where('followup_visits.due_date', '<', today);
    case 'due_week':
      return open
        .where('followup_visits.due_date', '>=', today)
        .where('followup_visits.due_date', '<=', week);
    case 'upcoming':
      return open.where('followup_visits.due_date', '>', week);
  }
}

/** One page of a bucket: open visits soonest due first, done visits most recent first. */
export function queuePage(
  db: Db,
  scope: QueueScope,
  bucket: QueueBucket,
  today: string,
  page: { page: number; pageSize: number; volunteerId?: string | undefined },
) {
  const q = queueVisits(db, scope, bucket, today, page.volunteerId)
    .selectAll('followup_visits')
    .select((eb) => [
      eb
        .selectFrom('families')
        .select('families.archive_number')
        .whereRef('families.id', '=', 'followup_visits.family_id')
        .$asScalar()
        .$notNull()
        .as('archive_number'),
      eb
        .selectFrom('families')
        .select('families.name')
        .whereRef('families.id', '=', 'followup_visits.family_id')
        .$asScalar()
        .$notNull()
        .as('family_name'),
      eb
        .selectFrom('followup_plans')
        .select('followup_plans.focus')
        .whereRef('followup_plans.id', '=', 'followup_visits.plan_id')
        .$asScalar()
        .$notNull()
        .as('focus'),
      eb
        .selectFrom('followup_plans')
        .select('followup_plans.months')
        .whereRef('followup_plans.id', '=', 'followup_visits.plan_id')
        .$asScalar()
        .$notNull()
        .as('months'),
    ]);
  const ordered =
    bucket === 'done'
      ? q.orderBy('followup_visits.visit_date', 'desc').orderBy('followup_visits.id', 'desc')
      : q.orderBy('followup_visits.due_date', 'asc').orderBy('followup_visits.id', 'asc');
  return ordered.limit(page.pageSize).offset((page.page - 1) * page.pageSize);
}

export async function countQueue(
  db: Db,
  scope: QueueScope,
  bucket: QueueBucket,
  today: string,
  volunteerId?: string,
): Promise<number> {
  const row = await queueVisits(db, scope, bucket, today, volunteerId)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// ── the dashboard ────────────────────────────────────────────────────────────────────────────────────

/** The scope a user's own queue and dashboard use. */
export function ownScope(user: SessionUser, volunteerId: string | null): QueueScope {
  if (user.role === 'volunteer') return { kind: 'volunteer', volunteerId };
  if (seesAllCases(user)) return { kind: 'all' };
  return { kind: 'counsellor', userId: user.id };
}

/**
 * Visits that raised a safety concern not yet acknowledged, of the families the user sees. The partial
 * index followup_visits_concern holds only those (a few dozen: each is an alert someone acknowledges), so
 * the visits come first — CROSS JOIN fixes that order in SQLite — and each family is one primary-key
 * lookup; the other way round, a counsellor with 2,000 families would read every one of them.
 */
export function unacknowledgedConcerns(db: Db, user: SessionUser) {
  return db
    .selectFrom('followup_visits')
    .crossJoin('families')
    .whereRef('families.id', '=', 'followup_visits.family_id')
    .select([
      'followup_visits.id',
      'followup_visits.family_id',
      'followup_visits.visit_date',
      'families.archive_number',
    ])
    .where('followup_visits.safety_concern', '=', 1)
    .where('followup_visits.safety_acknowledged_at', 'is', null)
    .where('followup_visits.deleted_at', 'is', null)
    .where('families.deleted_at', 'is', null)
    .where(familyVisibility(user))
    .orderBy('followup_visits.visit_date', 'desc');
}
