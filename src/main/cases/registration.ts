import type { Transaction } from 'kysely';
import { localDateAt } from '../../shared/calendar';
import type { CaseDetail, RegistrationStatus } from '../../shared/cases';
import type { ChannelParsed } from '../../shared/contract';
import { DomainError, invalidFields } from '../../shared/errors';
import type { Settings } from '../../shared/settings';
import { actorOf, appendAudit, type AuditInput } from '../audit';
import type { DB } from '../db';
import type { WriteCall } from '../desk';
import { findVisibleCaseOrThrow, getCaseRow } from './cases.repository';
import type { CaseRow, CasesTable } from './cases.table';
import { loadCaseDetail } from './detail';
import { caseWriteHooks } from './hooks';
import { dueForSweep, moveStatus } from './registration.repository';
import { automaticSteps, deadlinePassed, lastClosedDay, nextDeadline } from './timeline';

/*
 * The registration state machine (docs/domain.md "Registration status"), kept apart from the counselling
 * result:
 *   accepted_cooling → withdrawn            (a party withdraws; only until the withdrawal deadline's closing time)
 *   accepted_cooling → awaiting_certificate (automatic, once the withdrawal deadline has closed)
 *   accepted_cooling → refused
 *   awaiting_certificate → registered | refused
 *   awaiting_certificate → deemed_withdrawn (automatic, once the certificate window end has closed)
 * Anything else is INVALID_TRANSITION. The automatic steps run in sweepRegistrations — at sign-in, and
 * whenever the case list, a case or the dashboard is loaded — audited as system changes (no actor).
 */

type StatusColumns = Partial<
  Pick<
    CasesTable,
    | 'withdrawal_by'
    | 'withdrawal_date'
    | 'withdrawal_confirmation'
    | 'registered_date'
    | 'refusal_date'
    | 'refusal_reason'
  >
>;

/** Moves one case to `to` (with the columns that go with it), audited and passed to the case hooks. */
export async function changeStatus(
  trx: Transaction<DB>,
  row: Pick<CaseRow, 'id' | 'registration_status' | 'withdrawal_deadline' | 'certificate_window_end'>,
  to: RegistrationStatus,
  at: Date,
  actor: Pick<AuditInput, 'actorId' | 'actorName'> | null,
  columns: StatusColumns = {},
): Promise<void> {
  const timeline =
    row.withdrawal_deadline && row.certificate_window_end
      ? { withdrawalDeadline: row.withdrawal_deadline, certificateWindowEnd: row.certificate_window_end }
      : null;
  const moved = await moveStatus(trx, row, to, { ...columns, next_deadline: nextDeadline(to, timeline) }, at);
  // The status was read earlier in this transaction; anything else means a bug, not a user error.
  if (moved !== 1) throw new Error('case status changed underneath');
  await appendAudit(
    trx,
    {
      ...(actor ?? { actorId: null, actorName: null }),
      action: 'case.status_changed',
      targetType: 'case',
      targetId: row.id,
      // Not the statuses: whether a couple withdrew or registered their divorce is theirs, not the log's.
      detail: { automatic: actor === null },
    },
    at,
  );
  await caseWriteHooks.run(trx, row.id);
}

/**
 * Applies the automatic steps to every case whose deadline has closed, inside the caller's transaction.
 * Cheap when nothing is due: two indexed range queries. Returns how many cases moved.
 */
export async function sweepRegistrations(
  trx: Transaction<DB>,
  settings: Pick<Settings, 'closingTime'>,
  now: Date,
): Promise<number> {
  const lastClosed = lastClosedDay(now, settings.closingTime);
  let moved = 0;
  for (const { id } of await dueForSweep(trx, lastClosed).execute()) {
    let row = await getCaseRow(trx, id);
    const status = row.registration_status;
    if (!status || !row.withdrawal_deadline || !row.certificate_window_end) continue;
    const steps = automaticSteps(
      status,
      { withdrawalDeadline: row.withdrawal_deadline, certificateWindowEnd: row.certificate_window_end },
      lastClosed,
    );
    for (const to of steps) {
      await changeStatus(trx, row, to, now, null);
      row = { ...row, registration_status: to };
    }
    if (steps.length > 0) moved++;
  }
  return moved;
}

/** The sweep for a call: the desk's own settings and the call's instant. */
export const sweepForCall = (call: WriteCall): Promise<number> =>
  sweepRegistrations(call.db, call.open.settings, call.now);

/** 'cases.transition': withdraw, register or refuse. */
export async function transitionCase(
  call: WriteCall,
  input: ChannelParsed<'cases.transition'>,
): Promise<CaseDetail> {
  const { db, now, user } = call;
  const { settings } = call.open;
  // Bring every status up to date first, so a closed window answers WITHDRAWAL_WINDOW_CLOSED.
  await sweepForCall(call);
  const row = await findVisibleCaseOrThrow(db, user, input.caseId);
  const status = row.registration_status;
  if (!status || !row.withdrawal_deadline || !row.certificate_window_start || !row.filing_received_date) {
    throw new DomainError('INVALID_TRANSITION');
  }
  const today = localDateAt(now);
  const dateError = (): DomainError => invalidFields({ date: 'invalid' });

  let to: RegistrationStatus;
  let columns: StatusColumns;
  switch (input.action) {
    case 'withdraw': {
      const closed = deadlinePassed(row.withdrawal_deadline, now, settings.closingTime);
      if (status !== 'accepted_cooling' || closed) {
        if (
          status === 'accepted_cooling' ||
          status === 'awaiting_certificate' ||
          status === 'deemed_withdrawn'
        ) {
          throw new DomainError('WITHDRAWAL_WINDOW_CLOSED', { deadline: row.withdrawal_deadline });
        }
        throw new DomainError('INVALID_TRANSITION');
      }
      if (input.date > today || input.date < row.filing_received_date) throw dateError();
      to = 'withdrawn';
      columns = {
        withdrawal_by: input.by,
        withdrawal_date: input.date,
        withdrawal_confirmation: input.confirmationNumber,
      };
      break;
    }
    case 'register':
      if (status !== 'awaiting_certificate') throw new DomainError('INVALID_TRANSITION');
      if (input.date > today || input.date < row.certificate_window_start) throw dateError();
      to = 'registered';
      columns = { registered_date: input.date };
      break;
    case 'refuse':
      if (status !== 'accepted_cooling' && status !== 'awaiting_certificate') {
        throw new DomainError('INVALID_TRANSITION');
      }
      if (input.date > today || input.date < row.filing_received_date) throw dateError();
      to = 'refused';
      columns = { refusal_date: input.date, refusal_reason: input.reason };
      break;
  }
  await changeStatus(db, row, to, now, actorOf(user), columns);
  return loadCaseDetail(db, input.caseId, today, settings.closingTime);
}
