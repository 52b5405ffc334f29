import { assertNotAfter, localDateAt } from '../../shared/calendar';
import type { ChannelOutput, ChannelParsed } from '../../shared/contract';
import { DomainError, invalidFields } from '../../shared/errors';
import {
  ageFromBirthYear,
  dueDateOf,
  QUESTIONS_BY_FOCUS,
  type Visit,
  type VisitPacket,
} from '../../shared/followups';
import type { Settings } from '../../shared/settings';
import type { SessionUser } from '../../shared/users';
import { actorOf, appendAudit } from '../audit';
import type { Db } from '../db';
import { newSyncedRow, uuidv7, type WriteCall } from '../desk';
import { displayNames, userRef } from '../users';
import { volunteerIdOfUser, volunteerNames } from '../volunteers';
import {
  findPlan,
  findVisibleFamilyOrThrow,
  findVisit,
  insertVisit,
  lastDoneVisitOf,
  membersOf,
  updatePlan,
  updateVisit,
  type FamilyRow,
} from './followups.repository';
import type { PlanRow, VisitRow } from './followups.table';
import { monthsOf, visitsView, volunteerRef } from './views';

/*
 * Follow-up visits (docs/domain.md "Follow-up plans"). Recording a visit opens the next (dueDateOf) or,
 * after the last, closes the plan. A volunteer reaches only the visits assigned to them; everyone else
 * reaches visits through the family archive's visibility. The packet is the minimum for one visit.
 */

/**
 * A visit the user may work on: a volunteer only their own (assigned to their profile), everyone else
 * through the family's visibility. VISIT_NOT_FOUND otherwise, the same answer as for a visit that does
 * not exist.
 */
export async function findReachableVisitOrThrow(
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
