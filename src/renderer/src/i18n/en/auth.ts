import type { Messages } from '../zh-CN';

/** English: sign-in, lock, recovery code and password changes; keys mirror zh-CN/auth.ts. */
export const authEn: Pick<
  Messages,
  'recovery' | 'login' | 'lock' | 'upgrade' | 'recover' | 'mustChange' | 'account'
> = {
  recovery: {
    title: 'Write down the recovery code',
    explainTitle: 'The recovery code is the only way back in if the administrator password is forgotten',
    explain:
      'All data on this desk is encrypted. If the administrator forgets the password, only this code lets you back in; without it the data can never be opened. It is shown only this once.',
    keepSafe:
      'Write it on paper (or print it) and keep it somewhere safe such as a locked cabinet. Do not photograph it or store it on a computer or phone.',
    groupLabel: 'Group {{n}}',
    codeLabel: 'Recovery code',
    print: 'Print the recovery code',
    printHeading: 'CounselDesk — administrator recovery code',
    printNote: 'Keep this safe. Use it to reset the administrator password if it is forgotten.',
    written: 'I have written it down',
    confirmTitle: 'Confirm you wrote the code down',
    confirmIntro: 'To confirm you wrote the recovery code down, type one group of it from your copy.',
    confirmLabel: 'Type group {{n}} of the recovery code',
    confirmSubmit: 'Confirm',
    showAgain: 'Show the code again',
    pendingTitle: 'Recovery code not yet confirmed',
    pendingIntro:
      'The last recovery code was never confirmed. So that you can still get in if the administrator password is forgotten, generate a new code and write it down. The old code stops working.',
    regenerate: 'Generate a new recovery code',
    done: 'Recovery code confirmed',
  },
  login: {
    title: 'Sign in',
    submit: 'Sign in',
    forgot: 'Forgot the administrator password? Use the recovery code',
  },
  lock: {
    title: 'Locked',
    lockedBy: 'The desk was locked by {{name}}. Enter the password to unlock.',
    submit: 'Unlock',
    switchUser: 'Switch user',
  },
  upgrade: {
    backup: 'Upgrading the database: backing it up first…',
    backupDone: '{{percent}}% backed up',
    check: 'Upgrading the database: checking the backup just made…',
    checkDone: '{{percent}}% checked',
    migrate: 'Upgrading the database structure (step {{step}} of {{steps}})…',
    migrateStep: 'Step {{step}} of {{steps}}',
    progressLabel: 'Database upgrade progress',
    note: 'The first sign-in after an update upgrades the database. With many records this can take a minute or two; please do not close the desk.',
  },
  recover: {
    title: 'Reset the administrator password with the recovery code',
    intro:
      'Enter the recovery code you wrote down at setup and the administrator user name, then choose a new password. A new recovery code will be issued; the old one stops working.',
    code: 'Recovery code',
    codePlaceholder: 'e.g. ABCD-EFGH-… (case and spaces do not matter)',
    adminUsername: 'Administrator user name',
    submit: 'Reset password',
    backToLogin: 'Back to sign in',
  },
  mustChange: {
    title: 'Change your temporary password',
    intro:
      'You are using a temporary password set by the administrator. To protect the data, set a new password only you know.',
    submit: 'Change password',
  },
  account: {
    title: 'Change password',
    intro: 'At least 8 characters. Use the new password to sign in and unlock from now on.',
    submit: 'Change password',
    changed: 'Password changed',
  },
};
