import { localDateAt } from '../../shared/calendar';
import type { DomainHandlers } from '../dispatcher';
import { planBasisOf } from './plan-basis';
import { assignVolunteer, createPlan, setPlanStatus } from './plans.service';
import { followUpQueue } from './queue.service';
import { acknowledgeConcern, recordVisit, visitPacket } from './visits.service';

export const followupsHandlers = {
  'followups.queue': (input, call) => followUpQueue(call.db, call.user, input, localDateAt(call.now)),
  'followups.packet': (input, call) => visitPacket(call, input.visitId),
  'followups.recordVisit': (input, call) => recordVisit(call, input),
  'followups.createPlan': (input, call) =>
    createPlan(call, input.familyId, (f) => planBasisOf(call.db, f, call.now)),
  'followups.assign': (input, call) => assignVolunteer(call, input),
  'followups.setPlanStatus': (input, call) => setPlanStatus(call, input),
  'followups.acknowledgeConcern': (input, call) => acknowledgeConcern(call, input.visitId),
} satisfies DomainHandlers<'followups'>;
