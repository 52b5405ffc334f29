import type { DomainHandlers } from '../dispatcher';
import { familyOfCase, getFamily, listFamilies } from './views';
import {
  closeFamily,
  createFamily,
  linkCase,
  openFromCase,
  removeHelpLink,
  removeMember,
  reopenFamily,
  saveHelpLink,
  saveMember,
  updateFamilyFields,
} from './families.service';

export const familiesHandlers = {
  'families.list': (input, call) => listFamilies(call.db, call.user, input, call.now),
  'families.get': (input, call) => getFamily(call.db, call.user, input.familyId, call.now),
  'families.ofCase': (input, call) => familyOfCase(call.db, call.user, input.caseId),
  'families.openFromCase': (input, call) => openFromCase(call, input.caseId),
  'families.create': (input, call) => createFamily(call, input),
  'families.update': (input, call) => updateFamilyFields(call, input),
  'families.linkCase': (input, call) => linkCase(call, input),
  'families.saveMember': (input, call) => saveMember(call, input),
  'families.removeMember': (input, call) => removeMember(call, input),
  'families.saveHelpLink': (input, call) => saveHelpLink(call, input),
  'families.removeHelpLink': (input, call) => removeHelpLink(call, input),
  'families.close': (input, call) => closeFamily(call, input),
  'families.reopen': (input, call) => reopenFamily(call, input.familyId),
} satisfies DomainHandlers<'families'>;
