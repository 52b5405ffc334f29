import type { ReferralTarget } from '../../shared/referrals';
import type { Random } from './random';

/*
 * Words for the protection and aftercare rows of the demo desk: DV facts, referral reasons, follow-up
 * visits, family archives and help links, volunteers' certificates and training, outreach events,
 * supervision instructions. Invented, deterministic.
 */

export const DV_FACTS = [
  '女方陈述：近一年来男方酒后多次动手打人，最近一次发生在上周，女方手臂有淤青。',
  '女方称男方经常辱骂、威胁，并限制其与娘家联系，女方长期处于恐惧之中。',
  '女方陈述争吵中被男方推倒在地，头部撞到桌角，曾到医院就诊。',
  '男方称女方多次用物品砸伤自己，双方均有报警记录。',
  '孩子向辅导员反映，父亲喝酒后会打母亲，自己很害怕。',
];
export const DV_INJURIES = [
  '手臂、背部多处淤青，有照片',
  '医院门诊病历一份',
  '派出所出警记录',
  '未见明显外伤',
];
export const DV_WISHES = [
  '希望离婚，要求孩子由自己抚养',
  '暂不希望报警，希望男方保证不再动手',
  '希望申请人身安全保护令',
  '希望先到娘家暂住，考虑后再作决定',
];

export const REFERRAL_REASONS: Record<ReferralTarget, readonly string[]> = {
  police: ['当事人遭受家庭暴力，请依法出具告诫书。', '当事人反映受到人身威胁，请协助处理。'],
  court: ['当事人申请人身安全保护令，请依法受理。', '双方就子女抚养问题争议较大，引导通过诉讼解决。'],
  legal_aid: [
    '当事人经济困难，需要法律援助办理离婚财产分割事宜。',
    '当事人咨询子女抚养费问题，需专业法律意见。',
  ],
  psychological: [
    '当事人情绪低落、失眠，建议接受专业心理咨询。',
    '孩子受父母矛盾影响出现厌学情绪，需心理辅导。',
  ],
  womens_federation: ['请妇联维权部门跟进当事人的权益保障。', '当事人需要就业帮扶，请妇联协助链接资源。'],
  hotline_12338: ['已告知当事人12338妇女维权热线，由热线跟进咨询。'],
  shelter: ['当事人暂无安全住所，请临时庇护所予以安置。'],
  other: ['请社区居委会协助关注家庭情况。'],
};
export const REFERRAL_TARGET_NAMES: Record<ReferralTarget, readonly string[]> = {
  police: ['明水派出所', '双山派出所', '绣惠派出所', '埠村派出所', '相公庄派出所'],
  court: ['章丘区人民法院', '章丘区人民法院明水法庭'],
  legal_aid: ['章丘区法律援助中心'],
  psychological: ['章丘区心理健康服务中心', '区人民医院心理科'],
  womens_federation: ['章丘区妇联权益部'],
  hotline_12338: ['12338妇女维权热线'],
  shelter: ['章丘区救助管理站'],
  other: ['所在社区居委会'],
};
export const REFERRAL_NOTES = {
  sent: ['转介函已送达', '已电话联系对方并送达转介函'],
  accepted: ['对方已受理', '已安排专人跟进'],
  rejected: ['当事人不再需要', '不属于对方受理范围'],
  done: ['已办结，当事人表示满意', '已办结，对方反馈处理结果'],
} as const;

export const MET_WHOM = ['夫妻双方', '女方', '男方', '女方及孩子', '男方母亲', '全家'];
export const CHILDREN_WELLBEING = [
  '孩子学习正常，情绪稳定',
  '孩子与父母关系融洽',
  '孩子有些内向，已建议多陪伴',
  '孩子由奶奶照看，生活有保障',
];
export const ELDERLY = ['老人身体健康', '老人需要照顾，双方分工明确', '老人与子女同住，关系和睦'];
export const PROBLEMS = [
  '双方偶有争吵，但能够及时沟通',
  '家庭经济压力仍然较大',
  '男方工作忙，陪伴家人时间少',
  '暂无明显问题',
  '抚养费支付偶有拖延',
];
export const HELP_GIVEN = [
  '进行了心理疏导',
  '介绍了就业培训信息',
  '讲解了抚养费相关法律规定',
  '鼓励双方参加幸福课堂',
];
export const NEXT_STEP = [
  '按计划继续回访',
  '下次回访重点关注孩子情况',
  '电话回访即可',
  '建议邀请双方参加亲子活动',
];
export const SAFETY_NOTES = ['女方反映男方近期又有酒后打骂行为', '孩子反映家中争吵激烈，情绪不稳'];
export const FAMILY_NEEDS = [
  '需要心理支持',
  '需要就业帮扶',
  '孩子需要课业辅导',
  '老人需要照护资源',
  '需要法律咨询',
];
export const FAMILY_SAFETY = ['回访时避免与男方单独见面', '回访前先电话联系女方'];
export const FAMILY_CLOSE_REASONS = ['回访计划已完成，家庭关系稳定', '家庭已迁出本县', '当事人不再需要回访'];
export const PLAN_PAUSE_REASONS = ['当事人外出务工，暂停回访', '家庭要求暂缓回访'];
export const HELP_PROGRAMMES = ['妇联“家和万事兴”帮扶项目', '巾帼家政就业培训', '困境儿童关爱行动'];

/** 一果一联: the federation's contact person for the family. */
export function helperName(r: Random, name: string): string {
  return `${r.pick(['明水', '双山', '绣惠', '埠村', '相公庄', '龙山'])}街道妇联 ${name}`;
}

export const CERTIFICATES: Record<string, readonly string[]> = {
  judge: ['法官资格证'],
  police_officer: ['人民警察证'],
  lawyer: ['律师执业证', '法律职业资格证书'],
  psychological_counsellor: ['心理咨询师证书', '心理治疗师资格证'],
  marriage_family_counsellor: ['婚姻家庭咨询师证书'],
  marriage_registrar: ['婚姻登记员资格证'],
  social_worker: ['社会工作者职业资格证书'],
  teacher: ['教师资格证'],
  other: ['志愿服务培训结业证'],
};
export const TRAINING_TOPICS = [
  '婚姻家庭辅导技巧',
  '民法典婚姻家庭编解读',
  '反家庭暴力法与强制报告制度',
  '个人信息保护与保密要求',
  '危机干预基础',
  '离婚冷静期辅导实务',
  '儿童心理与亲子沟通',
];
export const EVALUATION_NOTES = [
  '服务认真负责，当事人评价好',
  '按时完成回访任务',
  '专业能力强，积极参加培训',
  null,
];

export const EVENT_TOPICS: Record<string, readonly string[]> = {
  premarital_training: ['婚前辅导：经营幸福婚姻', '新婚夫妻沟通技巧', '婚前财产与民法典'],
  happiness_class: ['幸福课堂：夫妻沟通的艺术', '幸福课堂：做智慧父母', '幸福课堂：婆媳相处之道'],
  civil_code_promotion: ['民法典进社区', '民法典婚姻家庭编宣讲', '反家庭暴力法宣传'],
  online_course: ['线上课堂：离婚冷静期那些事', '线上课堂：亲子关系'],
  other: ['家庭教育讲座', '关爱留守儿童主题活动'],
};
export const EVENT_PLACES = [
  '婚姻登记处辅导室',
  '婚姻登记处大厅',
  '明水街道新时代文明实践站',
  '双山街道社区服务中心',
  '绣惠街道综合文化站',
  '区妇女儿童活动中心',
  '线上（微信视频号）',
];
export const GUEST_SPEAKERS = ['区妇联 刘主任', '区法院 王法官', '心理咨询师 陈老师', '司法所 赵所长'];

export const SUPERVISE_INSTRUCTIONS = [
  '请在冷静期届满前完成第二次面谈并及时签署辅导记录。',
  '该案涉及未成年子女，请重点关注子女抚养安排。',
  '请跟进转介办理情况并反馈。',
];
export const SUPERVISE_CLOSE_NOTES = ['已按要求完成', '已面谈并签署记录', '已反馈办理结果'];
