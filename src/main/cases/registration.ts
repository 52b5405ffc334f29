import type { Transaction } from 'kysely';
import { localDateAt } from '../../shared/calendar';
import type { CaseDetail, RegistrationStatus } from '../../shared/cases';
import type { ChannelParsed } from '../../shared/contract';
import { DomainError, invalidFields } from '../../shared/errors';
import type { Settings } from '../../shared/settings';
import { actorOf, appendAudit, appendAuditEntries, type AuditInput } from '../audit';
import type { DB } from '../db';
import type { WriteCall } from '../desk';
import { findVisibleCaseOrThrow } from './cases.repository';
import type { CaseRow, CasesTable } from './cases.table';
import { loadCaseDetail } from './detail';
import { caseWriteHooks } from './hooks';
import { dueForSweep, moveStatus, moveStatuses } from './registration.repository';
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

/** The audit entry of a status change: by a user, or automatic (no actor). */
function statusChange(caseId: string, actor: Pick<AuditInput, 'actorId' | 'actorName'> | null): AuditInput {
  return {
    ...(actor ?? { actorId: null, actorName: null }),
    action: 'case.status_changed',
    targetType: 'case',
    targetId: caseId,
    // Not the statuses: whether a couple withdrew or registered their divorce is theirs, not the log's.
    detail: { automatic: actor === null },
  };
}

const automaticChange = (caseId: string): AuditInput => statusChange(caseId, null);

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
  await appendAudit(trx, statusChange(row.id, actor), at);
  await caseWriteHooks.run(trx, [row.id]);
}

/**
 * Applies the automatic steps to every case whose deadline has closed, inside the caller's transaction.
 * Cheap when nothing is due: two indexed range queries. When much is due (the first sign-in after days
 * off) it works set-wise: one read of the due cases, one UPDATE per step for many cases at once, the
 * audit entries appended together, the case hooks run once for all of them. Returns how many cases moved.
 */
export async function sweepRegistrations(
  trx: Transaction<DB>,
  settings: Pick<Settings, 'closingTime'>,
  now: Date,
): Promise<number> {
  const lastClosed = lastClosedDay(now, settings.closingTime);
  const due = await dueForSweep(trx, lastClosed).orderBy('id').execute();
  // The first step (cooling → awaiting the certificate), then the second (→ deemed withdrawn): a case
  // whose both deadlines closed while the desk was off takes both, in order, like one at a time.
  const toAwaiting: string[] = [];
  const toDeemed: string[] = [];
  const audits: AuditInput[] = [];
  for (const row of due) {
    const status = row.registration_status;
    if (!status || !row.withdrawal_deadline || !row.certificate_window_end) continue;
    const steps = automaticSteps(
      status,
      { withdrawalDeadline: row.withdrawal_deadline, certificateWindowEnd: row.certificate_window_end },
      lastClosed,
    );
    for (const to of steps) {
      (to === 'awaiting_certificate' ? toAwaiting : toDeemed).push(row.id);
      audits.push(automaticChange(row.id));
    }
  }
  if (audits.length === 0) return 0;
  const moved =
    (await moveStatuses(trx, toAwaiting, 'accepted_cooling', 'awaiting_certificate', now)) +
    (await moveStatuses(trx, toDeemed, 'awaiting_certificate', 'deemed_withdrawn', now));
  // Read in this transaction; anything else means a bug, not a user error.
  if (moved !== audits.length) throw new Error('case status changed underneath');
  await appendAuditEntries(trx, audits, now);
  const cases = [...new Set([...toAwaiting, ...toDeemed])];
  await caseWriteHooks.run(trx, cases);
  return cases.length;
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
