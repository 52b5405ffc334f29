/** Simplified Chinese: 家庭档案. */
export const familiesZhCN = {
  families: {
    title: '家庭档案',
  },
};
