import type { ReasonCategory, RecordResult } from '../../shared/cases';
import type { Random } from './random';

/*
 * The casework prose of the demo desk: interview notes (询问笔录), intervention assessments (介入评估),
 * family situations and reasons, written the way a counsellor writes them — stock phrasing with the
 * case's own facts (years married, children, what the conflict is about) put in. Invented, deterministic.
 */

export interface NoteFacts {
  reasons: readonly ReasonCategory[];
  yearsMarried: number | null;
  children: readonly { age: number }[];
  /** 0 for the first session. */
  session: number;
  /** The result this session ends in. */
  result: RecordResult;
}

const CONFLICT: Record<ReasonCategory, readonly string[]> = {
  incompatibility: [
    '双方性格差异较大，遇事沟通方式不同，积怨较深。',
    '男方性格内向，不善表达；女方认为男方对家庭事务漠不关心。',
    '双方在生活习惯上分歧明显，长期冷战，近半年基本不交流。',
  ],
  domestic_violence: [
    '女方称争吵中男方有推搡行为，对此心存恐惧。',
    '双方争执时曾发生肢体冲突，女方情绪紧张。',
  ],
  infidelity: [
    '女方怀疑男方与他人有不正当交往，双方信任基础受损。',
    '男方承认曾与异性交往过密，表示已经断绝联系。',
    '一方婚外情被发现后，双方多次争吵，感情出现裂痕。',
  ],
  financial: [
    '男方做生意亏损后家庭负债，双方对还款安排争执不下。',
    '双方对家庭收入的支配意见不一，女方认为男方花钱没有计划。',
    '因购房贷款压力较大，双方经常为钱争吵。',
  ],
  in_laws: [
    '婆媳矛盾长期存在，男方夹在中间不知如何处理。',
    '女方认为男方父母过多干涉小家庭生活。',
    '双方因照顾老人的分工问题产生矛盾。',
  ],
  addiction: [
    '男方长期饮酒，酒后情绪失控，女方难以忍受。',
    '男方沉迷网络游戏，很少顾家，女方对此十分不满。',
    '男方有赌博行为，家庭积蓄受损。',
  ],
  parenting: ['双方在孩子的教育方式上分歧较大，经常当着孩子的面争吵。', '孩子学习成绩下滑后，双方互相指责。'],
  separation: ['男方常年在外地务工，夫妻长期分居，感情逐渐淡漠。', '双方两地分居多年，联系越来越少。'],
  other: ['双方对婚后生活的期望差距较大。', '因工作调动问题双方意见不合。'],
};

const OPENINGS = [
  '双方按约定时间来到辅导室，辅导员介绍了辅导的目的和保密原则。',
  '辅导员向双方说明了离婚冷静期的相关规定及双方享有的权利。',
  '双方同时到场，情绪较为平稳，同意接受辅导。',
  '女方先到，辅导员与其单独交谈，随后男方到场。',
  '通过电话与双方约定本次辅导，双方均按时参加。',
];
const FOLLOW_OPENINGS = [
  '本次为跟进辅导，辅导员先了解了上次辅导后双方的相处情况。',
  '双方反馈上次辅导后争吵有所减少。',
  '辅导员回顾了上次辅导中双方约定的事项，询问落实情况。',
  '女方表示这段时间双方尝试了沟通，但仍有顾虑。',
];
const PROCESS = [
  '辅导员引导双方回顾恋爱和婚后的美好时光，双方均有所触动。',
  '辅导员运用倾听和共情技术，帮助双方表达各自的感受和需要。',
  '辅导员引导双方换位思考，理解对方的难处。',
  '辅导员帮助双方梳理矛盾的来龙去脉，区分情绪和事实。',
  '辅导员就财产分割和子女抚养问题向双方讲解了民法典的相关规定。',
  '女方情绪激动时，辅导员进行了情绪疏导，待其平复后继续交谈。',
  '辅导员建议双方在冷静期内减少正面冲突，每周安排一次平心静气的交流。',
];
const STATEMENTS = [
  '男方表示：“我知道自己以前做得不够，希望她能再给我一次机会。”',
  '女方表示：“我不是非要离婚，只是想让他认识到问题。”',
  '男方表示愿意改正，承诺多承担家务和照顾孩子。',
  '女方称已经考虑很久，离婚的决心比较坚定。',
  '双方都表示，最放心不下的是孩子。',
  '男方认为双方的问题可以通过沟通解决，不同意离婚。',
  '女方表示需要时间考虑，暂不作决定。',
];
const CLOSING: Record<RecordResult, readonly string[]> = {
  reconcile: [
    '经过辅导，双方表示愿意和好，决定撤回离婚登记申请。',
    '双方当场表示和好，约定今后遇事多商量。',
    '双方达成和解，辅导员建议其参加幸福课堂，巩固关系。',
  ],
  postpone: [
    '双方同意暂缓离婚，在冷静期内继续观察，约定下次面谈时间。',
    '双方表示需要时间冷静考虑，暂缓办理离婚。',
    '辅导员建议双方利用冷静期认真考虑，两周后再次面谈。',
  ],
  divorce: [
    '双方离婚意愿坚决，辅导员就子女抚养、财产分割等事项提示了注意事项。',
    '经辅导，双方仍选择离婚，表示会妥善安排孩子的生活。',
    '双方协商一致选择离婚，辅导员提醒双方在证件期内到场办理。',
  ],
};

const ASSESSMENTS = [
  '双方感情尚有基础，矛盾主要源于沟通不畅，存在挽回的可能，建议继续跟进辅导。',
  '双方矛盾积累时间较长，情绪对立明显，需关注女方情绪状态，必要时转介心理咨询。',
  '双方对子女均有较强的责任感，可以以子女为切入点开展辅导。',
  '男方改变意愿较强，女方仍有顾虑，建议给予双方更多沟通机会。',
  '双方离婚意愿坚定，辅导重点转向子女抚养安排和离婚后的关系调适。',
  '家庭经济压力是主要诱因，建议链接就业和法律援助资源。',
  '双方原生家庭介入较多，建议邀请双方父母共同参与下次辅导。',
  '风险评估：目前未发现自伤、伤人倾向，继续观察。',
];

const REMARKS = [
  '已告知双方可拨打12338妇女维权热线寻求帮助。',
  '双方签署了隐私保护告知书。',
  '约定两周后电话回访。',
  '男方要求下次辅导安排在周末。',
  '女方希望下次辅导时单独面谈。',
];

const REASON_TEXT: Record<ReasonCategory, string> = {
  incompatibility: '性格不合，长期沟通不畅',
  domestic_violence: '一方存在家庭暴力行为',
  infidelity: '一方婚外情导致感情破裂',
  financial: '家庭经济纠纷、债务问题',
  in_laws: '与对方父母矛盾较深',
  addiction: '一方有酗酒、赌博等不良嗜好',
  parenting: '子女教育问题分歧大',
  separation: '长期两地分居，感情淡漠',
  other: '其他家庭矛盾',
};

const childWords = (children: readonly { age: number }[]): string =>
  children.length === 0
    ? '暂无子女'
    : `育有${children.length === 1 ? '一个孩子' : `${children.length}个孩子`}（${children.map((c) => `${c.age}岁`).join('、')}）`;

/** 询问笔录: opening, the conflict, the counselling, what they said, how it ended (≈150–300 characters). */
export function interviewNotes(r: Random, facts: NoteFacts): string {
  const parts: string[] = [r.pick(facts.session === 0 ? OPENINGS : FOLLOW_OPENINGS)];
  if (facts.session === 0 && facts.yearsMarried !== null) {
    parts.push(`双方结婚${facts.yearsMarried}年，${childWords(facts.children)}。`);
  }
  const reasons = facts.reasons.length > 0 ? facts.reasons : (['incompatibility'] as const);
  for (const reason of reasons.slice(0, 2)) parts.push(r.pick(CONFLICT[reason]));
  parts.push(...r.sample(PROCESS, r.int(1, 2)));
  parts.push(r.pick(STATEMENTS));
  parts.push(r.pick(CLOSING[facts.result]));
  return parts.join('');
}

export function assessment(r: Random): string {
  return r.sample(ASSESSMENTS, r.int(1, 2)).join('');
}

export function remarks(r: Random): string {
  return r.pick(REMARKS);
}

export function familySituation(r: Random, facts: Pick<NoteFacts, 'yearsMarried' | 'children'>): string {
  const married = facts.yearsMarried === null ? '婚龄不详' : `结婚${facts.yearsMarried}年`;
  const home = r.pick(['与男方父母同住', '单独居住', '与女方父母同住', '在城区购房居住', '租房居住']);
  return `${married}，${childWords(facts.children)}，${home}。`;
}

export function reasonText(r: Random, reasons: readonly ReasonCategory[]): string {
  const text = reasons.map((c) => REASON_TEXT[c]).join('；');
  return r.chance(0.5) ? `${text}。` : `${text}，双方多次协商未果。`;
}

export const ADDENDA = [
  '补记：女方事后来电，表示双方已恢复正常交流。',
  '补记：男方来电询问撤回离婚登记申请的手续，已告知。',
  '补记：经核实，上次记录中孩子的年龄有误，应以户口簿为准。',
  '补记：双方已到登记处办理撤回手续。',
];
