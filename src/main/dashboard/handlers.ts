import type { DomainHandlers } from '../ipc';
import { getDashboard } from './dashboard.service';

export const dashboardHandlers = {
  'dashboard.get': (input, call) => getDashboard(call, input),
} satisfies DomainHandlers<'dashboard'>;
