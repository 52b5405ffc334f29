export { coolingOffTimeline } from './cooling-off';
export type { CoolingOffTimeline, HolidayCalendar } from './cooling-off';
export { maskResidentId, parseResidentId } from './resident-id';
export type { ResidentIdProblem, ResidentIdResult } from './resident-id';
