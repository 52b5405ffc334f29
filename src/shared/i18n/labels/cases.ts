import type { z } from 'zod';
import type {
  CaseSort,
  Child,
  ConsentMethodSchema,
  ConsentedBySchema,
  CounsellingType,
  DocumentType,
  Education,
  PartyKey,
  ReasonCategory,
  RecordResult,
  RegistrationStatus,
  RiskFlag,
  Sex,
  WithdrawnBySchema,
} from '../../cases';
import type { DisclosedBy } from '../../dv';
import type { ChannelKind, CounsellingRecord, HalfDay, Satisfaction } from '../../records';
import type { Dashboard } from '../../dashboard';
import type { SearchMatchField } from '../../search';
import { label, type Labels } from './label';

/*
 * Cases and counselling records. Wording follows docs/domain.md's vocabulary and MZ/T 084—2017 appendix D
 * (婚姻家庭辅导服务记录表); screens, printed forms and the county report all read it from here.
 */

/** Whoever a case names: a party, both, a child or someone else (DV disclosures, withdrawals, attendees). */
type Party = PartyKey | z.infer<typeof WithdrawnBySchema> | DisclosedBy;

export const casesLabels = {
  caseTypes: {
    divorce_adjustment: label('离婚调适辅导', 'Divorce adjustment'),
    premarital: label('婚前辅导', 'Pre-marital'),
    marital: label('婚姻关系辅导', 'Marital relationship'),
    family: label('家庭关系辅导', 'Family relationship'),
  } satisfies Labels<CounsellingType>,
  sexes: {
    male: label('男', 'Male'),
    female: label('女', 'Female'),
  } satisfies Labels<Sex>,
  documentTypes: {
    resident_id: label('居民身份证', 'Resident ID card'),
    passport: label('护照', 'Passport'),
    hk_macau_permit: label('港澳居民来往内地通行证', 'HK/Macau travel permit'),
    taiwan_permit: label('台湾居民来往大陆通行证', 'Taiwan travel permit'),
    foreign_permanent_resident: label('外国人永久居留身份证', 'Foreign permanent resident ID'),
    other: label('其他证件', 'Other document'),
  } satisfies Labels<DocumentType>,
  education: {
    primary: label('小学', 'Primary school'),
    junior: label('初中', 'Junior secondary'),
    senior: label('高中/中专', 'Senior secondary / vocational'),
    college: label('大专', 'College'),
    bachelor: label('本科', 'Bachelor'),
    postgraduate: label('研究生', 'Postgraduate'),
    unknown: label('不详', 'Unknown'),
  } satisfies Labels<Education>,
  reasonCategories: {
    incompatibility: label('感情不和', 'Incompatibility'),
    domestic_violence: label('家庭暴力', 'Domestic violence'),
    infidelity: label('婚外情', 'Infidelity'),
    financial: label('经济纠纷', 'Money disputes'),
    in_laws: label('婆媳及家庭成员矛盾', 'In-law and family conflicts'),
    addiction: label('赌博、酗酒等不良嗜好', 'Gambling, drinking or other addictions'),
    parenting: label('子女教育分歧', 'Disagreement on raising children'),
    separation: label('长期分居', 'Long separation'),
    other: label('其他', 'Other'),
  } satisfies Labels<ReasonCategory>,
  /** Every status follows the registry's acceptance, so the first is named by its period alone (a list's tag). */
  registrationStatuses: {
    accepted_cooling: label('冷静期中', 'Cooling-off'),
    withdrawn: label('已撤回', 'Withdrawn'),
    awaiting_certificate: label('待领证', 'Awaiting certificate'),
    deemed_withdrawn: label('视为撤回', 'Deemed withdrawn'),
    registered: label('已登记离婚', 'Divorce registered'),
    refused: label('不予登记', 'Refused'),
  } satisfies Labels<RegistrationStatus>,
  parties: {
    party_a: label('当事人甲', 'Party A'),
    party_b: label('当事人乙', 'Party B'),
    both: label('双方', 'Both'),
    other: label('其他人', 'Someone else'),
    child: label('子女', 'A child'),
  } satisfies Labels<Party>,
  livesWith: {
    party_a: label('随当事人甲', 'Lives with party A'),
    party_b: label('随当事人乙', 'Lives with party B'),
    both: label('双方轮流', 'With both in turn'),
    other: label('其他人抚养', 'With someone else'),
  } satisfies Labels<Child['livesWith']>,
  consentBy: {
    both: label('双方当事人', 'Both parties'),
    party_a: label('仅当事人甲', 'Party A only'),
    party_b: label('仅当事人乙', 'Party B only'),
  } satisfies Labels<z.infer<typeof ConsentedBySchema>>,
  consentMethods: {
    written: label('书面签署', 'Signed in writing'),
    oral_recorded: label('口头同意并记录', 'Oral, recorded'),
    electronic: label('电子确认', 'Electronic confirmation'),
  } satisfies Labels<z.infer<typeof ConsentMethodSchema>>,
  riskFlags: {
    domesticViolence: label('家庭暴力', 'Domestic violence'),
    selfHarm: label('自伤自杀风险', 'Self-harm or suicide risk'),
    childAtRisk: label('儿童处于危险', 'Child at risk'),
    elderlyAtRisk: label('老人处于危险', 'Elderly person at risk'),
  } satisfies Labels<RiskFlag>,
  /** The case list's small tags: the risk flags in a word, and a recorded DV disclosure. */
  riskTags: {
    domesticViolence: label('家暴', 'DV'),
    selfHarm: label('自伤风险', 'Self-harm'),
    childAtRisk: label('儿童风险', 'Child'),
    elderlyAtRisk: label('老人风险', 'Elderly'),
    dvDisclosed: label('已登记家暴情况', 'DV recorded'),
  } satisfies Labels<RiskFlag | 'dvDisclosed'>,
  caseSorts: {
    received_desc: label('受理日期（最新在前）', 'Received date (newest first)'),
    deadline_asc: label('撤回截止日（最近在前）', 'Withdrawal deadline (soonest first)'),
    created_desc: label('建档时间（最新在前）', 'Opened (newest first)'),
    case_number: label('案件编号', 'Case number'),
  } satisfies Labels<CaseSort>,
  searchMatched: {
    name: label('姓名', 'Name'),
    pinyinInitials: label('拼音首字母', 'Pinyin initials'),
    caseNumber: label('案件编号', 'Case number'),
    receiptNumber: label('回执单编号', 'Receipt number'),
    idLast4: label('证件号后四位', 'ID last 4'),
    notes: label('辅导记录', 'Counselling notes'),
  } satisfies Labels<SearchMatchField>,
  deadlineKinds: {
    withdrawal_deadline: label('撤回截止', 'Withdrawal deadline'),
    certificate_window_end: label('领证期间届满', 'Certificate window ends'),
  } satisfies Labels<Dashboard['deadlinesSoon'][number]['kind']>,
  halfDays: {
    am: label('上午', 'Morning'),
    pm: label('下午', 'Afternoon'),
  } satisfies Labels<HalfDay>,
  channels: {
    face_to_face: label('面对面', 'Face to face'),
    voice: label('声对声', 'Phone'),
    text: label('字对字', 'Online text'),
  } satisfies Labels<ChannelKind>,
  results: {
    reconcile: label('表示和好', 'Reconciled'),
    postpone: label('暂缓离婚', 'Divorce postponed'),
    divorce: label('选择离婚', 'Chose divorce'),
  } satisfies Labels<RecordResult>,
  satisfaction: {
    satisfied: label('满意', 'Satisfied'),
    basic: label('基本满意', 'Mostly satisfied'),
    dissatisfied: label('不满意', 'Dissatisfied'),
  } satisfies Labels<Satisfaction>,
  recordStatuses: {
    draft: label('草稿', 'Draft'),
    signed: label('已签署', 'Signed'),
  } satisfies Labels<CounsellingRecord['status']>,
};
