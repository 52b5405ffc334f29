import type { CertificateState, VolunteerIneligibleReason, VolunteerProfession } from '../../volunteers';
import { label, type Labels } from './label';

/* The volunteer corps (志愿者). */

export const volunteersLabels = {
  professions: {
    judge: label('法官', 'Judge'),
    police_officer: label('警官', 'Police officer'),
    lawyer: label('律师', 'Lawyer'),
    psychological_counsellor: label('心理咨询师', 'Psychological counsellor'),
    marriage_family_counsellor: label('婚姻家庭咨询师', 'Marriage and family counsellor'),
    marriage_registrar: label('婚姻登记员', 'Marriage registrar'),
    social_worker: label('社工', 'Social worker'),
    teacher: label('教师', 'Teacher'),
    other: label('其他', 'Other'),
  } satisfies Labels<VolunteerProfession>,
  ineligibleReasons: {
    inactive: label('已停止服务', 'Inactive'),
    no_pledge: label('未签署保密承诺书', 'No confidentiality pledge'),
  } satisfies Labels<VolunteerIneligibleReason>,
  certificateStates: {
    valid: label('有效', 'Valid'),
    expiring: label('30 天内到期', 'Expires within 30 days'),
    expired: label('已过期', 'Expired'),
    no_expiry: label('长期有效', 'No expiry'),
  } satisfies Labels<CertificateState>,
};
