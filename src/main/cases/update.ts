import type { Transaction } from 'kysely';
import { DomainError } from '../../shared/errors';
import type { ChannelParsed } from '../../shared/contract';
import { localDateAt } from '../../shared/calendar';
import type { CaseDetail, CaseUpdate } from '../../shared/cases';
import type { DB } from '../db';
import type { CaseRow } from './cases.table';
import { appendAudit, actorOf } from '../audit';
import { findVisibleCaseOrThrow } from './access';
import {
  contentColumns,
  NO_REGISTRATION,
  PARTY_KEYS,
  partyColumns,
  receivedInFuture,
  registrationColumns,
  type PartyColumns,
} from './columns';
import { consentOf, loadCaseDetail } from './detail';
import { runCaseWriteHooks } from './hooks';
import { checkCaseUsers, checkConsent, checkDocuments } from './intake-checks';
import type { DeskContext } from '../desk';

/*
 * 'cases.update': the intake's rules again (consent as recorded, ID checks, people), then only what
 * changed is written; the audit entry names the changed fields, never their values.
 */

/**
 * The registration columns after an update. The filing may be added, corrected or removed only while the
 * statutory clock is still running (accepted_cooling / awaiting_certificate) — a corrected received date
 * recomputes the timeline and the status from the start.
 */
async function filingChange(
  ctx: DeskContext,
  trx: Transaction<DB>,
  row: CaseRow,
  input: CaseUpdate,
  now: Date,
): Promise<Partial<CaseRow>> {
  const before = row.filing_received_date;
  const after = input.filing?.receivedDate ?? null;
  if (before === after) return {};
  const open =
    row.registration_status === 'accepted_cooling' || row.registration_status === 'awaiting_certificate';
  if (before !== null && !open) throw new DomainError('INVALID_TRANSITION');
  const registration = after === null ? NO_REGISTRATION : await registrationColumns(ctx, trx, after, now);
  return { ...registration, received_date: after ?? localDateAt(new Date(row.created_at)) };
}

export async function updateCase(
  ctx: DeskContext,
  input: ChannelParsed<'cases.update'>,
): Promise<CaseDetail> {
  const open = ctx.session.requireOpen();
  const db = open.store.db;
  const locale = ctx.prefs.language;
  const row = await findVisibleCaseOrThrow(db, open.user, input.caseId);
  checkConsent(input, consentOf(row), locale);
  const parties = checkDocuments(input.parties, locale);
  receivedInFuture(ctx, input);
  await checkCaseUsers(db, { companionUserId: input.companionUserId }, locale);

  const now = ctx.clock.now();
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    const registration = await filingChange(ctx, trx, row, input, now);
    const columns = { ...contentColumns(input), ...registration };
    const changed = Object.keys(columns).filter(
      (k) => columns[k as keyof typeof columns] !== row[k as keyof CaseRow],
    );
    const partyRows = await trx
      .selectFrom('case_parties')
      .selectAll()
      .where('case_id', '=', row.id)
      .execute();
    for (const [i, party] of parties.entries()) {
      const current = partyRows.find((p) => p.party === PARTY_KEYS[i]);
      if (!current) throw new Error('case without its two parties');
      const next = partyColumns(party);
      const diff = (Object.keys(next) as (keyof PartyColumns)[]).filter((k) => next[k] !== current[k]);
      if (diff.length === 0) continue;
      changed.push(...diff.map((k) => `parties.${i}.${k}`));
      await trx
        .updateTable('case_parties')
        .set((eb) => ({ ...next, updated_at: at, version: eb('version', '+', 1) }))
        .where('id', '=', current.id)
        .execute();
    }
    if (changed.length === 0) return;
    await trx
      .updateTable('cases')
      .set((eb) => ({ ...columns, updated_at: at, version: eb('version', '+', 1) }))
      .where('id', '=', row.id)
      .execute();
    // Column names only: never the values.
    await appendAudit(
      trx,
      {
        ...actorOf(open.user),
        action: 'case.updated',
        targetType: 'case',
        targetId: row.id,
        detail: { changed: changed.join(',') },
      },
      now,
    );
    if (
      registration.registration_status !== undefined &&
      registration.registration_status !== row.registration_status
    ) {
      await appendAudit(
        trx,
        {
          ...actorOf(open.user),
          action: 'case.status_changed',
          targetType: 'case',
          targetId: row.id,
          detail: { from: row.registration_status, to: registration.registration_status, automatic: false },
        },
        now,
      );
    }
    await runCaseWriteHooks(trx, row.id);
  });
  return loadCaseDetail(db, ctx, row.id);
}
