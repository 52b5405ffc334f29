import { z } from 'zod';
import { channel, type ChannelSpec } from '../ipc';
import { RemoveSchema } from '../volunteers';
import {
  EventCreateSchema,
  EventListFilterSchema,
  EventSchema,
  EventTotalsSchema,
  EventUpdateSchema,
} from './schemas';

/**
 * 'events.*' (docs/domain.md "Outreach events"): 婚前辅导培训, 幸福课堂, 民法典宣传 … counted in 场次 (held
 * events) and 人次 (their attendees). Every write is audited; removing one needs a reason.
 */
export const eventsContract = {
  /** Newest first; totals count the held events of the whole filter, not the page. */
  'events.list': channel({
    input: EventListFilterSchema,
    output: z.object({
      rows: z.array(EventSchema),
      total: z.number().int(),
      totals: EventTotalsSchema,
      today: z.string(),
    }),
    access: 'events.manage',
  }),
  'events.get': channel({
    input: z.object({ eventId: z.string().uuid() }),
    output: EventSchema,
    access: 'events.manage',
  }),
  'events.create': channel({
    input: EventCreateSchema,
    output: EventSchema,
    access: 'events.manage',
    write: true,
  }),
  'events.update': channel({
    input: EventUpdateSchema,
    output: EventSchema,
    access: 'events.manage',
    write: true,
  }),
  'events.remove': channel({ input: RemoveSchema, output: z.null(), access: 'events.manage', write: true }),
} as const satisfies Record<string, ChannelSpec>;
