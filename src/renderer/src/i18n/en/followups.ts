import type { Messages } from '../zh-CN';

/** English: follow-up visits.; keys mirror zh-CN/followups.ts. */
export const followupsEn: Pick<Messages, 'followups'> = {
  followups: {
    title: 'Follow-up visits',
  },
};
