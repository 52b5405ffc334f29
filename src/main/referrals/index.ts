export { referralsHandlers } from './handlers';
export { renderReferralLetter } from './print/referral-letter';
export { isOverdue, visibleReferrals, whereOverdue } from './referrals.repository';
export { auditLetterPrinted, referralLetter } from './referrals.service';
export type { ReferralsTables } from './referrals.table';
