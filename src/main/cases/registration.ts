import type { Kysely, Transaction } from 'kysely';
import { DomainError } from '../../shared/errors';
import { validationMessages } from '../../shared/i18n';
import type { ChannelParsed } from '../../shared/contract';
import { localDateAt } from '../../shared/calendar';
import type { CaseDetail, RegistrationStatus } from '../../shared/cases';
import type { DB } from '../db';
import type { CaseRow, CasesTable } from './cases.table';
import { appendAudit, type AuditInput, actorOf } from '../audit';
import { findVisibleCaseOrThrow } from './access';
import { loadCaseDetail } from './detail';
import { runCaseWriteHooks } from './hooks';
import type { DeskContext } from '../desk';
import { automaticSteps, deadlinePassed, lastClosedDay, nextDeadline } from './timeline';

/*
 * The registration state machine (DOMAIN.md; docs/dev/ISSUE3-BRIEF.md), kept apart from the counselling
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
  const result = await trx
    .updateTable('cases')
    .set((eb) => ({
      ...columns,
      registration_status: to,
      next_deadline: nextDeadline(to, timeline),
      status_changed_at: at.toISOString(),
      updated_at: at.toISOString(),
      version: eb('version', '+', 1),
    }))
    .where('id', '=', row.id)
    .where('registration_status', '=', row.registration_status)
    .executeTakeFirst();
  // The status was read earlier in this transaction; anything else means a bug, not a user error.
  if (Number(result.numUpdatedRows) !== 1) throw new Error('case status changed underneath');
  await appendAudit(
    trx,
    {
      ...(actor ?? { actorId: null, actorName: null }),
      action: 'case.status_changed',
      targetType: 'case',
      targetId: row.id,
      detail: { from: row.registration_status, to, automatic: actor === null },
    },
    at,
  );
  await runCaseWriteHooks(trx, row.id);
}

type Db = Kysely<DB> | Transaction<DB>;

/** Open cases whose running deadline has closed by `lastClosed`: two ranges on the status indexes. */
export function dueForSweep(db: Db, lastClosed: string) {
  return db
    .selectFrom('cases')
    .select(['id'])
    .where((eb) =>
      eb.or([
        eb.and([
          eb('registration_status', '=', 'accepted_cooling'),
          eb('withdrawal_deadline', '<=', lastClosed),
        ]),
        eb.and([
          eb('registration_status', '=', 'awaiting_certificate'),
          eb('certificate_window_end', '<=', lastClosed),
        ]),
      ]),
    )
    .where('deleted_at', 'is', null);
}

/**
 * Applies the automatic steps to every case whose deadline has closed. Cheap when nothing is due: two
 * indexed range queries, no transaction. Returns how many cases moved.
 */
export async function sweepRegistrations(ctx: DeskContext): Promise<number> {
  const open = ctx.session.requireOpen();
  const db = open.store.db;
  const now = ctx.clock.now();
  const lastClosed = lastClosedDay(now, open.settings.closingTime);
  const due = (q: Db) => dueForSweep(q, lastClosed).execute();
  if ((await due(db)).length === 0) return 0;

  return db.transaction().execute(async (trx) => {
    let moved = 0;
    for (const { id } of await due(trx)) {
      let row = await trx.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
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
  });
}

/** 'cases.transition': withdraw, register or refuse. */
export async function transitionCase(
  ctx: DeskContext,
  input: ChannelParsed<'cases.transition'>,
): Promise<CaseDetail> {
  const open = ctx.session.requireOpen();
  const db = open.store.db;
  // Bring every status up to date first, so a closed window answers WITHDRAWAL_WINDOW_CLOSED.
  await sweepRegistrations(ctx);
  const row = await findVisibleCaseOrThrow(db, open.user, input.caseId);
  const status = row.registration_status;
  if (!status || !row.withdrawal_deadline || !row.certificate_window_start || !row.filing_received_date) {
    throw new DomainError('INVALID_TRANSITION');
  }
  const now = ctx.clock.now();
  const today = localDateAt(now);
  const dateError = (): DomainError =>
    new DomainError('VALIDATION', {}, { date: validationMessages[ctx.prefs.language].invalid });

  let to: RegistrationStatus;
  let columns: StatusColumns;
  switch (input.action) {
    case 'withdraw': {
      const closed = deadlinePassed(row.withdrawal_deadline, now, open.settings.closingTime);
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
  await db.transaction().execute((trx) => changeStatus(trx, row, to, now, actorOf(open.user), columns));
  return loadCaseDetail(db, ctx, input.caseId);
}

/**
 * The sweep at sign-in: a failure must not refuse the sign-in (the next list or detail load sweeps
 * again), so it is logged by class name only and swallowed.
 */
export async function sweepAtSignIn(ctx: DeskContext): Promise<void> {
  try {
    await sweepRegistrations(ctx);
  } catch (e) {
    console.error(`[cases] sweep at sign-in failed: ${e instanceof Error ? e.constructor.name : typeof e}`);
  }
}
