import type { Messages } from '../zh-CN';

/** English: outreach events.; keys mirror zh-CN/events.ts. */
export const eventsEn: Pick<Messages, 'events'> = {
  events: {
    title: 'Outreach events',
  },
};
