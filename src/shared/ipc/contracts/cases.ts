import type { ChannelSpec } from '../spec';

/** 'cases.*' channels (issue 3). */
export const casesContract = {} as const satisfies Record<string, ChannelSpec>;
