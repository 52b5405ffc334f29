import type { ChannelSpec } from '../spec';

/** 'dashboard.*' channels (issue 3). */
export const dashboardContract = {} as const satisfies Record<string, ChannelSpec>;
