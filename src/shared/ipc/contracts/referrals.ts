import type { ChannelSpec } from '../spec';

/** 'referrals.*' channels (issue 3). */
export const referralsContract = {} as const satisfies Record<string, ChannelSpec>;
