import { DashboardInputSchema, DashboardSchema } from './schemas';
import { channel, type ChannelSpec } from '../ipc';

/**
 * 'dashboard.*' channels (docs/domain.md "The dashboard"): the 工作台. Runs the registration sweep first, then
 * reads today's sessions, statutory deadlines within `withinDays` (default 7), overdue referrals and open
 * supervision items — only of cases the caller may see — and the follow-up sections. Each section: its first
 * DASHBOARD_FIRST_ROWS rows and its true count (`totals`).
 */
export const dashboardContract = {
  'dashboard.get': channel({
    input: DashboardInputSchema,
    output: DashboardSchema,
    access: 'cases.work',
    write: true,
  }),
} as const satisfies Record<string, ChannelSpec>;
