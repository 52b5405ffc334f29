import { DomainError } from '../../shared/errors';
import type { DomainHandlers } from '../dispatcher';

// SCAFFOLD (issue 9, being built): replaced by the real handlers before this lands.
const notYet = (): never => {
  throw new DomainError('INTERNAL');
};

export const volunteersHandlers = {
  'volunteers.list': notYet,
  'volunteers.get': notYet,
  'volunteers.create': notYet,
  'volunteers.update': notYet,
  'volunteers.setActive': notYet,
  'volunteers.remove': notYet,
  'volunteers.addCertificate': notYet,
  'volunteers.removeCertificate': notYet,
  'volunteers.addTraining': notYet,
  'volunteers.removeTraining': notYet,
  'volunteers.addEvaluation': notYet,
  'volunteers.removeEvaluation': notYet,
} satisfies DomainHandlers<'volunteers'>;
