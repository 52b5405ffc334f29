/** Simplified Chinese: the office settings. */
export const settingsZhCN = {
  settings: {
    title: '设置',
    readOnly: '只有管理员可以修改设置。',
    officeSection: '办公场所',
    securitySection: '安全',
    idleLockMinutes: '自动锁定时间（分钟）',
    idleLockHelp: '无人操作超过这个时间，工作台会自动锁定，需要输入密码才能继续。',
    languageSection: '界面语言',
    languageHelp: '切换后立即生效，所有使用本工作台的人都会看到所选语言。',
    deadlineSection: '期限计算',
    closingTime: '每日下班时间',
    closingTimeHelp: '法定期限的最后一天，以本单位当天的下班时间为截止时间，而不是午夜。',
    weekendsExtend: '周末是否顺延期限',
    weekendsExtendHelp:
      '默认只有法定节假日才顺延期限：期限最后一天是法定节假日的，顺延到节后第一个工作日。打开后，普通周末也顺延。',
    saved: '设置已保存',
    languageSaved: '界面语言已切换',
  },
};
