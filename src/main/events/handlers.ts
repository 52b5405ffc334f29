import { localDateAt } from '../../shared/calendar';
import type { DomainHandlers } from '../dispatcher';
import { createEvent, getEvent, listEvents, removeEvent, updateEventDetails } from './events.service';

export const eventsHandlers = {
  'events.list': (input, call) => listEvents(call.db, input, localDateAt(call.now)),
  'events.get': (input, call) => getEvent(call.db, input.eventId, call.now),
  'events.create': (input, call) => createEvent(call, input),
  'events.update': (input, call) => updateEventDetails(call, input),
  'events.remove': (input, call) => removeEvent(call, input),
} satisfies DomainHandlers<'events'>;
