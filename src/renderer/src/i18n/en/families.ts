import type { Messages } from '../zh-CN';

/** English: family archives.; keys mirror zh-CN/families.ts. */
export const familiesEn: Pick<Messages, 'families'> = {
  families: {
    title: 'Family archives',
  },
};
