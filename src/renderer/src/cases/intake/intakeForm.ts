import type { Dayjs } from 'dayjs';
import type { ChannelInput } from '@shared/contract';
import {
  consentCovers,
  type Child,
  type Consent,
  type CounsellingType,
  type DocumentType,
  type Education,
  type PartyKey,
  type ReasonCategory,
  type Risk,
  type Sex,
} from '@shared/cases';
import { toLocalDate } from '../../components';

export interface PartyValues {
  name?: string;
  sex?: Sex | null;
  documentType?: DocumentType | null;
  documentNumber?: string;
  birthDate?: Dayjs | null;
  phone?: string;
  education?: Education | null;
  occupation?: string;
  address?: string;
}

/** The wizard's form: the contract's shape, with pickers' Dayjs values and two switches of its own. */
export interface IntakeValues {
  type: CounsellingType;
  /** 是否已提交协议离婚申请 (only for 离婚调适辅导). */
  filed: boolean;
  filing?: { receivedDate?: Dayjs | null; receiptNumber?: string };
  /** 是否已取得单独同意. */
  hasConsent: boolean;
  consent?: { consentedBy?: Consent['consentedBy']; consentedAt?: Dayjs | null; method?: Consent['method'] };
  parties: [PartyValues, PartyValues];
  marriageDate?: Dayjs | null;
  children?: Partial<Child>[];
  reasons?: { categories?: ReasonCategory[]; text?: string };
  risk: Risk;
  counsellorId?: string;
  companionUserId?: string | null;
  companionName?: string;
}

export type IntakeInput = ChannelInput<'cases.create'>;

export const PARTY_KEYS: readonly PartyKey[] = ['party_a', 'party_b'];

/** The steps, in the order a counsellor meets the couple: consent comes before any sensitive question. */
export const STEPS = ['basics', 'consent', 'parties', 'family', 'reasons', 'risk', 'staff'] as const;
export type StepKey = (typeof STEPS)[number];

/** Which step shows the field of an input path the server complained about ('parties.0.documentNumber'). */
export function stepOfPath(path: string): StepKey | null {
  const head = path.split('.')[0] ?? '';
  switch (head) {
    case 'type':
    case 'filing':
      return 'basics';
    case 'consent':
      return 'consent';
    case 'parties':
      return 'parties';
    case 'marriageDate':
    case 'children':
      return 'family';
    case 'reasons':
      return 'reasons';
    case 'risk':
      return 'risk';
    case 'counsellorId':
    case 'companionUserId':
    case 'companionName':
      return 'staff';
    default:
      return null;
  }
}

/** The consent the form records, or null when none was given (or it is incomplete). */
export function consentOf(v: Pick<IntakeValues, 'hasConsent' | 'consent'>): Consent | null {
  const c = v.consent;
  const consentedAt = toLocalDate(c?.consentedAt);
  if (!v.hasConsent || !c?.consentedBy || !c.method || !consentedAt) return null;
  return { consentedBy: c.consentedBy, consentedAt, method: c.method };
}

/** What the consent covers: each party's own sensitive fields, and the couple's shared ones. */
export function coverage(consent: Consent | null) {
  return {
    party_a: consentCovers(consent, 'party_a'),
    party_b: consentCovers(consent, 'party_b'),
    shared: consentCovers(consent, 'shared'),
  };
}

const text = (s: string | undefined): string => s?.trim() ?? '';

function partyInput(p: PartyValues, covered: boolean): IntakeInput['parties'][number] {
  // Without consent only the minimal fields leave this form (PIPL Art. 29; docs/domain.md
  // "PIPL separate consent").
  const minimal = { name: text(p.name), sex: p.sex ?? null, phone: text(p.phone) };
  if (!covered) return minimal;
  return {
    ...minimal,
    documentType: p.documentType ?? null,
    documentNumber: text(p.documentNumber).toUpperCase(),
    birthDate: toLocalDate(p.birthDate),
    education: p.education ?? null,
    occupation: text(p.occupation),
    address: text(p.address),
  };
}

/** The form's values as 'cases.create' input; nothing sensitive goes without the consent that covers it. */
export function toIntakeInput(v: IntakeValues): IntakeInput {
  const consent = consentOf(v);
  const covers = coverage(consent);
  const receivedDate = toLocalDate(v.filing?.receivedDate);
  const filed = v.type === 'divorce_adjustment' && v.filed && receivedDate !== null;
  return {
    type: v.type,
    parties: [partyInput(v.parties[0], covers.party_a), partyInput(v.parties[1], covers.party_b)],
    filing: filed ? { receivedDate, receiptNumber: text(v.filing?.receiptNumber) } : null,
    marriageDate: covers.shared ? toLocalDate(v.marriageDate) : null,
    children: covers.shared
      ? (v.children ?? []).flatMap((c) =>
          c.age !== undefined && c.age !== null && c.livesWith
            ? [{ age: c.age, livesWith: c.livesWith }]
            : [],
        )
      : [],
    reasons: covers.shared
      ? { categories: v.reasons?.categories ?? [], text: text(v.reasons?.text) }
      : { categories: [], text: '' },
    risk: v.risk,
    consent,
    counsellorId: v.counsellorId ?? null,
    companionUserId: v.companionUserId ?? null,
    companionName: v.companionUserId ? '' : text(v.companionName),
  };
}
