import { localDateAt } from '../../shared/calendar';
import type { RecordResult } from '../../shared/cases';
import type { ChannelParsed } from '../../shared/contract';
import { DomainError } from '../../shared/errors';
import {
  dueDateOf,
  ruleFor,
  type FollowUpRule,
  type Plan,
  type PlanCloseCause,
} from '../../shared/followups';
import type { Settings } from '../../shared/settings';
import type { SessionUser } from '../../shared/users';
import { isEligible } from '../../shared/volunteers';
import { actorOf, appendAudit } from '../audit';
import type { Db } from '../db';
import { newSyncedRow, uuidv7, type WriteCall } from '../desk';
import { findVolunteer } from '../volunteers';
import {
  findPlan,
  findVisibleFamilyOrThrow,
  insertPlan,
  insertVisit,
  openVisitOf,
  plansOfFamily,
  runningPlanOf,
  updatePlan,
  updateVisit,
  type FamilyRow,
} from './followups.repository';
import type { PlanRow } from './followups.table';
import { planView } from './views';

/*
 * Follow-up plans (docs/domain.md "Follow-up plans"). A plan is made from the settings' rule for the
 * family's result and counts from the result date; it opens one visit at a time, assigned to the plan's one
 * volunteer. Pausing puts the open visit on hold; closing cancels it. Audit details carry ids and codes only.
 */

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
      detail: { familyId: family.id, caseId: basis.caseId },
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
