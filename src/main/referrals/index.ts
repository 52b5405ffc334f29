export { referralsHandlers } from './handlers';
export { renderReferralLetter } from './print/referral-letter';
export { nextReferenceNumber, visibleReferrals, whereOverdue } from './referrals.repository';
export { letterPrintedEntry, referralLetter } from './referrals.service';
export type { ReferralsTables } from './referrals.table';
