import type { ChannelSpec } from '../spec';

/** 'print.*' channels (issue 3). */
export const printContract = {} as const satisfies Record<string, ChannelSpec>;
