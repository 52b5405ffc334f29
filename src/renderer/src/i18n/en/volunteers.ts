import type { Messages } from '../zh-CN';

/** English: volunteers.; keys mirror zh-CN/volunteers.ts. */
export const volunteersEn: Pick<Messages, 'volunteers'> = {
  volunteers: {
    title: 'Volunteers',
  },
};
