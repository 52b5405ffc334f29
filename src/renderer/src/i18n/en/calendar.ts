import type { Messages } from '../zh-CN';

/** English: the holiday table; keys mirror zh-CN/calendar.ts. */
export const calendarEn: Pick<Messages, 'holidays'> = {
  holidays: {
    title: 'Holiday schedule',
    intro:
      "A statutory period ending on a public holiday ends on the first working day after it; make-up working days count as working days. After a change, open cases' deadlines are recomputed.",
    empty: 'No holiday schedule yet.',
    editedTag: 'edited here',
    source: 'Source',
    sourceHelp: 'e.g. State Council notice on the 2026 public holidays',
    holidays: 'Days off',
    workdays: 'Make-up working days',
    none: 'None',
    range: '{{start}} to {{end}} ({{days}} d)',
    remove: 'Remove {{what}}',
    addHolidayLabel: 'Days off to add (a range is allowed)',
    addHoliday: 'Add days off',
    addWorkdayLabel: 'Make-up working day to add',
    addWorkday: 'Add working day',
    clashWorkday: '{{date}} is a make-up working day and cannot also be a day off.',
    clashHoliday: '{{date}} is a day off and cannot also be a make-up working day.',
    save: 'Save {{year}}',
    saved: 'Holiday schedule for {{year}} saved',
    revert: 'Undo changes',
    unsaved: 'There are unsaved changes.',
    addYearLabel: 'Add a year',
    addYear: 'Add',
  },
};
