export { volunteersContract } from './contract';
export {
  CERTIFICATE_WARNING_DAYS,
  certificateState,
  COUNSELLING_SESSION_HOURS,
  ineligibleReasons,
  isEligible,
  serviceHours,
  VOLUNTEER_INELIGIBLE_REASONS,
} from './rules';
export type {
  CertificateState,
  EligibilityFacts,
  ServiceHours,
  ServiceHoursFacts,
  VolunteerIneligibleReason,
} from './rules';
export {
  CERTIFICATE_STATES,
  ReasonSchema,
  RemoveSchema,
  VOLUNTEER_PROFESSIONS,
  VolunteerCreateSchema,
  VolunteerProfessionSchema,
  VolunteerUpdateSchema,
} from './schemas';
export type {
  VolunteerCreate,
  VolunteerDetail,
  VolunteerListFilter,
  VolunteerProfession,
  VolunteerSummary,
  VolunteerUpdate,
} from './schemas';
