import { DomainError } from '../../shared/errors';
import type { DomainHandlers } from '../dispatcher';

// SCAFFOLD (issue 9, being built): replaced by the real handlers before this lands.
const notYet = (): never => {
  throw new DomainError('INTERNAL');
};

export const eventsHandlers = {
  'events.list': notYet,
  'events.get': notYet,
  'events.create': notYet,
  'events.update': notYet,
  'events.remove': notYet,
} satisfies DomainHandlers<'events'>;
