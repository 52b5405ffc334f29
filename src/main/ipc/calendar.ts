import { getHolidayTable, updateHolidayTable } from '../services/calendar';
import type { DomainHandlers } from './handler';

export const calendarHandlers = {
  'calendar.get': (_input, ctx) => getHolidayTable(ctx),
  'calendar.update': (input, ctx) => updateHolidayTable(ctx, input),
} satisfies DomainHandlers<'calendar'>;
