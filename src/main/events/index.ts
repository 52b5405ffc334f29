export { eventsHandlers } from './handlers';
export type { EventsTables } from './events.table';
