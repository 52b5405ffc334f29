/** Simplified Chinese: printing. */
export const printZhCN = {
  print: {
    record: '打印辅导记录表',
    summary: '打印案件摘要',
    referralLetter: '打印转介函',
    working: '正在生成 PDF…',
    ready: '已生成 {{fileName}}，请在下载的文件中打开并打印。',
  },
};
