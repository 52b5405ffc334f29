import type { Messages } from '../zh-CN';

/** English: the office settings; keys mirror zh-CN/settings.ts. */
export const settingsEn: Pick<Messages, 'settings'> = {
  settings: {
    title: 'Settings',
    readOnly: 'Only the administrator can change settings.',
    officeSection: 'Office',
    securitySection: 'Security',
    idleLockMinutes: 'Lock automatically after (minutes)',
    idleLockHelp: 'When nobody uses the desk for this long it locks, and a password is needed to continue.',
    languageSection: 'Language',
    languageHelp: 'Takes effect at once, for everyone using this desk.',
    deadlineSection: 'Deadlines',
    closingTime: 'Daily closing time',
    closingTimeHelp: 'A statutory period ends at the office’s closing time on its last day, not at midnight.',
    weekendsExtend: 'Weekends extend deadlines',
    weekendsExtendHelp:
      'By default only statutory holidays extend a deadline: a period ending on a holiday ends on the first working day after it. Turn this on to let plain weekends extend it too.',
    saved: 'Settings saved',
    languageSaved: 'Language changed',
  },
};
