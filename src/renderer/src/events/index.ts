export { EventsSection } from './EventsSection';
