import type { CaseDetail, Child, Consent, PartyDetail, ReasonCategory } from '../../shared/cases';
import { maskResidentId } from '../../shared/rules';
import type { Db } from '../db';
import { displayNames } from '../users';
import { getCaseRow, loadParties } from './cases.repository';
import type { CasePartyRow, CaseRow } from './cases.table';

/* Rows → the CaseDetail the contract returns (the full picture, for users who may see the case). */

export function consentOf(
  row: Pick<CaseRow, 'consent_by' | 'consent_at' | 'consent_method'>,
): Consent | null {
  if (!row.consent_by || !row.consent_at || !row.consent_method) return null;
  return { consentedBy: row.consent_by, consentedAt: row.consent_at, method: row.consent_method };
}

/** Masked for lists and printouts: resident IDs with maskResidentId, other documents the same way. */
export function maskedDocument(row: Pick<CasePartyRow, 'document_number'>): string | null {
  return row.document_number ? maskResidentId(row.document_number) : null;
}

/** The DV risk flag or a recorded DV disclosure hides address and phone in lists and printouts. */
export function hidesContacts(row: Pick<CaseRow, 'risk_domestic_violence' | 'dv_disclosed'>): boolean {
  return row.risk_domestic_violence === 1 || row.dv_disclosed === 1;
}

export function toPartyDetail(p: CasePartyRow): PartyDetail {
  return {
    key: p.party,
    name: p.name,
    sex: p.sex,
    documentType: p.document_type,
    documentNumber: p.document_number,
    documentNumberMasked: maskedDocument(p),
    birthDate: p.birth_date,
    phone: p.phone,
    education: p.education,
    occupation: p.occupation,
    address: p.address,
  };
}

export function toCaseDetail(
  row: CaseRow,
  parties: [CasePartyRow, CasePartyRow],
  names: ReadonlyMap<string, string>,
  today: string,
  closingTime: string,
): CaseDetail {
  const filing =
    row.filing_received_date && row.receipt_number
      ? { receivedDate: row.filing_received_date, receiptNumber: row.receipt_number }
      : null;
  const registration =
    row.registration_status &&
    row.withdrawal_deadline &&
    row.certificate_window_start &&
    row.certificate_window_end
      ? {
          status: row.registration_status,
          timeline: {
            withdrawalDeadline: row.withdrawal_deadline,
            certificateWindowStart: row.certificate_window_start,
            certificateWindowEnd: row.certificate_window_end,
          },
          closingTime,
          withdrawal:
            row.withdrawal_by && row.withdrawal_date && row.withdrawal_confirmation
              ? {
                  by: row.withdrawal_by,
                  date: row.withdrawal_date,
                  confirmationNumber: row.withdrawal_confirmation,
                }
              : null,
          registeredDate: row.registered_date,
          refusal:
            row.refusal_date && row.refusal_reason
              ? { date: row.refusal_date, reason: row.refusal_reason }
              : null,
          statusChangedAt: row.status_changed_at ?? row.created_at,
        }
      : null;
  const companion = row.companion_user_id
    ? { userId: row.companion_user_id, name: names.get(row.companion_user_id) ?? '' }
    : row.companion_name
      ? { userId: null, name: row.companion_name }
      : null;
  return {
    id: row.id,
    caseNumber: row.case_number,
    type: row.type,
    receivedDate: row.received_date,
    parties: [toPartyDetail(parties[0]), toPartyDetail(parties[1])],
    marriageDate: row.marriage_date,
    children: JSON.parse(row.children) as Child[],
    filing,
    reasons: { categories: JSON.parse(row.reason_categories) as ReasonCategory[], text: row.reason_text },
    risk: {
      domesticViolence: row.risk_domestic_violence === 1,
      selfHarm: row.risk_self_harm === 1,
      childAtRisk: row.risk_child === 1,
      elderlyAtRisk: row.risk_elderly === 1,
    },
    dvDisclosed: row.dv_disclosed === 1,
    consent: consentOf(row),
    counsellor: { id: row.counsellor_id, displayName: names.get(row.counsellor_id) ?? '' },
    companion,
    registration,
    result: row.result,
    today,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The detail of a case already known to be visible to the caller. */
export async function loadCaseDetail(
  db: Db,
  caseId: string,
  today: string,
  closingTime: string,
): Promise<CaseDetail> {
  const row = await getCaseRow(db, caseId);
  const parties = await loadParties(db, caseId);
  const names = await displayNames(db, [
    row.counsellor_id,
    ...(row.companion_user_id ? [row.companion_user_id] : []),
  ]);
  return toCaseDetail(row, parties, names, today, closingTime);
}
