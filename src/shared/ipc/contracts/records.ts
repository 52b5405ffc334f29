import type { ChannelSpec } from '../spec';

/** 'records.*' channels (issue 3). */
export const recordsContract = {} as const satisfies Record<string, ChannelSpec>;
