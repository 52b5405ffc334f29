import {
  daysOverdue,
  dueDateOf,
  isVisitOverdue,
  QUESTIONS_BY_FOCUS,
  type Plan,
  type Visit,
} from '../../shared/followups';
import type { Db } from '../db';
import { displayNames, userRef } from '../users';
import { volunteerNames } from '../volunteers';
import { plansOfFamily, visitsOfPlans } from './followups.repository';
import type { PlanRow, VisitRow } from './followups.table';

/*
 * Plans and visits as the screens get them (Plan, Visit): the rest of a plan's schedule, names of the
 * volunteers and recorders. Read only.
 */

export function monthsOf(plan: PlanRow): number[] {
  return JSON.parse(plan.months) as number[];
}

export function volunteerRef(names: ReadonlyMap<string, string>, id: string | null) {
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

export async function visitsView(db: Db, visits: readonly VisitRow[], today: string): Promise<Visit[]> {
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

export function toPlan(p: PlanRow, visits: Visit[], names: ReadonlyMap<string, string>): Plan {
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

export async function planView(db: Db, plan: PlanRow, today: string): Promise<Plan> {
  const visits = await visitsView(db, await visitsOfPlans(db, [plan.id]), today);
  const names = await volunteerNames(db, plan.volunteer_id ? [plan.volunteer_id] : []);
  return toPlan(plan, visits, names);
}
