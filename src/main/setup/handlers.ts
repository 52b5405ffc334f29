import type { DomainHandlers } from '../ipc';
import { createDesk } from './setup';

export const setupHandlers = {
  'setup.create': (input, { ctx }) => createDesk(ctx, input),
} satisfies DomainHandlers<'setup'>;
