import type { Settings } from '../../shared/settings';
import { holidayTableHooks, loadHolidayCalendar } from '../calendar';
import type { WriteCall } from '../desk';
import { timelineSettingsHooks } from '../settings';
import { updateCaseRow } from './cases.repository';
import { caseWriteHooks } from './hooks';
import { runningTimelines } from './registration.repository';
import { sweepForCall } from './registration';
import { nextDeadline, timelineWith } from './timeline';

/*
 * Stored timelines follow the rules in force: after an edit of the holiday table or of the "weekends
 * extend deadlines" setting, every case whose statutory clock is still running is recomputed in the same
 * transaction (a deadline that moved must not be missed). Closed cases keep the timeline they ran under.
 */

/** Recomputes the stored timeline of every case whose statutory clock is running; returns how many moved. */
export async function recomputeOpenTimelines(
  call: WriteCall,
  settings: Pick<Settings, 'weekendsExtend'>,
): Promise<number> {
  const rows = await runningTimelines(call.db).execute();
  const calendar = await loadHolidayCalendar(call.db);
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
    await updateCaseRow(
      call.db,
      row.id,
      {
        withdrawal_deadline: t.withdrawalDeadline,
        certificate_window_start: t.certificateWindowStart,
        certificate_window_end: t.certificateWindowEnd,
        next_deadline: nextDeadline(row.registration_status, t),
      },
      call.now,
    );
    await caseWriteHooks.run(call.db, [row.id]);
    changed++;
  }
  return changed;
}

/** After a holiday-table edit: recompute, then bring every status up to date with the new deadlines. */
async function followHolidayTable(call: WriteCall): Promise<number> {
  const recomputed = await recomputeOpenTimelines(call, call.open.settings);
  await sweepForCall(call);
  return recomputed;
}

/** Registers the case module's timeline followers; the composition root calls it once (idempotent). */
export function registerTimelineFollowers(): void {
  holidayTableHooks.register(followHolidayTable);
  timelineSettingsHooks.register(recomputeOpenTimelines);
}
