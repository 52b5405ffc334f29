import { createReferral, listReferrals, referralLetter, transitionReferral } from './referrals';
import type { DomainHandlers } from '../ipc';

export const referralsHandlers = {
  'referrals.list': (input, ctx) => listReferrals(ctx, input),
  'referrals.create': (input, ctx) => createReferral(ctx, input),
  'referrals.transition': (input, ctx) => transitionReferral(ctx, input),
  'referrals.letter': (input, ctx) => referralLetter(ctx, input.referralId),
} satisfies DomainHandlers<'referrals'>;
