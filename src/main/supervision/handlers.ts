import type { DomainHandlers } from '../dispatcher';
import {
  cancelSupervision,
  completeSupervision,
  createSupervision,
  listSupervision,
} from './supervision.service';

export const supervisionHandlers = {
  'supervision.list': (input, call) => listSupervision(call, input),
  'supervision.create': (input, call) => createSupervision(call, input),
  'supervision.complete': (input, call) => completeSupervision(call, input),
  'supervision.cancel': (input, call) => cancelSupervision(call, input),
} satisfies DomainHandlers<'supervision'>;
