/** Simplified Chinese: 工作台账 (the .xlsx export of a period's registers). */
export const ledgerZhCN = {
  ledger: {
    export: '导出工作台账',
    exporting: '正在生成工作台账…',
    hint: '导出所选期间的案件登记、辅导记录、转介、回访、活动和志愿者台账（Excel），以及汇总和辅导服务统计表。证件号码已遮蔽，不含辅导笔记和家暴情况。',
    done: '已导出工作台账：{{fileName}}',
    doneDetail: '保存在：{{folder}}。案件 {{cases}} 件，辅导记录 {{records}} 条。',
    cancelled: '已取消，没有导出文件。',
  },
};
