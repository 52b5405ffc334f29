import { assertNotAfter, localDateAt } from '../../shared/calendar';
import type { RecordResult } from '../../shared/cases';
import type { ChannelOutput, ChannelParsed } from '../../shared/contract';
import { DomainError, invalidFields } from '../../shared/errors';
import {
  ageFromBirthYear,
  daysOverdue,
  dueDateOf,
  isVisitOverdue,
  QUESTIONS_BY_FOCUS,
  QUEUE_BUCKETS,
  ruleFor,
  type FollowUpRule,
  type Plan,
  type PlanCloseCause,
  type Queue,
  type Visit,
  type VisitPacket,
} from '../../shared/followups';
import type { Settings } from '../../shared/settings';
import type { SessionUser } from '../../shared/users';
import { isEligible } from '../../shared/volunteers';
import { actorOf, appendAudit } from '../audit';
import { seesAllCases } from '../cases';
import type { Db } from '../db';
import { newSyncedRow, uuidv7, type WriteCall } from '../desk';
import { displayNames, userRef } from '../users';
import { findVolunteer, volunteerIdOfUser, volunteerNames } from '../volunteers';
import {
  countQueue,
  findPlan,
  findVisibleFamilyOrThrow,
  findVisit,
  insertPlan,
  insertVisit,
  lastDoneVisitOf,
  membersOf,
  openVisitOf,
  ownScope,
  plansOfFamily,
  queuePage,
  runningPlanOf,
  unacknowledgedConcerns,
  updatePlan,
  updateVisit,
  visitsOfPlans,
  type FamilyRow,
  type QueueScope,
} from './followups.repository';
import type { PlanRow, VisitRow } from './followups.table';

/*
 * Follow-up plans and visits (docs/domain.md "Follow-up plans"). A plan is made from the settings' rule
 * for the family's result and counts from the result date; it opens one visit at a time, assigned to the
 * plan's one volunteer. Recording a visit opens the next (dueDateOf) or, after the last, closes the plan.
 * A volunteer reaches only the visits assigned to them; everyone else reaches visits through the family
 * archive's visibility. Audit details carry ids and codes only.
 */

function monthsOf(plan: PlanRow): number[] {
  return JSON.parse(plan.months) as number[];
}

function volunteerRef(names: ReadonlyMap<string, string>, id: string | null) {
  return id === null ? null : { id, name: names.get(id) ?? '' };
}

function toVisit(
  v: VisitRow,
  today: string,
  volunteers: ReadonlyMap<string, string>,
  users: ReadonlyMap<string, string>,
): Visit {
  const at = { status: v.status, dueDate: v.due_date };
  return {
    id: v.id,
    planId: v.plan_id,
    familyId: v.family_id,
    seq: v.seq,
    dueDate: v.due_date,
    status: v.status,
    overdue: isVisitOverdue(at, today),
    daysOverdue: daysOverdue(at, today),
    volunteer: volunteerRef(volunteers, v.volunteer_id),
    visitDate: v.visit_date,
    channel: v.channel,
    durationMinutes: v.duration_minutes,
    metWhom: v.met_whom,
    marriageStatus: v.marriage_status,
    childrenWellbeing: v.children_wellbeing,
    elderly: v.elderly,
    problems: v.problems,
    helpGiven: v.help_given,
    nextStep: v.next_step,
    safetyConcern: v.safety_concern === 1,
    safetyNote: v.safety_note,
    safetyAcknowledged: v.safety_acknowledged_at !== null,
    recordedBy: v.recorded_by === null ? null : userRef(users, v.recorded_by),
  };
}

async function visitsView(db: Db, visits: readonly VisitRow[], today: string): Promise<Visit[]> {
  const volunteers = await volunteerNames(
    db,
    visits.flatMap((v) => (v.volunteer_id ? [v.volunteer_id] : [])),
  );
  const users = await displayNames(
    db,
    visits.flatMap((v) => (v.recorded_by ? [v.recorded_by] : [])),
  );
  return visits.map((v) => toVisit(v, today, volunteers, users));
}

/** The family's plans with their visits and the rest of their schedule, newest plan first. */
export async function plansOfFamilyView(db: Db, familyId: string, today: string): Promise<Plan[]> {
  const plans = await plansOfFamily(db, familyId);
  const visits = await visitsView(
    db,
    await visitsOfPlans(
      db,
      plans.map((p) => p.id),
    ),
    today,
  );
  const names = await volunteerNames(
    db,
    plans.flatMap((p) => (p.volunteer_id ? [p.volunteer_id] : [])),
  );
  return plans.map((p) =>
    toPlan(
      p,
      visits.filter((v) => v.planId === p.id),
      names,
    ),
  );
}

function toPlan(p: PlanRow, visits: Visit[], names: ReadonlyMap<string, string>): Plan {
  const months = monthsOf(p);
  const last = visits.at(-1);
  // The rest of the schedule as it stands: after the last visit made or open, each at its rule's date
  // (or, after a late visit, its interval from that visit — the same rule the next visit will get).
  const upcoming: Plan['upcoming'] = [];
  if (p.status !== 'closed') {
    let previous = last ? (last.visitDate ?? last.dueDate) : null;
    for (let i = visits.length; i < months.length; i++) {
      const dueDate = dueDateOf(p.start_date, months, i, previous);
      upcoming.push({ seq: i + 1, dueDate });
      previous = dueDate;
    }
  }
  return {
    id: p.id,
    familyId: p.family_id,
    caseId: p.case_id,
    result: p.result,
    focus: p.focus,
    startDate: p.start_date,
    months,
    status: p.status,
    statusReason: p.status_reason,
    closeCause: p.close_cause,
    volunteer: volunteerRef(names, p.volunteer_id),
    visits,
    upcoming,
    questions: [...QUESTIONS_BY_FOCUS[p.focus]],
    version: p.version,
  };
}

async function planView(db: Db, plan: PlanRow, today: string): Promise<Plan> {
  const visits = await visitsView(db, await visitsOfPlans(db, [plan.id]), today);
  const names = await volunteerNames(db, plan.volunteer_id ? [plan.volunteer_id] : []);
  return toPlan(plan, visits, names);
}

// ── making plans ─────────────────────────────────────────────────────────────────────────────────────

export interface PlanBasis {
  caseId: string | null;
  result: RecordResult;
  /** The result date: every due date counts from it. */
  resultDate: string;
  hasMinorChildren: boolean;
}

/** The rule a family would get, or null (no plan under the settings' rules). */
export function planRuleFor(settings: Settings, basis: PlanBasis): FollowUpRule | null {
  return ruleFor(settings.followUpRules, basis.result, basis.hasMinorChildren);
}

/**
 * A plan for the family from the settings' rule, with its first visit open (assigned to nobody yet).
 * NO_FOLLOW_UP_RULE when the rules give this family none; PLAN_ALREADY_OPEN while another runs.
 */
export async function createPlanFor(call: WriteCall, family: FamilyRow, basis: PlanBasis): Promise<PlanRow> {
  const { db, user, now } = call;
  const rule = planRuleFor(call.open.settings, basis);
  if (!rule) throw new DomainError('NO_FOLLOW_UP_RULE');
  if (await runningPlanOf(db, family.id)) throw new DomainError('PLAN_ALREADY_OPEN');
  const at = now.toISOString();
  const synced = newSyncedRow(call.open.deviceId, at);
  const plan = await insertPlan(db, {
    id: uuidv7(now),
    family_id: family.id,
    case_id: basis.caseId,
    result: basis.result,
    focus: rule.focus,
    start_date: basis.resultDate,
    months: JSON.stringify(rule.months),
    volunteer_id: null,
    status: 'active',
    status_reason: null,
    close_cause: null,
    created_by: user.id,
    ...synced,
  });
  await insertVisit(db, {
    id: uuidv7(now),
    plan_id: plan.id,
    family_id: family.id,
    counsellor_id: family.counsellor_id,
    seq: 1,
    due_date: dueDateOf(basis.resultDate, rule.months, 0, null),
    status: 'scheduled',
    volunteer_id: null,
    safety_concern: 0,
    ...synced,
  });
  await appendAudit(
    db,
    {
      ...actorOf(user),
      action: 'followup.plan_created',
      targetType: 'followup_plan',
      targetId: plan.id,
      detail: { familyId: family.id, caseId: basis.caseId, result: basis.result, visits: rule.months.length },
    },
    now,
  );
  return plan;
}

/** Closes the family's running plans (with the cause given), cancelling their open visits; how many. */
export async function closePlansOf(
  call: WriteCall,
  familyId: string,
  cause: PlanCloseCause,
  reason: string | null,
): Promise<number> {
  const running = (await plansOfFamily(call.db, familyId)).filter((p) => p.status !== 'closed');
  for (const plan of running) await closePlan(call, plan, cause, reason);
  return running.length;
}

async function closePlan(
  call: WriteCall,
  plan: PlanRow,
  cause: PlanCloseCause,
  reason: string | null,
): Promise<PlanRow> {
  const open = await openVisitOf(call.db, plan.id);
  if (open) await updateVisit(call.db, open, { status: 'cancelled' }, call.now);
  return updatePlan(call.db, plan, { status: 'closed', close_cause: cause, status_reason: reason }, call.now);
}

// ── the channels ─────────────────────────────────────────────────────────────────────────────────────

/** A plan of a family the user sees, or PLAN_NOT_FOUND. */
async function findVisiblePlanOrThrow(
  db: Db,
  user: SessionUser,
  planId: string,
): Promise<{ plan: PlanRow; family: FamilyRow }> {
  const plan = await findPlan(db, planId);
  if (!plan) throw new DomainError('PLAN_NOT_FOUND');
  try {
    return { plan, family: await findVisibleFamilyOrThrow(db, user, plan.family_id) };
  } catch {
    throw new DomainError('PLAN_NOT_FOUND');
  }
}

/**
 * A visit the user may work on: a volunteer only their own (assigned to their profile), everyone else
 * through the family's visibility. VISIT_NOT_FOUND otherwise, the same answer as for a visit that does
 * not exist.
 */
async function findReachableVisitOrThrow(
  db: Db,
  user: SessionUser,
  visitId: string,
): Promise<{ visit: VisitRow; plan: PlanRow; family: FamilyRow }> {
  const visit = await findVisit(db, visitId);
  const plan = visit ? await findPlan(db, visit.plan_id) : undefined;
  if (!visit || !plan) throw new DomainError('VISIT_NOT_FOUND');
  if (user.role === 'volunteer') {
    const own = await volunteerIdOfUser(db, user.id);
    const family = await db
      .selectFrom('families')
      .selectAll()
      .where('id', '=', visit.family_id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (own === null || visit.volunteer_id !== own || !family) throw new DomainError('VISIT_NOT_FOUND');
    return { visit, plan, family };
  }
  try {
    return { visit, plan, family: await findVisibleFamilyOrThrow(db, user, visit.family_id) };
  } catch {
    throw new DomainError('VISIT_NOT_FOUND');
  }
}

/** 'followups.createPlan': from the newest case of the family with a signed result. */
export async function createPlan(
  call: WriteCall,
  familyId: string,
  basisOf: (family: FamilyRow) => Promise<PlanBasis | null>,
): Promise<Plan> {
  const family = await findVisibleFamilyOrThrow(call.db, call.user, familyId);
  if (family.status === 'closed') throw new DomainError('FAMILY_CLOSED');
  const basis = await basisOf(family);
  if (!basis) throw new DomainError('FAMILY_NEEDS_RESULT');
  const plan = await createPlanFor(call, family, basis);
  return planView(call.db, plan, localDateAt(call.now));
}

/** 'followups.assign': one eligible volunteer for the whole plan, the open visit included. */
export async function assignVolunteer(
  call: WriteCall,
  input: ChannelParsed<'followups.assign'>,
): Promise<Plan> {
  const { db, user, now } = call;
  const today = localDateAt(now);
  const { plan, family } = await findVisiblePlanOrThrow(db, user, input.planId);
  if (plan.status === 'closed') throw new DomainError('PLAN_NOT_ACTIVE');
  const volunteer = await findVolunteer(db, input.volunteerId);
  if (!volunteer) throw new DomainError('VOLUNTEER_NOT_FOUND');
  const facts = { active: volunteer.active === 1, pledgeSignedDate: volunteer.pledge_signed_date };
  if (!isEligible(facts, today)) throw new DomainError('VOLUNTEER_NOT_ELIGIBLE');

  const updated = await updatePlan(db, plan, { volunteer_id: volunteer.id }, now);
  const open = await openVisitOf(db, plan.id);
  if (open) await updateVisit(db, open, { volunteer_id: volunteer.id }, now);
  await appendAudit(
    db,
    {
      ...actorOf(user),
      action: 'followup.assigned',
      targetType: 'followup_plan',
      targetId: plan.id,
      detail: { familyId: family.id, volunteerId: volunteer.id, previousVolunteerId: plan.volunteer_id },
    },
    now,
  );
  return planView(db, updated, today);
}

/** 'followups.setPlanStatus': active ⇄ paused, either → closed (with a reason); closed stays closed. */
export async function setPlanStatus(
  call: WriteCall,
  input: ChannelParsed<'followups.setPlanStatus'>,
): Promise<Plan> {
  const { db, user, now } = call;
  const { plan, family } = await findVisiblePlanOrThrow(db, user, input.planId);
  if (plan.status === 'closed' || plan.status === input.status) {
    throw new DomainError('INVALID_TRANSITION', { from: plan.status, to: input.status });
  }
  if (family.status === 'closed') throw new DomainError('FAMILY_CLOSED');
  let updated: PlanRow;
  if (input.status === 'closed') {
    updated = await closePlan(call, plan, 'by_user', input.reason);
  } else {
    updated = await updatePlan(db, plan, { status: input.status, status_reason: input.reason }, now);
    // The open visit waits while the plan is paused: in no queue, never overdue.
    const open = await openVisitOf(db, plan.id);
    if (open)
      await updateVisit(db, open, { status: input.status === 'paused' ? 'on_hold' : 'scheduled' }, now);
  }
  await appendAudit(
    db,
    {
      ...actorOf(user),
      action: 'followup.plan_status_changed',
      targetType: 'followup_plan',
      targetId: plan.id,
      detail: { familyId: family.id, from: plan.status, to: input.status },
    },
    now,
  );
  return planView(db, updated, localDateAt(now));
}

/**
 * 'followups.recordVisit': the visit is done; the next of the schedule opens for the same volunteer, or
 * the plan closes as completed after the last. The date lies between the plan's start and today.
 */
export async function recordVisit(
  call: WriteCall,
  input: ChannelParsed<'followups.recordVisit'>,
): Promise<ChannelOutput<'followups.recordVisit'>> {
  const { db, user, now } = call;
  const today = localDateAt(now);
  const { visit, plan, family } = await findReachableVisitOrThrow(db, user, input.visitId);
  if (plan.status === 'paused') throw new DomainError('PLAN_NOT_ACTIVE');
  if (visit.status !== 'scheduled' || plan.status !== 'active') throw new DomainError('VISIT_NOT_OPEN');
  assertNotAfter(today, { visitDate: input.visitDate });
  if (input.visitDate < plan.start_date) throw invalidFields({ visitDate: 'invalid' });
  const previous = await lastDoneVisitOf(db, plan.id);
  if (previous?.visit_date && input.visitDate < previous.visit_date) {
    throw invalidFields({ visitDate: 'invalid' });
  }

  const at = now.toISOString();
  const done = await updateVisit(
    db,
    visit,
    {
      status: 'done',
      visit_date: input.visitDate,
      channel: input.channel,
      duration_minutes: input.durationMinutes,
      met_whom: input.metWhom,
      marriage_status: input.marriageStatus,
      children_wellbeing: input.childrenWellbeing,
      elderly: input.elderly,
      problems: input.problems,
      help_given: input.helpGiven,
      next_step: input.nextStep,
      safety_concern: input.safetyConcern ? 1 : 0,
      safety_note: input.safetyConcern ? input.safetyNote : null,
      recorded_by: user.id,
      recorded_at: at,
    },
    now,
  );
  // Read just before; another window recorded it meanwhile.
  if (!done) throw new DomainError('VISIT_NOT_OPEN');

  const months = monthsOf(plan);
  let next: VisitRow | null = null;
  let planClosed = false;
  if (visit.seq < months.length) {
    next = await insertVisit(db, {
      id: uuidv7(now),
      plan_id: plan.id,
      family_id: family.id,
      counsellor_id: family.counsellor_id,
      seq: visit.seq + 1,
      due_date: dueDateOf(plan.start_date, months, visit.seq, input.visitDate),
      status: 'scheduled',
      volunteer_id: plan.volunteer_id,
      safety_concern: 0,
      ...newSyncedRow(call.open.deviceId, at),
    });
  } else {
    await updatePlan(db, plan, { status: 'closed', close_cause: 'completed', status_reason: null }, now);
    planClosed = true;
  }
  await appendAudit(
    db,
    {
      ...actorOf(user),
      action: 'followup.visit_recorded',
      targetType: 'visit',
      targetId: visit.id,
      detail: {
        familyId: family.id,
        planId: plan.id,
        seq: visit.seq,
        safetyConcern: input.safetyConcern,
        nextVisitId: next?.id ?? null,
        planClosed,
      },
    },
    now,
  );
  const [doneView, nextView] = await visitsView(db, next ? [done, next] : [done], today);
  return { visit: doneView as Visit, next: nextView ?? null, planClosed };
}

/** 'followups.acknowledgeConcern': the counsellor in charge (or a director) has seen it. */
export async function acknowledgeConcern(call: WriteCall, visitId: string): Promise<Visit> {
  const { db, user, now } = call;
  const { visit, family } = await findReachableVisitOrThrow(db, user, visitId);
  if (visit.safety_concern !== 1) throw new DomainError('VISIT_NOT_FOUND');
  const updated =
    visit.safety_acknowledged_at === null
      ? await updateVisit(
          db,
          visit,
          { safety_acknowledged_at: now.toISOString(), safety_acknowledged_by: user.id },
          now,
        )
      : visit;
  if (!updated) throw new DomainError('VISIT_NOT_FOUND');
  if (visit.safety_acknowledged_at === null) {
    await appendAudit(
      db,
      {
        ...actorOf(user),
        action: 'followup.concern_acknowledged',
        targetType: 'visit',
        targetId: visit.id,
        detail: { familyId: family.id },
      },
      now,
    );
  }
  return (await visitsView(db, [updated], localDateAt(now)))[0] as Visit;
}

// ── the queue and the packet ─────────────────────────────────────────────────────────────────────────

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

/**
 * 'followups.packet': the minimum for one visit — the family's name and members, what to ask, the
 * counsellor's safety notes for visitors and the last visit's next step. Nothing of a case, a record or
 * a DV disclosure is read here. Audited.
 */
export async function visitPacket(call: WriteCall, visitId: string): Promise<VisitPacket> {
  const packet = await readVisitPacket(call.db, call.user, visitId, call.open.settings.office, call.now);
  await appendAudit(call.db, { ...actorOf(call.user), ...packetEntry(packet, 'viewed') }, call.now);
  return packet;
}

/** The packet's data, read only (printing audits it itself). */
export async function readVisitPacket(
  db: Db,
  user: SessionUser,
  visitId: string,
  office: Settings['office'],
  now: Date,
): Promise<VisitPacket> {
  const { visit, plan, family } = await findReachableVisitOrThrow(db, user, visitId);
  if (visit.status !== 'scheduled') throw new DomainError('VISIT_NOT_OPEN');
  const today = localDateAt(now);
  const members = await membersOf(db, family.id);
  const previous = await lastDoneVisitOf(db, plan.id);
  const volunteers = await volunteerNames(db, visit.volunteer_id ? [visit.volunteer_id] : []);
  const counsellors = await displayNames(db, [family.counsellor_id]);
  return {
    visitId: visit.id,
    archiveNumber: family.archive_number,
    familyName: family.name,
    seq: visit.seq,
    of: monthsOf(plan).length,
    dueDate: visit.due_date,
    focus: plan.focus,
    members: members.map((m) => ({
      kind: m.kind,
      relation: m.relation,
      name: m.name,
      age: ageFromBirthYear(m.birth_year, today),
    })),
    questions: [...QUESTIONS_BY_FOCUS[plan.focus]],
    safetyNotes: family.safety_notes,
    previousNextStep: previous?.next_step ?? null,
    volunteer: volunteerRef(volunteers, visit.volunteer_id),
    counsellor: userRef(counsellors, family.counsellor_id),
    office: { centreName: office.centreName, registryOffice: office.registryOffice },
  };
}

/** The audit entry of showing ('viewed') or printing a packet: ids only. */
export function packetEntry(packet: VisitPacket, how: 'viewed' | 'printed') {
  return {
    action: how === 'viewed' ? 'followup.packet_viewed' : 'followup.packet_printed',
    targetType: 'visit',
    targetId: packet.visitId,
    detail: { archiveNumber: packet.archiveNumber, seq: packet.seq },
  } as const;
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
