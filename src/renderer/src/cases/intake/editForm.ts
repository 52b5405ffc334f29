import type { ChannelInput } from '@shared/contract';
import type { CaseDetail, PartyDetail } from '@shared/cases';
import { fromLocalDate, todayPicker } from '../../components';
import { toIntakeInput, type IntakeValues, type PartyValues } from './intakeForm';

/*
 * 编辑案件 reuses the intake form: a case's detail becomes the wizard's values, and the wizard's values
 * become 'cases.update' input. Consent and the counsellor in charge are shown but never sent: consent
 * changes through 记录单独同意, the counsellor only through supervision (assign / transfer).
 */

export type CaseUpdateInput = ChannelInput<'cases.update'>;

function partyValues(p: PartyDetail): PartyValues {
  return {
    name: p.name,
    sex: p.sex,
    documentType: p.documentType,
    documentNumber: p.documentNumber ?? '',
    birthDate: fromLocalDate(p.birthDate),
    phone: p.phone ?? '',
    education: p.education,
    occupation: p.occupation ?? '',
    address: p.address ?? '',
  };
}

/** The form's values for a case as the desk answered it (the full detail, not the masked list row). */
export function valuesOfCase(detail: CaseDetail): IntakeValues {
  const consent = detail.consent;
  return {
    type: detail.type,
    filed: detail.filing !== null,
    filing: {
      receivedDate: fromLocalDate(detail.filing?.receivedDate) ?? todayPicker(),
      receiptNumber: detail.filing?.receiptNumber ?? '',
    },
    // The recorded consent decides which fields are enabled, exactly as on the intake's later steps.
    hasConsent: consent !== null,
    consent: consent
      ? {
          consentedBy: consent.consentedBy,
          consentedAt: fromLocalDate(consent.consentedAt),
          method: consent.method,
        }
      : undefined,
    parties: [partyValues(detail.parties[0]), partyValues(detail.parties[1])],
    marriageDate: fromLocalDate(detail.marriageDate),
    children: detail.children.map((c) => ({ ...c })),
    reasons: { categories: [...detail.reasons.categories], text: detail.reasons.text ?? '' },
    risk: { ...detail.risk },
    counsellorId: detail.counsellor.id,
    companionUserId: detail.companion?.userId ?? null,
    companionName: detail.companion && !detail.companion.userId ? detail.companion.name : '',
  };
}

/** The form's values as 'cases.update' input (the intake's conversion, without consent and counsellor). */
export function toUpdateInput(caseId: string, values: IntakeValues): CaseUpdateInput {
  const { consent: _consent, counsellorId: _counsellorId, ...fields } = toIntakeInput(values);
  return { ...fields, caseId };
}
