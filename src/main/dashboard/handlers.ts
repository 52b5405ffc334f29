import type { DomainHandlers } from '../dispatcher';
import { getDashboard } from './dashboard.service';

export const dashboardHandlers = {
  'dashboard.get': (input, call) => getDashboard(call, input),
} satisfies DomainHandlers<'dashboard'>;
