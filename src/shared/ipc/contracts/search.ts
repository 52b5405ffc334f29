import type { ChannelSpec } from '../spec';

/** 'search.*' channels (issue 3). */
export const searchContract = {} as const satisfies Record<string, ChannelSpec>;
