import { getDashboard } from '../services/dashboard';
import type { DomainHandlers } from './handler';

export const dashboardHandlers = {
  'dashboard.get': (input, ctx) => getDashboard(ctx, input),
} satisfies DomainHandlers<'dashboard'>;
