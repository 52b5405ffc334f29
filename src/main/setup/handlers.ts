import type { DomainHandlers } from '../dispatcher';
import { createDesk } from './setup';

export const setupHandlers = {
  'setup.create': (input, { ctx }) => createDesk(ctx, input),
} satisfies DomainHandlers<'setup'>;
