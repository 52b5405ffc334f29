import { z } from 'zod';
import { LocalDateSchema, optionalText, requiredText, SexSchema, UserRefSchema } from '../cases';
import { VOLUNTEER_INELIGIBLE_REASONS } from './rules';

// ── volunteers (志愿者) ──────────────────────────────────────────────────────────────────────────────────

export const VOLUNTEER_PROFESSIONS = [
  'judge',
  'police_officer',
  'lawyer',
  'psychological_counsellor',
  'marriage_family_counsellor',
  'marriage_registrar',
  'social_worker',
  'teacher',
  'other',
] as const;
export const VolunteerProfessionSchema = z.enum(VOLUNTEER_PROFESSIONS);
export type VolunteerProfession = z.infer<typeof VolunteerProfessionSchema>;

export const VolunteerIneligibleReasonSchema = z.enum(VOLUNTEER_INELIGIBLE_REASONS);

export const CERTIFICATE_STATES = ['valid', 'expiring', 'expired', 'no_expiry'] as const;
export const CertificateStateSchema = z.enum(CERTIFICATE_STATES);

const PhoneSchema = z
  .string()
  .trim()
  .regex(/^[0-9+\- ]{5,20}$/)
  .nullable()
  .or(z.literal('').transform(() => null))
  .default(null);

/** The profile fields a director types ('volunteers.create' / 'volunteers.update'). */
export const VolunteerFieldsSchema = z.object({
  name: requiredText(40),
  sex: SexSchema.nullable().default(null),
  phone: PhoneSchema,
  profession: VolunteerProfessionSchema,
  /** Required when profession is 'other'. */
  professionOther: optionalText(40),
  /** 专业资质: professionally qualified (a licence or certificate of the profession). */
  qualified: z.boolean().default(false),
  /** The confidentiality pledge's signing date (not after today); null: not signed. */
  pledgeSignedDate: LocalDateSchema.nullable().default(null),
  /** The desk account (role volunteer) this profile belongs to; at most one profile per account. */
  userId: z.string().uuid().nullable().default(null),
  notes: optionalText(500),
});

function professionOtherGiven(
  v: { profession: string; professionOther: string | null },
  ctx: z.RefinementCtx,
) {
  if (v.profession === 'other' && !v.professionOther) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['professionOther'], message: 'required' });
  }
}

export const VolunteerCreateSchema = VolunteerFieldsSchema.superRefine(professionOtherGiven);
export type VolunteerCreate = z.output<typeof VolunteerCreateSchema>;

export const VolunteerUpdateSchema = VolunteerFieldsSchema.extend({
  volunteerId: z.string().uuid(),
}).superRefine(professionOtherGiven);
export type VolunteerUpdate = z.output<typeof VolunteerUpdateSchema>;

/** A reason typed before anything is removed or switched off (kept with the row, not in the audit log). */
export const ReasonSchema = requiredText(500);

export const VolunteerSetActiveSchema = z.object({
  volunteerId: z.string().uuid(),
  active: z.boolean(),
  /** Required when deactivating. */
  reason: optionalText(500),
});

export const RemoveSchema = z.object({ id: z.string().uuid(), reason: ReasonSchema });

export const CertificateInputSchema = z.object({
  volunteerId: z.string().uuid(),
  name: requiredText(60),
  number: requiredText(40),
  expiresOn: LocalDateSchema.nullable().default(null),
});
export const TrainingInputSchema = z.object({
  volunteerId: z.string().uuid(),
  date: LocalDateSchema,
  topic: requiredText(100),
  /** Half hours: 0.5 … 100. */
  hours: z.number().min(0.5).max(100).multipleOf(0.5),
});
export const EvaluationInputSchema = z.object({
  volunteerId: z.string().uuid(),
  date: LocalDateSchema,
  /** 0 … 100. */
  score: z.number().int().min(0).max(100),
  evaluator: requiredText(40),
  notes: optionalText(1000),
});

export const VOLUNTEER_STATUS_FILTERS = ['active', 'inactive', 'all'] as const;

export const VolunteerListFilterSchema = z.object({
  /** Part of the name. */
  query: z.string().trim().max(40).default(''),
  status: z.enum(VOLUNTEER_STATUS_FILTERS).default('active'),
  profession: VolunteerProfessionSchema.optional(),
  /** Only those who may be assigned today (active, pledge signed). */
  eligibleOnly: z.boolean().default(false),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
});
export type VolunteerListFilter = z.output<typeof VolunteerListFilterSchema>;

export const ServiceHoursSchema = z.object({
  counsellingSessions: z.number().int(),
  counsellingHours: z.number(),
  visits: z.number().int(),
  visitHours: z.number(),
  events: z.number().int(),
  eventHours: z.number(),
  totalHours: z.number(),
});

export const VolunteerSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  profession: VolunteerProfessionSchema,
  professionOther: z.string().nullable(),
  qualified: z.boolean(),
  pledgeSignedDate: z.string().nullable(),
  active: z.boolean(),
  /** Why they cannot be assigned today (empty: eligible). */
  ineligibleReasons: z.array(VolunteerIneligibleReasonSchema),
  /** Certificates expired or expiring within 30 days. */
  certificateWarnings: z.number().int(),
  /** Open (scheduled) visits assigned to them. */
  openVisits: z.number().int(),
  linkedUser: UserRefSchema.nullable(),
});
export type VolunteerSummary = z.infer<typeof VolunteerSummarySchema>;

export const CertificateSchema = z.object({
  id: z.string(),
  name: z.string(),
  number: z.string(),
  expiresOn: z.string().nullable(),
  state: CertificateStateSchema,
});
export const TrainingSchema = z.object({
  id: z.string(),
  date: z.string(),
  topic: z.string(),
  hours: z.number(),
});
export const EvaluationSchema = z.object({
  id: z.string(),
  date: z.string(),
  score: z.number().int(),
  evaluator: z.string(),
  notes: z.string().nullable(),
});

export const VolunteerDetailSchema = VolunteerSummarySchema.extend({
  sex: SexSchema.nullable(),
  phone: z.string().nullable(),
  notes: z.string().nullable(),
  inactiveReason: z.string().nullable(),
  certificates: z.array(CertificateSchema),
  /** Newest first. */
  trainings: z.array(TrainingSchema),
  trainingHours: z.number(),
  /** Newest first. */
  evaluations: z.array(EvaluationSchema),
  serviceHours: ServiceHoursSchema,
  version: z.number().int(),
  today: z.string(),
});
export type VolunteerDetail = z.infer<typeof VolunteerDetailSchema>;
