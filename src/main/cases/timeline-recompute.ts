import type { Transaction } from 'kysely';
import { OPEN_REGISTRATION_STATUSES } from '../../shared/cases';
import type { Settings } from '../../shared/settings';
import type { DB } from '../db';
import { runCaseWriteHooks } from './hooks';
import { loadHolidayCalendar, nextDeadline, timelineWith } from './timeline';

/*
 * Stored timelines follow the rules in force: after an edit of the holiday table or of the
 * "weekends extend deadlines" setting, every case whose statutory clock is still running is recomputed.
 * Closed cases keep the timeline they ran under.
 */

/** Recomputes the stored timeline of every case whose statutory clock is running; returns how many moved. */
export async function recomputeOpenTimelines(
  trx: Transaction<DB>,
  settings: Pick<Settings, 'weekendsExtend'>,
  now: Date,
): Promise<number> {
  const rows = await trx
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
    .where('deleted_at', 'is', null)
    .execute();
  const calendar = await loadHolidayCalendar(trx);
  let changed = 0;
  for (const row of rows) {
    if (!row.filing_received_date) continue;
    const t = timelineWith(calendar, settings, row.filing_received_date);
    if (
      t.withdrawalDeadline === row.withdrawal_deadline &&
      t.certificateWindowStart === row.certificate_window_start &&
      t.certificateWindowEnd === row.certificate_window_end
    ) {
      continue;
    }
    await trx
      .updateTable('cases')
      .set((eb) => ({
        withdrawal_deadline: t.withdrawalDeadline,
        certificate_window_start: t.certificateWindowStart,
        certificate_window_end: t.certificateWindowEnd,
        next_deadline: nextDeadline(row.registration_status, t),
        updated_at: now.toISOString(),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', row.id)
      .execute();
    await runCaseWriteHooks(trx, row.id);
    changed++;
  }
  return changed;
}
