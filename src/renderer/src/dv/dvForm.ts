import type { Dayjs } from 'dayjs';
import type { ChannelInput } from '@shared/contract';
import type { DisclosedBy, DvDisclosure, DvRiskLevel } from '@shared/dv';
import { fromLocalDate, toLocalDate, todayPicker } from '../components';

export interface DvValues {
  disclosedBy: DisclosedBy;
  disclosedByName?: string;
  disclosedAt: Dayjs | null;
  facts?: string;
  injuriesEvidence?: string;
  riskLevel?: DvRiskLevel;
  victimWishes?: string;
  minorsInvolved: boolean;
  victimLacksCapacity: boolean;
  helpInfoGiven: boolean;
  hasWarningLetter: boolean;
  warningLetter?: { number?: string; issuedAt?: Dayjs | null };
  hasProtectionOrder: boolean;
  protectionOrder?: { number?: string; issuedAt?: Dayjs | null; expiresAt?: Dayjs | null };
  /** Create only: the mandatory report was already made. */
  hasReport: boolean;
  mandatoryReport?: { reportedAt?: Dayjs | null; reportedTo?: string; reference?: string };
}

export const newDvValues = (): DvValues => ({
  disclosedBy: 'party_b',
  disclosedAt: todayPicker(),
  minorsInvolved: false,
  victimLacksCapacity: false,
  helpInfoGiven: false,
  hasWarningLetter: false,
  hasProtectionOrder: false,
  hasReport: false,
});

export const dvValuesOf = (d: DvDisclosure): DvValues => ({
  disclosedBy: d.disclosedBy,
  disclosedByName: d.disclosedByName ?? '',
  disclosedAt: fromLocalDate(d.disclosedAt),
  facts: d.facts,
  injuriesEvidence: d.injuriesEvidence ?? '',
  riskLevel: d.riskLevel,
  victimWishes: d.victimWishes ?? '',
  minorsInvolved: d.minorsInvolved,
  victimLacksCapacity: d.victimLacksCapacity,
  helpInfoGiven: d.helpInfoGiven,
  hasWarningLetter: d.warningLetter !== null,
  warningLetter: d.warningLetter
    ? { number: d.warningLetter.number, issuedAt: fromLocalDate(d.warningLetter.issuedAt) }
    : undefined,
  hasProtectionOrder: d.protectionOrder !== null,
  protectionOrder: d.protectionOrder
    ? {
        number: d.protectionOrder.number,
        issuedAt: fromLocalDate(d.protectionOrder.issuedAt),
        expiresAt: fromLocalDate(d.protectionOrder.expiresAt),
      }
    : undefined,
  hasReport: false,
});

const text = (s: string | undefined) => s?.trim() ?? '';

type Fields = Omit<ChannelInput<'dv.update'>, 'disclosureId'>;

export function toDvFields(v: DvValues): Fields {
  return {
    disclosedBy: v.disclosedBy,
    disclosedByName: v.disclosedBy === 'other' ? text(v.disclosedByName) : '',
    disclosedAt: toLocalDate(v.disclosedAt) ?? '',
    facts: text(v.facts),
    injuriesEvidence: text(v.injuriesEvidence),
    riskLevel: v.riskLevel ?? 'medium',
    victimWishes: text(v.victimWishes),
    minorsInvolved: v.minorsInvolved,
    victimLacksCapacity: v.victimLacksCapacity,
    helpInfoGiven: v.helpInfoGiven,
    warningLetter: v.hasWarningLetter
      ? { number: text(v.warningLetter?.number), issuedAt: toLocalDate(v.warningLetter?.issuedAt) ?? '' }
      : null,
    protectionOrder: v.hasProtectionOrder
      ? {
          number: text(v.protectionOrder?.number),
          issuedAt: toLocalDate(v.protectionOrder?.issuedAt) ?? '',
          expiresAt: toLocalDate(v.protectionOrder?.expiresAt) ?? '',
        }
      : null,
  };
}

export function toMandatoryReport(v: DvValues): ChannelInput<'dv.create'>['mandatoryReport'] {
  if (!v.hasReport || !(v.minorsInvolved || v.victimLacksCapacity)) return null;
  return {
    reportedAt: toLocalDate(v.mandatoryReport?.reportedAt) ?? '',
    reportedTo: text(v.mandatoryReport?.reportedTo),
    reference: text(v.mandatoryReport?.reference),
  };
}
