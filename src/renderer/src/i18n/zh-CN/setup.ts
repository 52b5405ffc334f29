/** Simplified Chinese: the first-run wizard. */
export const setupZhCN = {
  setup: {
    title: '初始设置',
    intro: '欢迎使用婚姻家庭辅导工作台。请先填写办公场所信息并创建管理员账户，只需几分钟。',
    stepOffice: '办公场所',
    stepAdmin: '管理员账户',
    stepRecovery: '恢复码',
    stepConfirm: '确认',
    officeIntro: '这些信息会显示在工作台上，并用于统计报表。以后可以在“设置”中修改。',
    adminIntro: '管理员负责添加用户和修改设置。请牢记密码：工作台里的数据全部加密，没有密码就无法打开。',
    create: '创建工作台',
    creating: '正在创建加密数据文件…',
  },
};
