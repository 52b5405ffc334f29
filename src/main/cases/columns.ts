import { localDateAt } from '../../shared/calendar';
import type { CaseIntake, CaseUpdate, PartyInput, PartyKey } from '../../shared/cases';
import { invalidFields } from '../../shared/errors';
import type { Settings } from '../../shared/settings';
import { bit, type Db } from '../db';
import type { CasePartiesTable, CaseRow, CasesTable } from './cases.table';
import { automaticSteps, lastClosedDay, nextDeadline, timelineFor } from './timeline';

/* Form content → columns, shared by intake and update. */

export const PARTY_KEYS: readonly PartyKey[] = ['party_a', 'party_b'];

type ContentColumns = Pick<
  CaseRow,
  | 'type'
  | 'marriage_date'
  | 'children'
  | 'filing_received_date'
  | 'receipt_number'
  | 'reason_categories'
  | 'reason_text'
  | 'risk_domestic_violence'
  | 'risk_self_harm'
  | 'risk_child'
  | 'risk_elderly'
  | 'companion_user_id'
  | 'companion_name'
>;

export type PartyColumns = Pick<
  CasePartiesTable,
  | 'name'
  | 'sex'
  | 'document_type'
  | 'document_number'
  | 'birth_date'
  | 'phone'
  | 'education'
  | 'occupation'
  | 'address'
>;

export function contentColumns(input: CaseIntake | CaseUpdate): ContentColumns {
  return {
    type: input.type,
    marriage_date: input.marriageDate,
    children: JSON.stringify(input.children),
    filing_received_date: input.filing?.receivedDate ?? null,
    receipt_number: input.filing?.receiptNumber ?? null,
    reason_categories: JSON.stringify([...new Set(input.reasons.categories)]),
    reason_text: input.reasons.text,
    risk_domestic_violence: bit(input.risk.domesticViolence),
    risk_self_harm: bit(input.risk.selfHarm),
    risk_child: bit(input.risk.childAtRisk),
    risk_elderly: bit(input.risk.elderlyAtRisk),
    companion_user_id: input.companionUserId,
    // A companion with an account is named by the account.
    companion_name: input.companionUserId ? null : input.companionName,
  };
}

export function partyColumns(p: PartyInput): PartyColumns {
  return {
    name: p.name,
    sex: p.sex,
    document_type: p.documentType,
    document_number: p.documentNumber,
    birth_date: p.birthDate,
    phone: p.phone,
    education: p.education,
    occupation: p.occupation,
    address: p.address,
  };
}

/** Registration columns for a filing received on `received`, with the automatic steps already due. */
export async function registrationColumns(
  db: Db,
  settings: Pick<Settings, 'weekendsExtend' | 'closingTime'>,
  received: string,
  now: Date,
): Promise<
  Pick<
    CasesTable,
    | 'registration_status'
    | 'withdrawal_deadline'
    | 'certificate_window_start'
    | 'certificate_window_end'
    | 'next_deadline'
    | 'status_changed_at'
  >
> {
  const timeline = await timelineFor(db, settings, received);
  // A filing entered late (received weeks ago) starts where the statutory clock already is.
  const steps = automaticSteps('accepted_cooling', timeline, lastClosedDay(now, settings.closingTime));
  const status = steps.at(-1) ?? 'accepted_cooling';
  return {
    registration_status: status,
    withdrawal_deadline: timeline.withdrawalDeadline,
    certificate_window_start: timeline.certificateWindowStart,
    certificate_window_end: timeline.certificateWindowEnd,
    next_deadline: nextDeadline(status, timeline),
    status_changed_at: now.toISOString(),
  };
}

export const NO_REGISTRATION = {
  registration_status: null,
  withdrawal_deadline: null,
  certificate_window_start: null,
  certificate_window_end: null,
  next_deadline: null,
  status_changed_at: null,
} as const;

/** A filing cannot have been received after today (office-local). */
export function assertReceivedNotInFuture(input: CaseIntake | CaseUpdate, now: Date): void {
  if (input.filing && input.filing.receivedDate > localDateAt(now)) {
    throw invalidFields({ 'filing.receivedDate': 'invalid' });
  }
}
