import { DomainError } from '../../shared/errors';
import type { DomainHandlers } from '../dispatcher';

// SCAFFOLD (issue 9, being built): replaced by the real handlers before this lands.
const notYet = (): never => {
  throw new DomainError('INTERNAL');
};

export const familiesHandlers = {
  'families.list': notYet,
  'families.get': notYet,
  'families.ofCase': notYet,
  'families.openFromCase': notYet,
  'families.create': notYet,
  'families.update': notYet,
  'families.linkCase': notYet,
  'families.saveMember': notYet,
  'families.removeMember': notYet,
  'families.saveHelpLink': notYet,
  'families.removeHelpLink': notYet,
  'families.close': notYet,
  'families.reopen': notYet,
} satisfies DomainHandlers<'families'>;
