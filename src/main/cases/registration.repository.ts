import type { Transaction, Updateable } from 'kysely';
import { OPEN_REGISTRATION_STATUSES, type RegistrationStatus } from '../../shared/cases';
import type { DB, Db } from '../db';
import type { CaseRow, CasesTable } from './cases.table';

/* The registration status queries: the sweep's candidates, a status move, the running timelines. */

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
