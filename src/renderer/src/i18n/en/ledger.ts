import type { Messages } from '../zh-CN';

/** English: the work ledger (.xlsx export of a period's registers). */
export const ledgerEn: Pick<Messages, 'ledger'> = {
  ledger: {
    export: 'Export work ledger',
    exporting: 'Building the work ledger…',
    hint: "Exports the period's registers — cases, counselling records, referrals, follow-up visits, events and volunteers — as an Excel workbook, with the summary and the counselling statistics form. Document numbers are masked; no counselling notes and nothing of DV disclosures.",
    done: 'Work ledger exported: {{fileName}}',
    doneDetail: 'Saved in: {{folder}}. {{cases}} cases, {{records}} counselling records.',
    cancelled: 'Cancelled; nothing was exported.',
  },
};
