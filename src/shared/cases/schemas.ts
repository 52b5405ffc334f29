import { z } from 'zod';
import { isLocalDate } from '../calendar';
import { UserIdSchema } from '../users';

/*
 * Cases (docs/domain.md "The cases"). Enum values are English codes; the UI shows
 * the Chinese labels. Input schemas accept '' for an empty optional text field and store it as null.
 */

/** A case's id (uuidv7). */
export const CaseIdSchema = z.string().uuid();

/** An office-local calendar date 'YYYY-MM-DD' that exists (2025-02-30 does not). */
export const LocalDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine(isLocalDate);

/** MZ/T 084—2017 辅导类别. */
export const COUNSELLING_TYPES = ['divorce_adjustment', 'premarital', 'marital', 'family'] as const;
export const CounsellingTypeSchema = z.enum(COUNSELLING_TYPES);
/** The order of MZ/T 084—2017's 辅导类别 (appendix D's row), which printed forms and reports follow. */
export const COUNSELLING_TYPE_ORDER = [
  'premarital',
  'marital',
  'family',
  'divorce_adjustment',
] as const satisfies readonly (typeof COUNSELLING_TYPES)[number][];
export type CounsellingType = z.infer<typeof CounsellingTypeSchema>;

/** Case number prefixes: `{year}-{prefix}-{seq}`. */
export const CASE_NUMBER_PREFIX: Record<CounsellingType, string> = {
  divorce_adjustment: 'LH',
  premarital: 'HQ',
  marital: 'GX',
  family: 'JT',
};

export const SexSchema = z.enum(['male', 'female']);
export type Sex = z.infer<typeof SexSchema>;

export const DOCUMENT_TYPES = [
  'resident_id',
  'passport',
  'hk_macau_permit',
  'taiwan_permit',
  'foreign_permanent_resident',
  'other',
] as const;
export const DocumentTypeSchema = z.enum(DOCUMENT_TYPES);
export type DocumentType = z.infer<typeof DocumentTypeSchema>;

export const EDUCATION_LEVELS = [
  'primary',
  'junior',
  'senior',
  'college',
  'bachelor',
  'postgraduate',
  'unknown',
] as const;
export const EducationSchema = z.enum(EDUCATION_LEVELS);
export type Education = z.infer<typeof EducationSchema>;

export const REASON_CATEGORIES = [
  'incompatibility',
  'domestic_violence',
  'infidelity',
  'financial',
  'in_laws',
  'addiction',
  'parenting',
  'separation',
  'other',
] as const;
export const ReasonCategorySchema = z.enum(REASON_CATEGORIES);
export type ReasonCategory = z.infer<typeof ReasonCategorySchema>;

export const REGISTRATION_STATUSES = [
  'accepted_cooling',
  'withdrawn',
  'awaiting_certificate',
  'deemed_withdrawn',
  'registered',
  'refused',
] as const;
export const RegistrationStatusSchema = z.enum(REGISTRATION_STATUSES);
export type RegistrationStatus = z.infer<typeof RegistrationStatusSchema>;
/** Statuses the automatic sweep still moves (the statutory clock is running). */
export const OPEN_REGISTRATION_STATUSES = ['accepted_cooling', 'awaiting_certificate'] as const;

export const PartyKeySchema = z.enum(['party_a', 'party_b']);
export type PartyKey = z.infer<typeof PartyKeySchema>;
export const WithdrawnBySchema = z.enum(['party_a', 'party_b', 'both']);
export const ConsentedBySchema = z.enum(['both', 'party_a', 'party_b']);
export const ConsentMethodSchema = z.enum(['written', 'oral_recorded', 'electronic']);
export const ChildLivesWithSchema = z.enum(['party_a', 'party_b', 'both', 'other']);

export const RISK_FLAGS = ['domesticViolence', 'selfHarm', 'childAtRisk', 'elderlyAtRisk'] as const;
export const RiskFlagSchema = z.enum(RISK_FLAGS);
export type RiskFlag = z.infer<typeof RiskFlagSchema>;

// ── building blocks ──────────────────────────────────────────────────────────────────────────────────

/** Required text, trimmed. */
export const requiredText = (max: number) => z.string().trim().min(1).max(max);
/** Optional text: '' and missing become null. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .default(null);
const optional = <T extends z.ZodType>(schema: T) => schema.nullable().default(null);

/** PIPL Art. 29 separate consent for sensitive personal information. */
export const ConsentSchema = z.object({
  consentedBy: ConsentedBySchema,
  consentedAt: LocalDateSchema,
  method: ConsentMethodSchema,
});
export type Consent = z.infer<typeof ConsentSchema>;

export const ChildSchema = z.object({
  age: z.number().int().min(0).max(30),
  livesWith: ChildLivesWithSchema,
});
export type Child = z.infer<typeof ChildSchema>;

export const RiskSchema = z.object({
  domesticViolence: z.boolean().default(false),
  selfHarm: z.boolean().default(false),
  childAtRisk: z.boolean().default(false),
  elderlyAtRisk: z.boolean().default(false),
});
export type Risk = z.infer<typeof RiskSchema>;

export const FilingSchema = z.object({
  /** The day the registry received the application (on the receipt), office-local. */
  receivedDate: LocalDateSchema,
  receiptNumber: requiredText(40),
});
export type Filing = z.infer<typeof FilingSchema>;

/**
 * One party as entered. Without consent only name, sex and phone may be filled (see
 * MINIMAL_PARTY_FIELDS); with a resident ID number, birthDate and sex are derived when left empty.
 */
export const PartyInputSchema = z.object({
  name: requiredText(40),
  sex: optional(SexSchema),
  documentType: optional(DocumentTypeSchema),
  documentNumber: optionalText(40),
  birthDate: optional(LocalDateSchema),
  phone: optionalText(30),
  education: optional(EducationSchema),
  occupation: optionalText(40),
  address: optionalText(200),
});
export type PartyInput = z.output<typeof PartyInputSchema>;

/** Party fields a case may hold without separate consent; everything else needs it. */
export const MINIMAL_PARTY_FIELDS = ['name', 'sex', 'phone'] as const;
/** Case-level fields that need consent (in addition to the non-minimal party fields). */
export const SENSITIVE_CASE_FIELDS = ['marriageDate', 'children', 'reasons'] as const;

/**
 * Whether a recorded consent covers a party's own sensitive fields: 'both', or that party. Shared data
 * (marriage date, children, reasons) needs any recorded consent.
 */
export function consentCovers(consent: Consent | null, party: PartyKey | 'shared'): boolean {
  if (!consent) return false;
  if (party === 'shared' || consent.consentedBy === 'both') return true;
  return consent.consentedBy === party;
}

export const ReasonsSchema = z.object({
  categories: z.array(ReasonCategorySchema).max(REASON_CATEGORIES.length).default([]),
  text: optionalText(2000),
});

/** The editable content of a case: intake and update share it and its rules. */
export const CaseFieldsSchema = z.object({
  type: CounsellingTypeSchema.default('divorce_adjustment'),
  parties: z.tuple([PartyInputSchema, PartyInputSchema]),
  marriageDate: optional(LocalDateSchema),
  children: z.array(ChildSchema).max(20).default([]),
  /** Only with type 'divorce_adjustment' (a filed agreement divorce). */
  filing: optional(FilingSchema),
  reasons: ReasonsSchema.default({ categories: [], text: null }),
  risk: RiskSchema.default({
    domesticViolence: false,
    selfHarm: false,
    childAtRisk: false,
    elderlyAtRisk: false,
  }),
  /** 陪护: a user, or a free-text name for someone without an account. */
  companionUserId: optional(UserIdSchema),
  companionName: optionalText(40),
});

const filingOnlyForDivorce = (
  value: { type: CounsellingType; filing: Filing | null },
  ctx: z.RefinementCtx,
) => {
  if (value.filing && value.type !== 'divorce_adjustment') {
    ctx.addIssue({ code: 'custom', path: ['filing'], message: 'filing needs type divorce_adjustment' });
  }
};

/** 'cases.create': the intake wizard. counsellorId defaults to the signed-in user. */
export const CaseIntakeSchema = CaseFieldsSchema.extend({
  counsellorId: optional(UserIdSchema),
  consent: optional(ConsentSchema),
}).superRefine(filingOnlyForDivorce);
export type CaseIntake = z.output<typeof CaseIntakeSchema>;

/**
 * 'cases.update': the same content; consent has its own channel (cases.recordConsent) and the counsellor
 * in charge changes only through supervision (assign / transfer).
 */
export const CaseUpdateSchema = CaseFieldsSchema.extend({ caseId: z.string().uuid() }).superRefine(
  filingOnlyForDivorce,
);
export type CaseUpdate = z.output<typeof CaseUpdateSchema>;

// ── outputs ──────────────────────────────────────────────────────────────────────────────────────────

export const UserRefSchema = z.object({ id: z.string(), displayName: z.string() });
export type UserRef = z.infer<typeof UserRefSchema>;

export const PartyDetailSchema = z.object({
  key: PartyKeySchema,
  name: z.string(),
  sex: SexSchema.nullable(),
  documentType: DocumentTypeSchema.nullable(),
  /** Full number: only in the case detail. */
  documentNumber: z.string().nullable(),
  documentNumberMasked: z.string().nullable(),
  birthDate: z.string().nullable(),
  phone: z.string().nullable(),
  education: EducationSchema.nullable(),
  occupation: z.string().nullable(),
  address: z.string().nullable(),
});
export type PartyDetail = z.infer<typeof PartyDetailSchema>;

export const TimelineSchema = z.object({
  withdrawalDeadline: z.string(),
  certificateWindowStart: z.string(),
  certificateWindowEnd: z.string(),
});
export type Timeline = z.infer<typeof TimelineSchema>;

export const RecordResultSchema = z.enum(['reconcile', 'postpone', 'divorce']);
export type RecordResult = z.infer<typeof RecordResultSchema>;

export const RegistrationSchema = z.object({
  status: RegistrationStatusSchema,
  timeline: TimelineSchema,
  /** The office's closing time on deadline days ('17:00'); a deadline day is open until then. */
  closingTime: z.string(),
  withdrawal: z
    .object({ by: WithdrawnBySchema, date: z.string(), confirmationNumber: z.string() })
    .nullable(),
  registeredDate: z.string().nullable(),
  refusal: z.object({ date: z.string(), reason: z.string() }).nullable(),
  /** When the status last changed (ISO instant). */
  statusChangedAt: z.string(),
});
export type Registration = z.infer<typeof RegistrationSchema>;

export const CaseDetailSchema = z.object({
  id: z.string(),
  caseNumber: z.string(),
  type: CounsellingTypeSchema,
  /** Filing received date, or the intake date for a case without a filing. */
  receivedDate: z.string(),
  parties: z.tuple([PartyDetailSchema, PartyDetailSchema]),
  marriageDate: z.string().nullable(),
  children: z.array(ChildSchema),
  filing: FilingSchema.nullable(),
  reasons: z.object({ categories: z.array(ReasonCategorySchema), text: z.string().nullable() }),
  risk: z.object({
    domesticViolence: z.boolean(),
    selfHarm: z.boolean(),
    childAtRisk: z.boolean(),
    elderlyAtRisk: z.boolean(),
  }),
  /** A DV disclosure exists (set by the dv module); with the DV risk flag, lists hide contacts. */
  dvDisclosed: z.boolean(),
  consent: ConsentSchema.nullable(),
  counsellor: UserRefSchema,
  companion: z.object({ userId: z.string().nullable(), name: z.string() }).nullable(),
  /** Only with a filing. */
  registration: RegistrationSchema.nullable(),
  /** The latest signed record's result. */
  result: RecordResultSchema.nullable(),
  /** The desk's "today" (office-local), for days-left and the progress bar. */
  today: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CaseDetail = z.infer<typeof CaseDetailSchema>;

// ── list ─────────────────────────────────────────────────────────────────────────────────────────────

export const CASE_SORTS = ['received_desc', 'deadline_asc', 'created_desc', 'case_number'] as const;
export const CaseSortSchema = z.enum(CASE_SORTS);
export type CaseSort = z.infer<typeof CaseSortSchema>;

export const CaseListFilterSchema = z.object({
  type: CounsellingTypeSchema.optional(),
  registrationStatus: RegistrationStatusSchema.optional(),
  counsellorId: UserIdSchema.optional(),
  /** Received date range (inclusive, office-local). */
  receivedFrom: LocalDateSchema.optional(),
  receivedTo: LocalDateSchema.optional(),
  /**
   * Running statutory deadline range (inclusive): the withdrawal deadline while accepted_cooling, the
   * certificate window end while awaiting_certificate — the 工作台's "即将到期" section, in full.
   */
  deadlineFrom: LocalDateSchema.optional(),
  deadlineTo: LocalDateSchema.optional(),
  /** Cases with every listed risk flag set (a DV disclosure counts as domesticViolence). */
  risk: z.array(RiskFlagSchema).max(RISK_FLAGS.length).optional(),
  sort: CaseSortSchema.default('received_desc'),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
});
export type CaseListFilter = z.output<typeof CaseListFilterSchema>;

export const CaseListPartySchema = z.object({
  name: z.string(),
  sex: SexSchema.nullable(),
  documentNumberMasked: z.string().nullable(),
  /** null when the case hides contacts (DV) or none was given. */
  phone: z.string().nullable(),
});

export const CaseListRowSchema = z.object({
  id: z.string(),
  caseNumber: z.string(),
  type: CounsellingTypeSchema,
  receivedDate: z.string(),
  parties: z.tuple([CaseListPartySchema, CaseListPartySchema]),
  registrationStatus: RegistrationStatusSchema.nullable(),
  withdrawalDeadline: z.string().nullable(),
  certificateWindowEnd: z.string().nullable(),
  /** The deadline that matters now: withdrawal (cooling-off) or certificate window end; else null. */
  nextDeadline: z.string().nullable(),
  counsellor: UserRefSchema,
  risk: CaseDetailSchema.shape.risk,
  /** Address and phone are hidden (DV flag or disclosure). */
  contactsHidden: z.boolean(),
  result: RecordResultSchema.nullable(),
  createdAt: z.string(),
});
export type CaseListRow = z.infer<typeof CaseListRowSchema>;

// ── registration transitions ─────────────────────────────────────────────────────────────────────────

export const CaseTransitionSchema = z.discriminatedUnion('action', [
  z.object({
    caseId: z.string().uuid(),
    action: z.literal('withdraw'),
    by: WithdrawnBySchema,
    date: LocalDateSchema,
    confirmationNumber: requiredText(40),
  }),
  z.object({ caseId: z.string().uuid(), action: z.literal('register'), date: LocalDateSchema }),
  z.object({
    caseId: z.string().uuid(),
    action: z.literal('refuse'),
    date: LocalDateSchema,
    reason: requiredText(500),
  }),
]);
export type CaseTransition = z.output<typeof CaseTransitionSchema>;
