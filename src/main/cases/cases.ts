import type { Transaction } from 'kysely';
import { DomainError } from '../../shared/errors';
import type { ChannelOutput, ChannelParsed } from '../../shared/contract';
import { localDateAt } from '../../shared/calendar';
import type { CaseDetail, CaseIntake, Consent, PartyInput } from '../../shared/cases';
import { uuidv7, type DeskContext, newSyncedRow } from '../desk';
import type { DB } from '../db';
import { appendAudit, actorOf } from '../audit';
import { findVisibleCaseOrThrow, seesAllCases } from './access';
import { loadCaseDetail } from './detail';
import { runCaseWriteHooks } from './hooks';
import {
  contentColumns,
  NO_REGISTRATION,
  PARTY_KEYS,
  partyColumns,
  receivedInFuture,
  registrationColumns,
} from './columns';
import { checkCaseUsers, checkConsent, checkDocuments } from './intake-checks';
import { nextCaseNumber } from './case-numbers';
import { sweepRegistrations } from './registration';

/*
 * Case intake, detail and consent (update: case-update.ts). Every write is one transaction with its
 * audit entry and the case hooks (search index); every opening of a detail is audited ('case.viewed').
 */

export async function createCase(
  ctx: DeskContext,
  input: ChannelParsed<'cases.create'>,
): Promise<CaseDetail> {
  const open = ctx.session.requireOpen();
  const { user } = open;
  const db = open.store.db;
  const locale = ctx.prefs.language;
  const counsellorId = input.counsellorId ?? user.id;
  // A counsellor records cases they will work on; directors assign anyone.
  if (!seesAllCases(user) && counsellorId !== user.id && input.companionUserId !== user.id) {
    throw new DomainError('FORBIDDEN');
  }
  checkConsent(input, input.consent, locale);
  const parties = checkDocuments(input.parties, locale);
  receivedInFuture(ctx, input);
  await checkCaseUsers(db, { counsellorId, companionUserId: input.companionUserId }, locale);

  const now = ctx.clock.now();
  const at = now.toISOString();
  const today = localDateAt(now);
  const id = uuidv7(now);
  await db.transaction().execute(async (trx) => {
    const caseNumber = await nextCaseNumber(trx, open.deviceId, input.type, today);
    const registration = input.filing
      ? await registrationColumns(ctx, trx, input.filing.receivedDate, now)
      : NO_REGISTRATION;
    const synced = newSyncedRow(open.deviceId, at);
    await trx
      .insertInto('cases')
      .values({
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
      })
      .execute();
    for (const [i, party] of parties.entries()) {
      await trx
        .insertInto('case_parties')
        .values({ id: uuidv7(now), case_id: id, party: PARTY_KEYS[i]!, ...partyColumns(party), ...synced })
        .execute();
    }
    await appendAudit(
      trx,
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
    if (input.consent) await auditConsent(trx, ctx, id, input.consent, now);
    await runCaseWriteHooks(trx, id);
  });
  return loadCaseDetail(db, ctx, id);
}

async function auditConsent(
  trx: Transaction<DB>,
  ctx: DeskContext,
  caseId: string,
  consent: Consent,
  now: Date,
): Promise<void> {
  await appendAudit(
    trx,
    {
      ...actorOf(ctx.session.requireOpen().user),
      action: 'case.consent_recorded',
      targetType: 'case',
      targetId: caseId,
      detail: { consentedBy: consent.consentedBy, consentedAt: consent.consentedAt, method: consent.method },
    },
    now,
  );
}

/** 'cases.get': brings registration statuses up to date, then returns and audits the opening. */
export async function getCase(ctx: DeskContext, caseId: string): Promise<CaseDetail> {
  const open = ctx.session.requireOpen();
  const db = open.store.db;
  await sweepRegistrations(ctx);
  await findVisibleCaseOrThrow(db, open.user, caseId);
  const detail = await loadCaseDetail(db, ctx, caseId);
  await appendAudit(
    db,
    { ...actorOf(open.user), action: 'case.viewed', targetType: 'case', targetId: caseId },
    ctx.clock.now(),
  );
  return detail;
}

/** Records (or replaces) the separate consent; the data already held must stay covered by it. */
export async function recordConsent(
  ctx: DeskContext,
  input: ChannelParsed<'cases.recordConsent'>,
): Promise<CaseDetail> {
  const open = ctx.session.requireOpen();
  const db = open.store.db;
  const row = await findVisibleCaseOrThrow(db, open.user, input.caseId);
  const detail = await loadCaseDetail(db, ctx, row.id);
  const held: Pick<CaseIntake, 'parties' | 'marriageDate' | 'children' | 'reasons'> = {
    parties: [partyInput(detail.parties[0]), partyInput(detail.parties[1])],
    marriageDate: detail.marriageDate,
    children: detail.children,
    reasons: detail.reasons,
  };
  checkConsent(held, input.consent, ctx.prefs.language);
  const now = ctx.clock.now();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('cases')
      .set((eb) => ({
        consent_by: input.consent.consentedBy,
        consent_at: input.consent.consentedAt,
        consent_method: input.consent.method,
        updated_at: now.toISOString(),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', row.id)
      .execute();
    await auditConsent(trx, ctx, row.id, input.consent, now);
    await runCaseWriteHooks(trx, row.id);
  });
  return loadCaseDetail(db, ctx, row.id);
}

function partyInput(p: CaseDetail['parties'][number]): PartyInput {
  const { key: _key, documentNumberMasked: _masked, ...rest } = p;
  return rest;
}

/** Active counsellors and directors for the pickers. */
export async function listCounsellors(ctx: DeskContext): Promise<ChannelOutput<'cases.counsellors'>> {
  const { store } = ctx.session.requireOpen();
  const rows = await store.db
    .selectFrom('users')
    .select(['id', 'display_name', 'role'])
    .where('role', 'in', ['counsellor', 'director'])
    .where('disabled', '=', 0)
    .where('deleted_at', 'is', null)
    .orderBy('display_name')
    .execute();
  return rows.map((r) => ({ id: r.id, displayName: r.display_name, role: r.role }));
}

/**
 * For supervision (assign / transfer): makes `counsellorId` the counsellor in charge, inside the caller's
 * transaction (which writes its own audit entry). Runs the case hooks.
 */
export async function setCaseCounsellor(
  trx: Transaction<DB>,
  caseId: string,
  counsellorId: string,
  at: Date,
): Promise<void> {
  await trx
    .updateTable('cases')
    .set((eb) => ({
      counsellor_id: counsellorId,
      updated_at: at.toISOString(),
      version: eb('version', '+', 1),
    }))
    .where('id', '=', caseId)
    .execute();
  await runCaseWriteHooks(trx, caseId);
}

/** For the protection service: a DV disclosure now exists, so lists and printouts hide contacts. */
export async function markDvDisclosed(trx: Transaction<DB>, caseId: string, at: Date): Promise<void> {
  await trx
    .updateTable('cases')
    .set((eb) => ({ dv_disclosed: 1, updated_at: at.toISOString(), version: eb('version', '+', 1) }))
    .where('id', '=', caseId)
    .where('dv_disclosed', '=', 0)
    .execute();
}
