import { localDateAt } from '../../shared/calendar';
import type { CaseDetail, CaseIntake, Consent, PartyInput } from '../../shared/cases';
import type { ChannelParsed } from '../../shared/contract';
import { DomainError } from '../../shared/errors';
import { actorOf, appendAudit } from '../audit';
import { newSyncedRow, uuidv7, type WriteCall } from '../desk';
import { seesAllCases } from './access';
import {
  findVisibleCaseOrThrow,
  insertCase,
  insertParty,
  nextCaseNumber,
  updateCaseRow,
} from './cases.repository';
import {
  assertReceivedNotInFuture,
  contentColumns,
  NO_REGISTRATION,
  PARTY_KEYS,
  partyColumns,
  registrationColumns,
} from './columns';
import { loadCaseDetail } from './detail';
import { caseWriteHooks } from './hooks';
import { checkCaseUsers, checkConsent, checkDocuments } from './intake-checks';
import { sweepForCall } from './registration';

/*
 * Case intake, detail and consent (update: update.ts). Every write runs in the call's one transaction with
 * its audit entry and the case hooks (search index); every opening of a detail is audited ('case.viewed').
 */

const detailOf = (call: WriteCall, caseId: string): Promise<CaseDetail> =>
  loadCaseDetail(call.db, caseId, localDateAt(call.now), call.open.settings.closingTime);

export async function createCase(call: WriteCall, input: ChannelParsed<'cases.create'>): Promise<CaseDetail> {
  const { db, user, now } = call;
  const counsellorId = input.counsellorId ?? user.id;
  // A counsellor records cases they will work on; directors assign anyone.
  if (!seesAllCases(user) && counsellorId !== user.id && input.companionUserId !== user.id) {
    throw new DomainError('FORBIDDEN');
  }
  checkConsent(input, input.consent);
  const parties = checkDocuments(input.parties);
  assertReceivedNotInFuture(input, now);
  await checkCaseUsers(db, { counsellorId, companionUserId: input.companionUserId });

  const today = localDateAt(now);
  const id = uuidv7(now);
  const caseNumber = await nextCaseNumber(db, call.open.deviceId, input.type, today);
  const registration = input.filing
    ? await registrationColumns(db, call.open.settings, input.filing.receivedDate, now)
    : NO_REGISTRATION;
  const synced = newSyncedRow(call.open.deviceId, now.toISOString());
  await insertCase(db, {
    id,
    case_number: caseNumber,
    received_date: input.filing?.receivedDate ?? today,
    ...contentColumns(input),
    dv_disclosed: 0,
    consent_by: input.consent?.consentedBy ?? null,
    consent_at: input.consent?.consentedAt ?? null,
    consent_method: input.consent?.method ?? null,
    counsellor_id: counsellorId,
    ...registration,
    withdrawal_by: null,
    withdrawal_date: null,
    withdrawal_confirmation: null,
    registered_date: null,
    refusal_date: null,
    refusal_reason: null,
    result: null,
    created_by: user.id,
    ...synced,
  });
  for (const [i, party] of parties.entries()) {
    await insertParty(db, {
      id: uuidv7(now),
      case_id: id,
      party: PARTY_KEYS[i]!,
      ...partyColumns(party),
      ...synced,
    });
  }
  await appendAudit(
    db,
    {
      ...actorOf(user),
      action: 'case.created',
      targetType: 'case',
      targetId: id,
      detail: {
        caseNumber,
        type: input.type,
        filing: input.filing !== null,
        status: registration.registration_status,
        consent: input.consent !== null,
      },
    },
    now,
  );
  if (input.consent) await auditConsent(call, id, input.consent);
  await caseWriteHooks.run(db, [id]);
  return detailOf(call, id);
}

async function auditConsent(call: WriteCall, caseId: string, consent: Consent): Promise<void> {
  await appendAudit(
    call.db,
    {
      ...actorOf(call.user),
      action: 'case.consent_recorded',
      targetType: 'case',
      targetId: caseId,
      detail: { consentedBy: consent.consentedBy, consentedAt: consent.consentedAt, method: consent.method },
    },
    call.now,
  );
}

/** 'cases.get': brings registration statuses up to date, then returns and audits the opening. */
export async function getCase(call: WriteCall, caseId: string): Promise<CaseDetail> {
  await sweepForCall(call);
  await findVisibleCaseOrThrow(call.db, call.user, caseId);
  const detail = await detailOf(call, caseId);
  await appendAudit(
    call.db,
    { ...actorOf(call.user), action: 'case.viewed', targetType: 'case', targetId: caseId },
    call.now,
  );
  return detail;
}

/** Records (or replaces) the separate consent; the data already held must stay covered by it. */
export async function recordConsent(
  call: WriteCall,
  input: ChannelParsed<'cases.recordConsent'>,
): Promise<CaseDetail> {
  const row = await findVisibleCaseOrThrow(call.db, call.user, input.caseId);
  const detail = await detailOf(call, row.id);
  const held: Pick<CaseIntake, 'parties' | 'marriageDate' | 'children' | 'reasons'> = {
    parties: [partyInput(detail.parties[0]), partyInput(detail.parties[1])],
    marriageDate: detail.marriageDate,
    children: detail.children,
    reasons: detail.reasons,
  };
  checkConsent(held, input.consent);
  await updateCaseRow(
    call.db,
    row.id,
    {
      consent_by: input.consent.consentedBy,
      consent_at: input.consent.consentedAt,
      consent_method: input.consent.method,
    },
    call.now,
  );
  await auditConsent(call, row.id, input.consent);
  await caseWriteHooks.run(call.db, [row.id]);
  return detailOf(call, row.id);
}

function partyInput(p: CaseDetail['parties'][number]): PartyInput {
  const { key: _key, documentNumberMasked: _masked, ...rest } = p;
  return rest;
}

/**
 * For supervision (assign / transfer): makes `counsellorId` the counsellor in charge, inside the caller's
 * transaction (which writes its own audit entry). Runs the case hooks.
 */
export async function setCaseCounsellor(
  call: WriteCall,
  caseId: string,
  counsellorId: string,
): Promise<void> {
  await updateCaseRow(call.db, caseId, { counsellor_id: counsellorId }, call.now);
  await caseWriteHooks.run(call.db, [caseId]);
}
