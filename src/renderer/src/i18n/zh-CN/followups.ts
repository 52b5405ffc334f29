/** Simplified Chinese: 回访. */
export const followupsZhCN = {
  followups: {
    title: '回访',
  },
};
