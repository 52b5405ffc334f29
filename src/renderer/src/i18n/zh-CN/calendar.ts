/** Simplified Chinese: the holiday table. */
export const calendarZhCN = {
  holidays: {
    title: '节假日安排',
    intro:
      '法定期限的最后一天遇法定节假日的，顺延到节后第一个工作日；调休上班的周末按工作日计算。修改后，未结案件的期限会按新表重新计算。',
    empty: '还没有节假日安排。',
    editedTag: '本机修改',
    source: '依据',
    sourceHelp: '例如：国务院办公厅关于2026年部分节假日安排的通知',
    holidays: '放假日期',
    workdays: '调休上班日期',
    none: '无',
    range: '{{start}} 至 {{end}}（{{days}} 天）',
    remove: '删除 {{what}}',
    addHolidayLabel: '要添加的放假日期（可选一段）',
    addHoliday: '添加放假日期',
    addWorkdayLabel: '要添加的调休上班日期',
    addWorkday: '添加调休上班日期',
    clashWorkday: '{{date}} 已经是调休上班日，不能同时是放假日期。',
    clashHoliday: '{{date}} 已经是放假日期，不能同时是调休上班日。',
    save: '保存 {{year}} 年安排',
    saved: '{{year}} 年节假日安排已保存',
    revert: '撤销修改',
    unsaved: '有尚未保存的修改。',
    addYearLabel: '添加年份',
    addYear: '添加',
  },
};
