export { eventsContract } from './contract';
export { EVENT_TYPES, EventCreateSchema, EventTypeSchema, EventUpdateSchema } from './schemas';
export type {
  EventCreate,
  EventListFilter,
  EventTotals,
  EventType,
  EventUpdate,
  OutreachEvent,
} from './schemas';
