import { getDashboard } from './dashboard';
import type { DomainHandlers } from '../ipc';

export const dashboardHandlers = {
  'dashboard.get': (input, ctx) => getDashboard(ctx, input),
} satisfies DomainHandlers<'dashboard'>;
