import { cancelSupervision, completeSupervision, createSupervision, listSupervision } from './supervision';
import type { DomainHandlers } from '../ipc';

export const supervisionHandlers = {
  'supervision.list': (input, ctx) => listSupervision(ctx, input),
  'supervision.create': (input, ctx) => createSupervision(ctx, input),
  'supervision.complete': (input, ctx) => completeSupervision(ctx, input),
  'supervision.cancel': (input, ctx) => cancelSupervision(ctx, input),
} satisfies DomainHandlers<'supervision'>;
