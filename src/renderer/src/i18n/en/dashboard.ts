import { enLabels } from '../labels';
import type { Messages } from '../zh-CN';

/** English: the 工作台; keys mirror zh-CN/dashboard.ts. */
export const dashboardEn: Pick<Messages, 'dashboard'> = {
  dashboard: {
    title: 'Today',
    today: 'Today is {{date}}',
    dateFormat: 'dddd, D MMMM YYYY',
    sessions: "Today's sessions",
    sessionsEmpty: 'No counselling recorded today yet.',
    deadlines: 'Statutory deadlines coming up',
    deadlinesEmpty: 'No withdrawal deadline or certificate window ends within {{days}} d.',
    withinLabel: 'Show deadlines within',
    withinDays: '{{days}} d',
    kind_withdrawal_deadline: enLabels.deadlineKinds.withdrawal_deadline,
    kind_certificate_window_end: enLabels.deadlineKinds.certificate_window_end,
    referrals: 'Referrals overdue for a reply',
    referralsEmpty: 'No referral is overdue.',
    supervisionAll: 'Open assign / transfer / supervise items (all)',
    supervisionMine: 'Items addressed to me',
    supervisionEmpty: 'No open items.',
    noCases_admin:
      "Administrators manage users, settings and the holiday table. To protect clients' privacy, only counsellors and directors see cases.",
    overdueVisits: 'Overdue follow-up visits',
    overdueVisitsEmpty: 'No follow-up visit is overdue.',
    visitDue: 'due {{date}}',
    visitOverdue: '{{days}} d overdue',
    visitNoVolunteer: 'No volunteer',
    safetyConcerns: 'Safety concerns from visits',
    safetyConcernsEmpty: 'No safety concern to acknowledge.',
    concernVisitDate: 'raised on {{date}}',
    concernToAcknowledge: 'To acknowledge',
    count: '{{total, number}} in all',
    viewAll: 'View all {{total, number}}',
    firstOf: 'Showing the first {{shown}} of {{total, number}}',
    volunteerIntro: 'Hello {{name}}. These are the family visits assigned to you.',
  },
};
