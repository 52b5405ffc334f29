/** Simplified Chinese: sign-in, lock, recovery code and password changes. */
export const authZhCN = {
  recovery: {
    title: '请抄写恢复码',
    explainTitle: '恢复码是忘记管理员密码时唯一的补救办法',
    explain:
      '工作台里的数据全部加密保存。如果管理员忘记了密码，只有用这个恢复码才能重新进入，否则数据将永远无法打开。恢复码只显示这一次。',
    keepSafe:
      '请把恢复码工整地抄写在纸上（或打印出来），放在上锁的柜子等安全的地方，不要拍照，不要保存在电脑或手机里。',
    groupLabel: '第 {{n}} 组',
    codeLabel: '恢复码',
    print: '打印恢复码',
    printHeading: '婚姻家庭辅导工作台 — 管理员恢复码',
    printNote: '请妥善保管。忘记管理员密码时，凭此恢复码重设密码。',
    written: '我已抄写',
    confirmTitle: '确认已抄写恢复码',
    confirmIntro: '为确认您已经抄写了恢复码，请对照抄写的内容输入其中一组。',
    confirmLabel: '请输入恢复码的第 {{n}} 组',
    confirmSubmit: '确认',
    showAgain: '返回查看恢复码',
    pendingTitle: '恢复码尚未确认',
    pendingIntro:
      '上次生成的恢复码还没有确认抄写。为了在忘记管理员密码时仍能进入工作台，请生成一个新的恢复码并抄写下来。旧的恢复码将作废。',
    regenerate: '生成新的恢复码',
    done: '恢复码已确认',
  },
  login: {
    title: '登录',
    submit: '登录',
    forgot: '忘记管理员密码？使用恢复码',
  },
  lock: {
    title: '已锁定',
    lockedBy: '工作台已由 {{name}} 锁定。请输入密码解锁。',
    submit: '解锁',
    switchUser: '切换用户',
  },
  // The first sign-in after an update that changes the store: backup, read-back, migrations (UpgradeProgress).
  upgrade: {
    backup: '正在升级数据库：先备份…',
    backupDone: '已备份 {{percent}}%',
    check: '正在升级数据库：核对刚做好的备份…',
    checkDone: '已核对 {{percent}}%',
    migrate: '正在升级数据库结构（第 {{step}} 步，共 {{steps}} 步）…',
    migrateStep: '第 {{step}} 步，共 {{steps}} 步',
    progressLabel: '数据库升级进度',
    note: '软件更新后第一次登录需要升级数据库，数据多时可能要一两分钟，请不要关闭工作台。',
  },
  recover: {
    title: '使用恢复码重设管理员密码',
    intro:
      '请输入首次设置时抄写的恢复码和管理员用户名，然后设置新密码。完成后会生成一个新的恢复码，旧恢复码作废。',
    code: '恢复码',
    codePlaceholder: '例如：ABCD-EFGH-…（大小写、空格均可）',
    adminUsername: '管理员用户名',
    submit: '重设密码',
    backToLogin: '返回登录',
  },
  mustChange: {
    title: '请修改临时密码',
    intro: '您正在使用管理员设置的临时密码。为了保护数据，请先设置一个只有您自己知道的新密码。',
    submit: '修改密码',
  },
  account: {
    title: '修改密码',
    intro: '新密码至少 8 个字符。修改后，下次登录和解锁都使用新密码。',
    submit: '修改密码',
    changed: '密码已修改',
  },
};
