import { z } from 'zod';
import { LocalDateSchema, optionalText, RecordResultSchema, UserRefSchema } from '../cases';
import { ChannelKindSchema } from '../records';
import { FOLLOW_UP_FOCUSES, VISIT_QUESTIONS } from './rules';

// ── follow-up plans and visits (回访) ──────────────────────────────────────────────────────────────────

export const FollowUpFocusSchema = z.enum(FOLLOW_UP_FOCUSES);
export const VisitQuestionSchema = z.enum(VISIT_QUESTIONS);

/** A rule of the settings: months strictly increasing, 1 … 60, at most 12 visits. */
export const FollowUpRuleSchema = z.object({
  result: RecordResultSchema,
  months: z
    .array(z.number().int().min(1).max(60))
    .max(12)
    .refine((ms) => ms.every((m, i) => i === 0 || m > (ms[i - 1] as number)), 'strictly increasing'),
  onlyWithMinorChildren: z.boolean(),
  focus: FollowUpFocusSchema,
});

/** One rule per result (an empty month list: no plan for that result). */
export const FollowUpRulesSchema = z
  .array(FollowUpRuleSchema)
  .max(3)
  .refine((rules) => new Set(rules.map((r) => r.result)).size === rules.length, 'one rule per result');

export const PLAN_STATUSES = ['active', 'paused', 'closed'] as const;
export const PlanStatusSchema = z.enum(PLAN_STATUSES);
export type PlanStatus = z.infer<typeof PlanStatusSchema>;

/** Why a plan closed by itself: the schedule is done, or the family archive closed. */
export const PLAN_CLOSE_CAUSES = ['completed', 'by_user', 'family_closed'] as const;
export const PlanCloseCauseSchema = z.enum(PLAN_CLOSE_CAUSES);
export type PlanCloseCause = z.infer<typeof PlanCloseCauseSchema>;

/** on_hold: the open visit of a paused plan (it waits: in no queue bucket, never overdue). */
export const VISIT_STATUSES = ['scheduled', 'on_hold', 'done', 'cancelled'] as const;
export const VisitStatusSchema = z.enum(VISIT_STATUSES);
export type VisitStatus = z.infer<typeof VisitStatusSchema>;

/** How the marriage is going, as the visitor judges it. */
export const MARRIAGE_STATUSES = ['stable', 'improving', 'strained', 'separated', 'divorced'] as const;
export const MarriageStatusSchema = z.enum(MARRIAGE_STATUSES);
export type MarriageStatus = z.infer<typeof MarriageStatusSchema>;

/** 'followups.recordVisit': what the visitor writes down. A safety concern needs a note. */
export const VisitRecordSchema = z
  .object({
    visitId: z.string().uuid(),
    /** Not after today, not before the plan's start. */
    visitDate: LocalDateSchema,
    channel: ChannelKindSchema,
    /** Minutes, 5 … 600: the visitor's service hours. */
    durationMinutes: z.number().int().min(5).max(600),
    metWhom: z.string().trim().min(1).max(200),
    marriageStatus: MarriageStatusSchema.nullable().default(null),
    childrenWellbeing: optionalText(1000),
    elderly: optionalText(1000),
    problems: optionalText(2000),
    helpGiven: optionalText(2000),
    nextStep: optionalText(1000),
    /** Alerts the counsellor in charge of the family (dashboard) until they acknowledge it. */
    safetyConcern: z.boolean().default(false),
    safetyNote: optionalText(1000),
  })
  .superRefine((v, ctx) => {
    if (v.safetyConcern && !v.safetyNote) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['safetyNote'], message: 'required' });
    }
  });
export type VisitRecord = z.output<typeof VisitRecordSchema>;

export const VisitSchema = z.object({
  id: z.string(),
  planId: z.string(),
  familyId: z.string(),
  /** 1-based position in the plan. */
  seq: z.number().int(),
  dueDate: z.string(),
  status: VisitStatusSchema,
  overdue: z.boolean(),
  daysOverdue: z.number().int(),
  volunteer: z.object({ id: z.string(), name: z.string() }).nullable(),
  visitDate: z.string().nullable(),
  channel: ChannelKindSchema.nullable(),
  durationMinutes: z.number().int().nullable(),
  metWhom: z.string().nullable(),
  marriageStatus: MarriageStatusSchema.nullable(),
  childrenWellbeing: z.string().nullable(),
  elderly: z.string().nullable(),
  problems: z.string().nullable(),
  helpGiven: z.string().nullable(),
  nextStep: z.string().nullable(),
  safetyConcern: z.boolean(),
  safetyNote: z.string().nullable(),
  safetyAcknowledged: z.boolean(),
  recordedBy: UserRefSchema.nullable(),
});
export type Visit = z.infer<typeof VisitSchema>;

export const PlanSchema = z.object({
  id: z.string(),
  familyId: z.string(),
  caseId: z.string().nullable(),
  result: RecordResultSchema,
  focus: FollowUpFocusSchema,
  startDate: z.string(),
  months: z.array(z.number().int()),
  status: PlanStatusSchema,
  statusReason: z.string().nullable(),
  closeCause: PlanCloseCauseSchema.nullable(),
  volunteer: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** Visits made or open, in order. */
  visits: z.array(VisitSchema),
  /** The rest of the schedule: due dates not yet opened (they may move if a visit is late). */
  upcoming: z.array(z.object({ seq: z.number().int(), dueDate: z.string() })),
  questions: z.array(VisitQuestionSchema),
  version: z.number().int(),
});
export type Plan = z.infer<typeof PlanSchema>;

export const QUEUE_BUCKETS = ['due_week', 'overdue', 'upcoming', 'done'] as const;
export const QueueBucketSchema = z.enum(QUEUE_BUCKETS);
export type QueueBucket = z.infer<typeof QueueBucketSchema>;

export const QueueFilterSchema = z.object({
  bucket: QueueBucketSchema.default('due_week'),
  /** Directors: everyone's ('all') or their own; others always their own. */
  scope: z.enum(['mine', 'all']).default('mine'),
  volunteerId: z.string().uuid().optional(),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
});
export type QueueFilter = z.output<typeof QueueFilterSchema>;

export const QueueRowSchema = z.object({
  visitId: z.string(),
  planId: z.string(),
  familyId: z.string(),
  /** The archive number (JT-…); the family's name only for those who work cases or hold the visit. */
  archiveNumber: z.string(),
  familyName: z.string(),
  seq: z.number().int(),
  of: z.number().int(),
  dueDate: z.string(),
  status: VisitStatusSchema,
  daysOverdue: z.number().int(),
  visitDate: z.string().nullable(),
  volunteer: z.object({ id: z.string(), name: z.string() }).nullable(),
  focus: FollowUpFocusSchema,
  safetyConcern: z.boolean(),
});
export type QueueRow = z.infer<typeof QueueRowSchema>;

export const QueueSchema = z.object({
  rows: z.array(QueueRowSchema),
  total: z.number().int(),
  /** Exact counts of every bucket for the same scope and volunteer. */
  counts: z.object({
    due_week: z.number().int(),
    overdue: z.number().int(),
    upcoming: z.number().int(),
    done: z.number().int(),
  }),
  today: z.string(),
  /** Whether the caller may see everyone's visits (directors). */
  canSeeAll: z.boolean(),
});
export type Queue = z.infer<typeof QueueSchema>;

/**
 * The visit packet: the minimum a volunteer needs for one visit. Never an ID number, a counselling note,
 * a case, or anything of a DV disclosure; the safety notes are what the counsellor wrote for visitors.
 */
export const VisitPacketSchema = z.object({
  visitId: z.string(),
  archiveNumber: z.string(),
  familyName: z.string(),
  seq: z.number().int(),
  of: z.number().int(),
  dueDate: z.string(),
  focus: FollowUpFocusSchema,
  members: z.array(
    z.object({
      kind: z.enum(['spouse', 'child', 'elder', 'other']),
      relation: z.string(),
      name: z.string(),
      age: z.number().int().nullable(),
    }),
  ),
  questions: z.array(VisitQuestionSchema),
  safetyNotes: z.string().nullable(),
  /** The previous visit's next step, if any. */
  previousNextStep: z.string().nullable(),
  volunteer: z.object({ id: z.string(), name: z.string() }).nullable(),
  counsellor: UserRefSchema,
  office: z.object({ centreName: z.string(), registryOffice: z.string() }),
});
export type VisitPacket = z.infer<typeof VisitPacketSchema>;
