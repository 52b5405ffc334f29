import { localDateAt } from '../../shared/calendar';
import type { CaseDetail, CaseUpdate } from '../../shared/cases';
import type { ChannelParsed } from '../../shared/contract';
import { DomainError } from '../../shared/errors';
import { actorOf, appendAudit } from '../audit';
import type { WriteCall } from '../desk';
import { findVisibleCaseOrThrow, partyRowsOf, updateCaseRow, updatePartyRow } from './cases.repository';
import type { CaseRow } from './cases.table';
import {
  assertReceivedNotInFuture,
  contentColumns,
  NO_REGISTRATION,
  PARTY_KEYS,
  partyColumns,
  registrationColumns,
  type PartyColumns,
} from './columns';
import { consentOf, loadCaseDetail } from './detail';
import { caseWriteHooks } from './hooks';
import { checkCaseUsers, checkConsent, checkDocuments } from './intake-checks';

/*
 * 'cases.update': the intake's rules again (consent as recorded, ID checks, people), then only what
 * changed is written; the audit entry names the changed fields, never their values.
 */

/**
 * The registration columns after an update. The filing may be added, corrected or removed only while the
 * statutory clock is still running (accepted_cooling / awaiting_certificate) — a corrected received date
 * recomputes the timeline and the status from the start.
 */
async function filingChange(call: WriteCall, row: CaseRow, input: CaseUpdate): Promise<Partial<CaseRow>> {
  const before = row.filing_received_date;
  const after = input.filing?.receivedDate ?? null;
  if (before === after) return {};
  const open =
    row.registration_status === 'accepted_cooling' || row.registration_status === 'awaiting_certificate';
  if (before !== null && !open) throw new DomainError('INVALID_TRANSITION');
  const registration =
    after === null
      ? NO_REGISTRATION
      : await registrationColumns(call.db, call.open.settings, after, call.now);
  return { ...registration, received_date: after ?? localDateAt(new Date(row.created_at)) };
}

export async function updateCase(call: WriteCall, input: ChannelParsed<'cases.update'>): Promise<CaseDetail> {
  const { db, user, now } = call;
  const row = await findVisibleCaseOrThrow(db, user, input.caseId);
  checkConsent(input, consentOf(row));
  const parties = checkDocuments(input.parties);
  assertReceivedNotInFuture(input, now);
  await checkCaseUsers(db, { companionUserId: input.companionUserId });

  const registration = await filingChange(call, row, input);
  const columns = { ...contentColumns(input), ...registration };
  const changed = Object.keys(columns).filter(
    (k) => columns[k as keyof typeof columns] !== row[k as keyof CaseRow],
  );
  const partyRows = await partyRowsOf(db, row.id);
  for (const [i, party] of parties.entries()) {
    const current = partyRows.find((p) => p.party === PARTY_KEYS[i]);
    if (!current) throw new Error('case without its two parties');
    const next = partyColumns(party);
    const diff = (Object.keys(next) as (keyof PartyColumns)[]).filter((k) => next[k] !== current[k]);
    if (diff.length === 0) continue;
    changed.push(...diff.map((k) => `parties.${i}.${k}`));
    await updatePartyRow(db, current.id, next, now);
  }
  if (changed.length > 0) {
    await updateCaseRow(db, row.id, columns, now);
    // Column names only: never the values.
    await appendAudit(
      db,
      {
        ...actorOf(user),
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
        db,
        {
          ...actorOf(user),
          action: 'case.status_changed',
          targetType: 'case',
          targetId: row.id,
          detail: { automatic: false },
        },
        now,
      );
    }
    await caseWriteHooks.run(db, [row.id]);
  }
  return loadCaseDetail(db, row.id, localDateAt(now), call.open.settings.closingTime);
}
