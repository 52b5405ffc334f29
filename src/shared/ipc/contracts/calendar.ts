import type { ChannelSpec } from '../spec';

/** 'calendar.*' channels (issue 3). */
export const calendarContract = {} as const satisfies Record<string, ChannelSpec>;
