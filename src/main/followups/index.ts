export { followupsHandlers } from './handlers';
export {
  familyVisibility,
  findVisibleFamilyOrThrow,
  membersOf,
  type FamilyRow,
  type MemberRow,
} from './followups.repository';
export {
  closePlansOf,
  createPlanFor,
  dashboardFollowUps,
  packetEntry,
  planRuleFor,
  plansOfFamilyView,
  readVisitPacket,
} from './followups.service';
export type { PlanBasis } from './followups.service';
export { planBasisForCase, planBasisOf } from './plan-basis';
export { renderVisitPacket } from './print/visit-packet';
export type { FollowupsTables } from './followups.table';
