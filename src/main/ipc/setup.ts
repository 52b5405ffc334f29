import { createDesk } from '../services/setup';
import type { DomainHandlers } from './handler';

export const setupHandlers = {
  'setup.create': (input, ctx) => createDesk(ctx, input),
} satisfies DomainHandlers<'setup'>;
