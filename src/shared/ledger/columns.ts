import type { LedgerSheet } from './schemas';

/*
 * The columns of each register sheet, in order (docs/ledger-format.md). Their Chinese headers are in the
 * label catalogue (`ledgerColumns`, keyed `<sheet>.<column>`); the writer in src/main/ledger fills them.
 * No column holds a note, a reason text, a phone number, an address, a full document number or anything of
 * a DV disclosure.
 */
export const LEDGER_COLUMNS = {
  summary: ['indicator', 'value', 'unit', 'definition'],
  appendixB: ['item', 'category', 'count'],
  cases: [
    'caseNumber',
    'type',
    'receivedDate',
    'filingReceivedDate',
    'registrationStatus',
    'withdrawalDate',
    'registeredDate',
    'result',
    'firstSessionDate',
    'signedRecords',
    'counsellor',
    'companion',
    'partyAName',
    'partyADocument',
    'partyBName',
    'partyBDocument',
  ],
  records: [
    'sessionDate',
    'halfDay',
    'channel',
    'caseNumber',
    'type',
    'counsellors',
    'volunteers',
    'result',
    'satisfaction',
  ],
  referrals: [
    'referenceNumber',
    'createdDate',
    'caseNumber',
    'target',
    'targetName',
    'subject',
    'status',
    'expectedReplyDate',
    'consent',
    'overdue',
  ],
  visits: [
    'archiveNumber',
    'seq',
    'dueDate',
    'visitDate',
    'status',
    'channel',
    'durationMinutes',
    'volunteer',
    'counsellor',
  ],
  events: ['date', 'type', 'topic', 'place', 'speakers', 'attendeeCount', 'durationHours', 'held'],
  volunteers: [
    'name',
    'sex',
    'profession',
    'qualified',
    'pledgeDate',
    'active',
    'sessions',
    'visits',
    'visitMinutes',
    'events',
    'eventMinutes',
    'serviceMinutes',
  ],
} as const satisfies Record<LedgerSheet, readonly string[]>;

export type LedgerColumns = typeof LEDGER_COLUMNS;
/** The units of the summary sheet's figures (件, 对, 人次 …). */
export const LEDGER_UNITS = [
  'cases',
  'couples',
  'personTimes',
  'events',
  'hours',
  'percent',
  'times',
  'score',
] as const;
export type LedgerUnit = (typeof LEDGER_UNITS)[number];

/** The workbook's fixed words (titles, the appendix B form's items). */
export const LEDGER_TEXTS = [
  'title',
  'period',
  'to',
  'counsellor',
  'allCases',
  'scope',
  'countyScope',
  'countyOffice',
  'stationsSheet',
  'stationsTitle',
  'countyTotal',
  'exportedAt',
  'appendixBTitle',
  'office',
  'total',
  'noResult',
  'itemCounselled',
  'itemResults',
  'itemSessions',
  'itemSatisfaction',
  'averageScore',
] as const;
export type LedgerText = (typeof LEDGER_TEXTS)[number];

export const LEDGER_YES_NO = ['yes', 'no'] as const;
export type LedgerYesNo = (typeof LEDGER_YES_NO)[number];

/** `<sheet>.<column>`, the key of a header in the label catalogue. */
export type LedgerColumnKey = {
  [S in LedgerSheet]: `${S}.${LedgerColumns[S][number]}`;
}[LedgerSheet];
/** One row of a sheet: a value per column (a date is an office-local 'YYYY-MM-DD' string marked as such). */
export type LedgerColumnOf<S extends LedgerSheet> = LedgerColumns[S][number];
