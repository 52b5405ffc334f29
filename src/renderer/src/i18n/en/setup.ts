import type { Messages } from '../zh-CN';

/** English: the first-run wizard; keys mirror zh-CN/setup.ts. */
export const setupEn: Pick<Messages, 'setup'> = {
  setup: {
    title: 'Initial setup',
    intro: 'Welcome. Enter your office and create the administrator account; it takes a few minutes.',
    stepOffice: 'Office',
    stepAdmin: 'Administrator',
    stepRecovery: 'Recovery code',
    stepConfirm: 'Confirm',
    officeIntro: 'Shown on the desk and used in reports. You can change it later in Settings.',
    adminIntro:
      'The administrator adds users and changes settings. Remember the password: all data is encrypted and cannot be opened without it.',
    create: 'Create the desk',
    creating: 'Creating the encrypted data file…',
  },
};
