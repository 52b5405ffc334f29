import type { DomainHandlers } from '../dispatcher';
import { updateHolidayTable } from './calendar.service';
import { effectiveYears, loadEditedYears } from './holidays.repository';

export const calendarHandlers = {
  'calendar.get': async (_input, call) => ({ years: effectiveYears(await loadEditedYears(call.db)) }),
  'calendar.update': (input, call) => updateHolidayTable(call, input),
} satisfies DomainHandlers<'calendar'>;
