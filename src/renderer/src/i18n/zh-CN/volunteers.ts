/** Simplified Chinese: 志愿者. */
export const volunteersZhCN = {
  volunteers: {
    title: '志愿者',
  },
};
