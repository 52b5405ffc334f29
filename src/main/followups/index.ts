export { followupsHandlers } from './handlers';
export {
  countQueue,
  familyVisibility,
  findVisibleFamilyOrThrow,
  membersOf,
  ownScope,
  unacknowledgedConcerns,
  type FamilyRow,
  type MemberRow,
} from './followups.repository';
export { closePlansOf, createPlanFor, planRuleFor } from './plans.service';
export type { PlanBasis } from './plans.service';
export { dashboardFollowUps } from './queue.service';
export { plansOfFamilyView } from './views';
export { packetEntry, readVisitPacket } from './visits.service';
export { planBasisForCase, planBasisOf } from './plan-basis';
export { renderVisitPacket } from './print/visit-packet';
export type { FollowupsTables } from './followups.table';
