import { enLabels } from '../labels';
import type { Messages } from '../zh-CN';

/** English: referrals (转介); keys mirror zh-CN/referrals.ts. */
export const referralsEn: Pick<Messages, 'referrals'> = {
  referrals: {
    add: 'New referral',
    create: 'Create referral',
    created: 'Referral {{reference}} created',
    empty: 'No referrals.',
    target: 'Refer to',
    targetName: 'Name of the body',
    targetNameHelp: 'e.g. Mingshui police station, district legal aid centre.',
    subject: 'Who is referred',
    reason: 'Reason',
    consentGiven: 'The parties agree',
    consentChoose: 'Please say whether the parties agree',
    consentYes: 'Agree',
    consentNo: 'Do not agree',
    noConsentNote:
      "A referral without the parties' consent needs a written reason and is recorded in the audit log.",
    noConsentReason: 'Reason for referring without consent',
    noConsentWith: 'No. Reason: {{reason}}',
    expectedReplyDate: 'Reply expected by',
    dvDisclosure: 'Related domestic-violence record',
    dvDisclosureHelp: 'Once linked, this referral is as restricted as the domestic-violence record.',
    dvOption: 'Recorded {{date}} ({{level}})',
    createdBy: 'Handled by',
    fromDv: 'Linked to domestic violence',
    overdue: '{{days}} d overdue',
    action_sent: enLabels.referralStatuses.sent,
    action_accepted: enLabels.referralStatuses.accepted,
    action_rejected: enLabels.referralStatuses.rejected,
    action_done: enLabels.referralStatuses.done,
    moveTitle: '{{action}}: {{reference}}',
    moveIntro_sent: 'The referral letter was delivered or sent: enter the date.',
    moveIntro_accepted: 'The receiving body confirmed it accepts the referral: enter the date.',
    moveIntro_rejected: 'The receiving body declined: enter the date and what happened, to refer elsewhere.',
    moveIntro_done: 'The receiving body finished: enter the date and the outcome.',
    moveDate: 'Date',
    note: 'Note',
    moved: 'Referral is now “{{status}}”',
  },
};
