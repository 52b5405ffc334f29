import type { ChannelSpec } from '../spec';

/** 'dv.*' channels (issue 3). */
export const dvContract = {} as const satisfies Record<string, ChannelSpec>;
