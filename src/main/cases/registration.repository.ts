import type { Transaction, Updateable } from 'kysely';
import { OPEN_REGISTRATION_STATUSES, type RegistrationStatus } from '../../shared/cases';
import type { DB, Db } from '../db';
import type { CaseRow, CasesTable } from './cases.table';

/* The registration status queries: the sweep's candidates, a status move, the running timelines. */

/** Open cases whose running deadline has closed by `lastClosed`: two ranges on the status indexes. */
export function dueForSweep(db: Db, lastClosed: string) {
  return db
    .selectFrom('cases')
    .select(['id', 'registration_status', 'withdrawal_deadline', 'certificate_window_end'])
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
 * Moves a case from the status it was read with to `to`; answers how many rows moved (0 when the status
 * changed underneath).
 */
export async function moveStatus(
  trx: Transaction<DB>,
  row: Pick<CaseRow, 'id' | 'registration_status'>,
  to: RegistrationStatus,
  columns: Updateable<CasesTable>,
  at: Date,
): Promise<number> {
  const result = await trx
    .updateTable('cases')
    .set((eb) => ({
      ...columns,
      registration_status: to,
      status_changed_at: at.toISOString(),
      updated_at: at.toISOString(),
      version: eb('version', '+', 1),
    }))
    .where('id', '=', row.id)
    .where('registration_status', '=', row.registration_status)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Cases moved at once per statement (one bound id each: far below SQLite's limit on parameters). */
const MOVE_CHUNK = 500;

/**
 * The sweep's moves: every case of `ids` still in `from` goes to `to` (next_deadline follows: the
 * certificate window's end while awaiting the certificate, none after), in statements of many cases.
 * Answers how many rows moved.
 */
export async function moveStatuses(
  trx: Transaction<DB>,
  ids: readonly string[],
  from: RegistrationStatus,
  to: 'awaiting_certificate' | 'deemed_withdrawn',
  at: Date,
): Promise<number> {
  let moved = 0;
  for (let i = 0; i < ids.length; i += MOVE_CHUNK) {
    const result = await trx
      .updateTable('cases')
      .set((eb) => ({
        registration_status: to,
        next_deadline: to === 'awaiting_certificate' ? eb.ref('certificate_window_end') : null,
        status_changed_at: at.toISOString(),
        updated_at: at.toISOString(),
        version: eb('version', '+', 1),
      }))
      .where('id', 'in', ids.slice(i, i + MOVE_CHUNK))
      .where('registration_status', '=', from)
      .executeTakeFirst();
    moved += Number(result.numUpdatedRows);
  }
  return moved;
}

/** Every case whose statutory clock is still running, with its stored timeline. */
export function runningTimelines(db: Db) {
  return db
    .selectFrom('cases')
    .select([
      'id',
      'registration_status',
      'filing_received_date',
      'withdrawal_deadline',
      'certificate_window_start',
      'certificate_window_end',
    ])
    .where('registration_status', 'in', OPEN_REGISTRATION_STATUSES)
    .where('deleted_at', 'is', null);
}
