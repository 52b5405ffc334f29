export { holidayTableHooks } from './calendar.service';
export { calendarHandlers } from './handlers';
export { loadHolidayCalendar } from './holidays.repository';
