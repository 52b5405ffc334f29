export { referralsContract } from './contract';
export {
  AWAITING_REPLY_STATUSES,
  canTransitionReferral,
  REFERRAL_STATUSES,
  REFERRAL_TARGETS,
  REFERRAL_TRANSITIONS,
  ReferralStatusSchema,
  ReferralSubjectSchema,
  ReferralTargetSchema,
} from './schemas';
export type {
  AwaitingReplyStatus,
  Referral,
  ReferralLetter,
  ReferralStatus,
  ReferralSubject,
  ReferralTarget,
} from './schemas';
