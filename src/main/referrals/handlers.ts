import type { DomainHandlers } from '../dispatcher';
import {
  auditLetterPrinted,
  createReferral,
  listReferrals,
  referralLetter,
  transitionReferral,
} from './referrals.service';

export const referralsHandlers = {
  'referrals.list': (input, call) => listReferrals(call, input),
  'referrals.create': (input, call) => createReferral(call, input),
  'referrals.transition': (input, call) => transitionReferral(call, input),
  'referrals.letter': async (input, call) => {
    const letter = await referralLetter(
      call.db,
      call.user,
      input.referralId,
      call.open.settings.office,
      call.now,
    );
    await auditLetterPrinted(call, letter);
    return letter;
  },
} satisfies DomainHandlers<'referrals'>;
