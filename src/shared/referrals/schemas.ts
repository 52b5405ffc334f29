import { z } from 'zod';
import { CaseIdSchema, LocalDateSchema, optionalText, requiredText, UserRefSchema } from '../cases';

// ── referrals ────────────────────────────────────────────────────────────────────────────────────────

export const REFERRAL_TARGETS = [
  'police',
  'court',
  'legal_aid',
  'psychological',
  'womens_federation',
  'hotline_12338',
  'shelter',
  'other',
] as const;
export const ReferralTargetSchema = z.enum(REFERRAL_TARGETS);
export type ReferralTarget = z.infer<typeof ReferralTargetSchema>;

export const REFERRAL_STATUSES = ['created', 'sent', 'accepted', 'rejected', 'done'] as const;
export const ReferralStatusSchema = z.enum(REFERRAL_STATUSES);
export type ReferralStatus = z.infer<typeof ReferralStatusSchema>;
/** Statuses still waiting for the other side: overdue once the expected reply date has passed. */
export const AWAITING_REPLY_STATUSES = ['created', 'sent'] as const satisfies readonly ReferralStatus[];
export type AwaitingReplyStatus = (typeof AWAITING_REPLY_STATUSES)[number];

/** The closed loop: created → sent → accepted | rejected; accepted → done. */
export const REFERRAL_TRANSITIONS: Record<ReferralStatus, readonly ReferralStatus[]> = {
  created: ['sent'],
  sent: ['accepted', 'rejected'],
  accepted: ['done'],
  rejected: [],
  done: [],
};

export function canTransitionReferral(from: ReferralStatus, to: ReferralStatus): boolean {
  return REFERRAL_TRANSITIONS[from].includes(to);
}

/** Who is referred. */
export const ReferralSubjectSchema = z.enum(['party_a', 'party_b', 'both']);
export type ReferralSubject = z.infer<typeof ReferralSubjectSchema>;

/** 'referrals.create'. Without consent a reason is required (CONSENT_REASON_REQUIRED, audited). */
export const ReferralCreateSchema = z.object({
  caseId: CaseIdSchema,
  target: ReferralTargetSchema,
  /** The receiving body by name (e.g. 明水派出所); the letter falls back to the target's label. */
  targetName: optionalText(100),
  subject: ReferralSubjectSchema.default('both'),
  reason: requiredText(2000),
  consentGiven: z.boolean(),
  noConsentReason: optionalText(1000),
  expectedReplyDate: LocalDateSchema,
  /** The DV disclosure this referral follows from (the referral is then as restricted as the disclosure). */
  dvDisclosureId: z.string().uuid().nullable().default(null),
});
export type ReferralCreate = z.output<typeof ReferralCreateSchema>;

export const ReferralTransitionSchema = z.object({
  referralId: z.string().uuid(),
  to: z.enum(['sent', 'accepted', 'rejected', 'done']),
  /** Office-local date it happened (not before the previous step, not after today). */
  date: LocalDateSchema,
  note: optionalText(1000),
});
export type ReferralTransition = z.output<typeof ReferralTransitionSchema>;

export const ReferralListFilterSchema = z.object({
  caseId: CaseIdSchema.optional(),
  overdueOnly: z.boolean().default(false),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
});
export type ReferralListFilter = z.output<typeof ReferralListFilterSchema>;

export const ReferralEventSchema = z.object({
  status: ReferralStatusSchema,
  date: z.string(),
  note: z.string().nullable(),
  by: UserRefSchema,
  at: z.string(),
});
export type ReferralEvent = z.infer<typeof ReferralEventSchema>;

export const ReferralSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  caseNumber: z.string(),
  /** `ZJ-{year}-{seq 5}`, per desk and year. */
  referenceNumber: z.string(),
  target: ReferralTargetSchema,
  targetName: z.string().nullable(),
  subject: ReferralSubjectSchema,
  reason: z.string(),
  consentGiven: z.boolean(),
  noConsentReason: z.string().nullable(),
  status: ReferralStatusSchema,
  expectedReplyDate: z.string(),
  /** expectedReplyDate < today and still waiting (created / sent). */
  overdue: z.boolean(),
  /** Days past the expected reply date while overdue, else 0. */
  daysOverdue: z.number().int(),
  dvDisclosureId: z.string().nullable(),
  createdBy: UserRefSchema,
  /** Oldest first, starting with 'created'. */
  events: z.array(ReferralEventSchema),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Referral = z.infer<typeof ReferralSchema>;

/** What the printed referral letter (转介函) shows; the print service lays it out. */
export const ReferralLetterSchema = z.object({
  referralId: z.string(),
  referenceNumber: z.string(),
  /** Office-local date printed on the letter. */
  issuedDate: z.string(),
  office: z.object({ county: z.string(), registryOffice: z.string(), centreName: z.string() }),
  target: ReferralTargetSchema,
  /** targetName, or the target's Chinese label. */
  addressee: z.string(),
  caseId: z.string(),
  caseNumber: z.string(),
  subject: ReferralSubjectSchema,
  /** The referred people; phone is null when the case hides contacts (DV) or none was given. */
  persons: z.array(
    z.object({
      party: z.enum(['party_a', 'party_b']),
      name: z.string(),
      sex: z.enum(['male', 'female']).nullable(),
      phone: z.string().nullable(),
    }),
  ),
  contactsHidden: z.boolean(),
  reason: z.string(),
  consentGiven: z.boolean(),
  noConsentReason: z.string().nullable(),
  expectedReplyDate: z.string(),
  /** The counsellor in charge: the contact person on the letter. */
  counsellor: UserRefSchema,
});
export type ReferralLetter = z.infer<typeof ReferralLetterSchema>;
