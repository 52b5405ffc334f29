import { z } from 'zod';
import {
  CounsellingTypeSchema,
  LocalDateSchema,
  optionalText,
  RecordResultSchema,
  RegistrationStatusSchema,
  requiredText,
  UserRefSchema,
} from '../cases';
import { FollowUpFocusSchema, PlanSchema } from '../followups';
import { ReasonSchema } from '../volunteers';

// ── family archives (家庭档案) ─────────────────────────────────────────────────────────────────────────

export const MEMBER_KINDS = ['spouse', 'child', 'elder', 'other'] as const;
export const MemberKindSchema = z.enum(MEMBER_KINDS);
export type MemberKind = z.infer<typeof MemberKindSchema>;

export const FAMILY_STATUSES = ['open', 'closed'] as const;
export const FamilyStatusSchema = z.enum(FAMILY_STATUSES);
export type FamilyStatus = z.infer<typeof FamilyStatusSchema>;

/** 一果一联: a federation help contact (帮扶联系对象) or a programme. */
export const HELP_LINK_KINDS = ['contact', 'programme'] as const;
export const HelpLinkKindSchema = z.enum(HELP_LINK_KINDS);
export type HelpLinkKind = z.infer<typeof HelpLinkKindSchema>;

export const HELP_LINK_STATUSES = ['linked', 'in_progress', 'completed', 'ended'] as const;
export const HelpLinkStatusSchema = z.enum(HELP_LINK_STATUSES);
export type HelpLinkStatus = z.infer<typeof HelpLinkStatusSchema>;

export const MemberInputSchema = z.object({
  kind: MemberKindSchema,
  /** 丈夫, 妻子, 儿子, 婆婆 … */
  relation: requiredText(20),
  name: requiredText(40),
  /** Age today (kept as a birth year, so it grows with the archive). */
  age: z.number().int().min(0).max(120).nullable().default(null),
  /** 现状: school, health, who they live with. */
  situation: optionalText(500),
});
export type MemberInput = z.output<typeof MemberInputSchema>;

export const FamilyFieldsSchema = z.object({
  /** 户名, e.g. 王某某、李某某家庭. */
  name: requiredText(40),
  /** The family's needs (家庭需求). */
  needs: optionalText(2000),
  /** Shown to visitors in the visit packet: never DV details, only what keeps a visitor and the family safe. */
  safetyNotes: optionalText(500),
});

export const FamilyCreateSchema = FamilyFieldsSchema.extend({
  members: z.array(MemberInputSchema).max(30).default([]),
});
export type FamilyCreate = z.output<typeof FamilyCreateSchema>;
export const FamilyUpdateSchema = FamilyFieldsSchema.extend({ familyId: z.string().uuid() });
export type FamilyUpdate = z.output<typeof FamilyUpdateSchema>;

export const MemberSaveSchema = MemberInputSchema.extend({
  familyId: z.string().uuid(),
  /** Absent: a new member. */
  memberId: z.string().uuid().optional(),
});
export type MemberSave = z.output<typeof MemberSaveSchema>;

export const HelpLinkSaveSchema = z
  .object({
    familyId: z.string().uuid(),
    linkId: z.string().uuid().optional(),
    kind: HelpLinkKindSchema,
    /** The contact person or the programme's name. */
    helperName: requiredText(60),
    /** The contact's organisation and way to reach them. */
    contact: optionalText(100),
    status: HelpLinkStatusSchema,
    startDate: LocalDateSchema,
    endDate: LocalDateSchema.nullable().default(null),
    notes: optionalText(1000),
  })
  .superRefine((v, ctx) => {
    if (v.endDate !== null && v.endDate < v.startDate) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['endDate'], message: 'invalid' });
    }
  });
export type HelpLinkSave = z.output<typeof HelpLinkSaveSchema>;

export const FamilyReasonSchema = z.object({ familyId: z.string().uuid(), reason: ReasonSchema });

export const FamilyListFilterSchema = z.object({
  /** Part of the family name or the archive number. */
  query: z.string().trim().max(40).default(''),
  status: z.enum(['open', 'closed', 'all']).default('open'),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
});
export type FamilyListFilter = z.output<typeof FamilyListFilterSchema>;

export const FamilySummarySchema = z.object({
  id: z.string(),
  archiveNumber: z.string(),
  name: z.string(),
  status: FamilyStatusSchema,
  focus: FollowUpFocusSchema,
  members: z.number().int(),
  cases: z.number().int(),
  /** The next open visit of an active plan. */
  nextVisit: z
    .object({ dueDate: z.string(), overdue: z.boolean(), volunteerName: z.string().nullable() })
    .nullable(),
  counsellor: UserRefSchema,
  updatedAt: z.string(),
});
export type FamilySummary = z.infer<typeof FamilySummarySchema>;

export const MemberSchema = z.object({
  id: z.string(),
  kind: MemberKindSchema,
  relation: z.string(),
  name: z.string(),
  age: z.number().int().nullable(),
  situation: z.string().nullable(),
});
export type Member = z.infer<typeof MemberSchema>;

export const HelpLinkSchema = z.object({
  id: z.string(),
  kind: HelpLinkKindSchema,
  helperName: z.string(),
  contact: z.string().nullable(),
  status: HelpLinkStatusSchema,
  startDate: z.string(),
  endDate: z.string().nullable(),
  notes: z.string().nullable(),
});
export type HelpLink = z.infer<typeof HelpLinkSchema>;

export const FamilyCaseSchema = z.object({
  id: z.string(),
  caseNumber: z.string(),
  type: CounsellingTypeSchema,
  receivedDate: z.string(),
  registrationStatus: RegistrationStatusSchema.nullable(),
  result: RecordResultSchema.nullable(),
});

export const FamilyDetailSchema = z.object({
  id: z.string(),
  archiveNumber: z.string(),
  name: z.string(),
  status: FamilyStatusSchema,
  closedReason: z.string().nullable(),
  focus: FollowUpFocusSchema,
  /** The result the archive was opened for (null: opened by hand). */
  result: RecordResultSchema.nullable(),
  needs: z.string().nullable(),
  safetyNotes: z.string().nullable(),
  counsellor: UserRefSchema,
  members: z.array(MemberSchema),
  helpLinks: z.array(HelpLinkSchema),
  /** Every case of the family the caller may see, newest first. */
  cases: z.array(FamilyCaseSchema),
  /** Newest first; at most one is active or paused. */
  plans: z.array(PlanSchema),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  today: z.string(),
});
export type FamilyDetail = z.infer<typeof FamilyDetailSchema>;
