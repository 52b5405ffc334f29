export { calendarHandlers } from './handlers';
