import { getHolidayTable, updateHolidayTable } from './calendar';
import type { DomainHandlers } from '../ipc';

export const calendarHandlers = {
  'calendar.get': (_input, ctx) => getHolidayTable(ctx),
  'calendar.update': (input, ctx) => updateHolidayTable(ctx, input),
} satisfies DomainHandlers<'calendar'>;
