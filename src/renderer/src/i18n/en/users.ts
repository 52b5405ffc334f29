import type { Messages } from '../zh-CN';

/** English: user accounts; keys mirror zh-CN/users.ts. */
export const usersEn: Pick<Messages, 'users'> = {
  users: {
    title: 'Users',
    intro:
      'Create accounts for counsellors, directors and volunteers. New users must change the temporary password when they first sign in.',
    add: 'Add user',
    addTitle: 'Add user',
    colStatus: 'Status',
    colLastLogin: 'Last sign-in',
    colActions: 'Actions',
    active: 'Active',
    disabled: 'Disabled',
    mustChange: 'Must change password',
    never: 'Never',
    you: ' (you)',
    disable: 'Disable',
    enable: 'Enable',
    resetPassword: 'Reset password',
    resetTitle: 'Reset the password of {{name}}',
    resetIntro:
      'Set a temporary password and tell the user in person. They must change it at the next sign-in.',
    disableConfirm: 'Disable “{{name}}”?',
    disableConfirmBody: 'The user can no longer sign in. No records are deleted.',
    enableConfirm: 'Enable “{{name}}”?',
    enableConfirmBody: 'After enabling, reset the user’s password so they can sign in again.',
    enabledNeedReset: 'Enabled. Now set a temporary password for the user.',
    created: 'User added',
    disabledDone: 'Disabled',
    resetDone: 'Password reset. Tell the user the temporary password.',
    cannotDisableSelf: 'You cannot disable the account you are using',
    empty: 'No users yet. Click “Add user” to create accounts for counsellors, directors or volunteers.',
    roleHelp:
      'Director: all cases and reports; counsellor: casework; volunteer: only follow-ups assigned to them.',
  },
};
