export { HolidaysSection } from './HolidaysSection';
