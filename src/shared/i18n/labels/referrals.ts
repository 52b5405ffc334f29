import type { ReferralStatus, ReferralSubject, ReferralTarget } from '../../referrals';
import { label, type Labels } from './label';

/*
 * Referrals (转介). A target's label is also the addressee of a referral letter that names no particular
 * body, so it is the receiving body's full name (公安机关, 人民法院).
 */

export const referralsLabels = {
  referralTargets: {
    police: label('公安机关', 'Police'),
    court: label('人民法院', 'Court'),
    legal_aid: label('法律援助机构', 'Legal aid'),
    psychological: label('心理咨询机构', 'Psychological counselling'),
    womens_federation: label('妇联维权部门', "Women's federation rights office"),
    hotline_12338: label('12338妇女维权服务热线', '12338 hotline'),
    shelter: label('庇护场所', 'Shelter'),
    other: label('其他机构', 'Other'),
  } satisfies Labels<ReferralTarget>,
  /** The receiving body's answer is its own act: 被拒绝 says the body refused, not the desk. */
  referralStatuses: {
    created: label('已创建', 'Created'),
    sent: label('已发送', 'Sent'),
    accepted: label('已接收', 'Accepted'),
    rejected: label('被拒绝', 'Rejected'),
    done: label('已办结', 'Done'),
  } satisfies Labels<ReferralStatus>,
  referralSubjects: {
    party_a: label('当事人甲', 'Party A'),
    party_b: label('当事人乙', 'Party B'),
    both: label('双方当事人', 'Both parties'),
  } satisfies Labels<ReferralSubject>,
};
