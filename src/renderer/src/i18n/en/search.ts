import type { Messages } from '../zh-CN';

/** English: the search index being built on a first search; keys mirror zh-CN/search.ts. */
export const searchEn: Pick<Messages, 'searchIndex'> = {
  searchIndex: {
    building: 'Building the search index…',
    count: '{{done, number}} of {{total, number}} cases done',
    progressLabel: 'Search index progress',
    note: 'Built once, on the first search after the upgrade; later searches are quick.',
  },
};
