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
    followUpSection: 'Follow-up rules',
    followUpIntro:
      'When a family archive is opened, visits are scheduled by the counselling result: for each result, at which months after it and what the visits watch. A change applies to plans made from then on.',
    ruleFor: 'Result: {{result}}',
    ruleMonths: 'Visit months',
    ruleMonthsAria: 'Visit months for {{result}}',
    ruleMonthsHelp:
      'Months after the result at which to visit, separated by commas, e.g. 1, 3, 6, 12. Leave empty for no visits after this result.',
    ruleMonthsInvalid: 'Whole numbers from {{min}} to {{max}}, separated by commas',
    ruleMonthsOrder: 'Months must go up, without repeats',
    ruleMonthsTooMany: 'At most {{max}} visits',
    ruleMonthsValue: 'months {{months}}',
    ruleFocus: 'Focus',
    ruleFocusAria: 'Focus for {{result}}',
    ruleOnlyMinor: 'Only with a minor child',
    ruleOnlyMinorAria: '{{result}}: only with a minor child',
    ruleOnlyMinorHelp: 'When on, visits are scheduled only for a family with a child under 18.',
    ruleNone: 'No visits',
    saveRules: 'Save follow-up rules',
    rulesSaved: 'Follow-up rules saved',
  },
};
