export { ReferralsTab } from './ReferralsTab';
export { ReferralStatusTag } from './ReferralStatusTag';
