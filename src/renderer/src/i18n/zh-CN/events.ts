/** Simplified Chinese: 活动. */
export const eventsZhCN = {
  events: {
    title: '活动',
  },
};
