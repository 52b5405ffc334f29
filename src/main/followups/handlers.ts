import { DomainError } from '../../shared/errors';
import type { DomainHandlers } from '../dispatcher';

// SCAFFOLD (issue 9, being built): replaced by the real handlers before this lands.
const notYet = (): never => {
  throw new DomainError('INTERNAL');
};

export const followupsHandlers = {
  'followups.queue': notYet,
  'followups.packet': notYet,
  'followups.recordVisit': notYet,
  'followups.createPlan': notYet,
  'followups.assign': notYet,
  'followups.setPlanStatus': notYet,
  'followups.acknowledgeConcern': notYet,
} satisfies DomainHandlers<'followups'>;
