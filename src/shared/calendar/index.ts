export { mergeHolidayYears, SHIPPED_HOLIDAY_YEARS } from './cn-holidays';
export type { HolidayCalendar, HolidayYear } from './cn-holidays';
export { calendarContract } from './contract';
export type { HolidayTable } from './contract';
export {
  addDays,
  daysBetween,
  isLocalDate,
  isWeekend,
  localDateAt,
  localDateTime,
  toDayNumber,
} from './local-date';
export type { LocalDate } from './local-date';
export { assertNotAfter } from './not-after';
