import type { ChannelSpec } from '../spec';

/** 'supervision.*' channels (issue 3). */
export const supervisionContract = {} as const satisfies Record<string, ChannelSpec>;
