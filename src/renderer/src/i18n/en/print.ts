import type { Messages } from '../zh-CN';

/** English: printing; keys mirror zh-CN/print.ts. */
export const printEn: Pick<Messages, 'print'> = {
  print: {
    record: 'Print record form',
    summary: 'Print case summary',
    referralLetter: 'Print referral letter',
    working: 'Making the PDF…',
    ready: '{{fileName}} is ready: open it from your downloads to print.',
  },
};
