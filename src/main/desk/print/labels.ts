import type {
  CounsellingType,
  DocumentType,
  Education,
  ReasonCategory,
  RecordResult,
  RegistrationStatus,
  Sex,
} from '../../../shared/cases';
import type { ReferralStatus } from '../../../shared/referrals';
import type { ChannelKind, HalfDay, Satisfaction } from '../../../shared/records';

/*
 * The Chinese wording printed on forms (DOMAIN.md vocabulary; MZ/T 084—2017 appendix D terms). Printouts
 * are always Chinese, whatever the UI language: they go into the office's paper archive.
 */

export const COUNSELLING_TYPE_ZH: Record<CounsellingType, string> = {
  premarital: '婚前辅导',
  marital: '婚姻关系辅导',
  family: '家庭关系辅导',
  divorce_adjustment: '离婚调适辅导',
};
/** The order of appendix D's 辅导类别 row. */
export const COUNSELLING_TYPE_ORDER: readonly CounsellingType[] = [
  'premarital',
  'marital',
  'family',
  'divorce_adjustment',
];

export const RESULT_ZH: Record<RecordResult, string> = {
  reconcile: '表示和好',
  postpone: '暂缓离婚',
  divorce: '选择离婚',
};
export const RESULT_ORDER: readonly RecordResult[] = ['reconcile', 'postpone', 'divorce'];

export const SATISFACTION_ZH: Record<Satisfaction, string> = {
  satisfied: '满意',
  basic: '基本满意',
  dissatisfied: '不满意',
};
export const SATISFACTION_ORDER: readonly Satisfaction[] = ['satisfied', 'basic', 'dissatisfied'];

export const CHANNEL_ZH: Record<ChannelKind, string> = {
  face_to_face: '面对面',
  voice: '声对声',
  text: '字对字',
};
export const CHANNEL_ORDER: readonly ChannelKind[] = ['face_to_face', 'voice', 'text'];

export const HALF_DAY_ZH: Record<HalfDay, string> = { am: '上午', pm: '下午' };

export const SEX_ZH: Record<Sex, string> = { male: '男', female: '女' };

export const EDUCATION_ZH: Record<Education, string> = {
  primary: '小学',
  junior: '初中',
  senior: '高中/中专',
  college: '大专',
  bachelor: '本科',
  postgraduate: '研究生',
  unknown: '不详',
};

export const DOCUMENT_TYPE_ZH: Record<DocumentType, string> = {
  resident_id: '居民身份证',
  passport: '护照',
  hk_macau_permit: '港澳居民来往内地通行证',
  taiwan_permit: '台湾居民来往大陆通行证',
  foreign_permanent_resident: '外国人永久居留身份证',
  other: '其他证件',
};

export const REGISTRATION_STATUS_ZH: Record<RegistrationStatus, string> = {
  accepted_cooling: '已受理（冷静期内）',
  withdrawn: '已撤回',
  awaiting_certificate: '待领证',
  deemed_withdrawn: '视为撤回',
  registered: '已登记离婚',
  refused: '不予登记',
};

export const REASON_ZH: Record<ReasonCategory, string> = {
  incompatibility: '感情不和',
  domestic_violence: '家庭暴力',
  infidelity: '婚外情',
  financial: '经济纠纷',
  in_laws: '婆媳及家庭成员矛盾',
  addiction: '赌博、酗酒等不良嗜好',
  parenting: '子女教育分歧',
  separation: '长期分居',
  other: '其他',
};

export const REFERRAL_STATUS_ZH: Record<ReferralStatus, string> = {
  created: '已创建',
  sent: '已发送',
  accepted: '已接收',
  rejected: '已拒绝',
  done: '已办结',
};

export const PARTY_ZH = { party_a: '当事人甲', party_b: '当事人乙' } as const;

/** 2026-03-02 → 2026年3月2日 (dates on Chinese forms). */
export function dateZh(date: string | null | undefined): string {
  if (!date) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** 全角空格 between items on one line (interpolated: the source must not hold irregular whitespace). */
export const WIDE_SPACE = '\u3000';
