import { z } from 'zod';
import {
  ReferralCreateSchema,
  ReferralLetterSchema,
  ReferralListFilterSchema,
  ReferralSchema,
  ReferralTransitionSchema,
} from './schemas';
import { channel, type ChannelSpec } from '../ipc';

/**
 * 'referrals.*' channels (docs/domain.md "Referrals"): 转介 with a closed loop created → sent → accepted |
 * rejected; accepted → done (anything else INVALID_TRANSITION). Referrals of cases the caller may not see,
 * and referrals linked to a DV disclosure the caller may not see, answer REFERRAL_NOT_FOUND / are not listed.
 */
export const referralsContract = {
  /**
   * Newest first; without caseId every visible case's referrals; overdueOnly: still waiting past the date.
   * Audited ('referral.list_viewed', coalesced), hence a write channel.
   */
  'referrals.list': channel({
    input: ReferralListFilterSchema,
    output: z.object({ rows: z.array(ReferralSchema), total: z.number().int(), today: z.string() }),
    access: 'cases.work',
    write: true,
  }),
  /** Without consent: noConsentReason or CONSENT_REASON_REQUIRED; the reference number is assigned here. */
  'referrals.create': channel({
    input: ReferralCreateSchema,
    output: ReferralSchema,
    access: 'cases.work',
    write: true,
  }),
  'referrals.transition': channel({
    input: ReferralTransitionSchema,
    output: ReferralSchema,
    access: 'cases.work',
    write: true,
  }),
  /** The data of the printable referral letter (转介函); audited ('referral.letter_printed'). */
  'referrals.letter': channel({
    input: z.object({ referralId: z.string().uuid() }),
    output: ReferralLetterSchema,
    access: 'cases.work',
    write: true,
  }),
} as const satisfies Record<string, ChannelSpec>;
