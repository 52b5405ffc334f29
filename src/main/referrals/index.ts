export { referralsHandlers } from './handlers';
export { renderReferralLetter } from './print/referral-letter';
export { referralDvVisibility, referralLetter } from './referrals';
export type { ReferralsTables } from './referrals.table';
