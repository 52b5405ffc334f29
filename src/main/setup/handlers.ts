import { createDesk } from './setup';
import type { DomainHandlers } from '../ipc';

export const setupHandlers = {
  'setup.create': (input, ctx) => createDesk(ctx, input),
} satisfies DomainHandlers<'setup'>;
