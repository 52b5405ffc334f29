import { z } from 'zod';
import { CaseIdSchema, LocalDateSchema, optionalText, UserRefSchema } from '../cases';
import { UserIdSchema } from '../users';

// ── supervision (三办) ────────────────────────────────────────────────────────────────────────────────

export const SupervisionKindSchema = z.enum(['assign', 'transfer', 'supervise']);
export type SupervisionKind = z.infer<typeof SupervisionKindSchema>;
export const SupervisionStatusSchema = z.enum(['open', 'done', 'cancelled']);
export type SupervisionStatus = z.infer<typeof SupervisionStatusSchema>;

/**
 * 'supervision.create'.
 * - assign 交办 (directors): toUserId required; the case's counsellor in charge becomes toUserId.
 * - transfer 转办 (directors, or the counsellor in charge): exactly one of toUserId (becomes the
 *   counsellor in charge) or toStation (another station; the counsellor stays until it is done).
 * - supervise 督办 (directors): dueDate required; toUserId defaults to the counsellor in charge.
 */
export const SupervisionCreateSchema = z
  .object({
    kind: SupervisionKindSchema,
    caseId: CaseIdSchema,
    toUserId: UserIdSchema.nullable().default(null),
    toStation: optionalText(60),
    dueDate: LocalDateSchema.nullable().default(null),
    instructions: optionalText(2000),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'assign' && !v.toUserId) {
      ctx.addIssue({ code: 'custom', path: ['toUserId'], message: 'assign needs a counsellor' });
    }
    if (v.kind !== 'transfer' && v.toStation) {
      ctx.addIssue({ code: 'custom', path: ['toStation'], message: 'only a transfer goes to a station' });
    }
    if (v.kind === 'transfer' && !v.toUserId === !v.toStation) {
      ctx.addIssue({
        code: 'custom',
        path: ['toUserId'],
        message: 'a transfer needs a counsellor or a station',
      });
    }
    if (v.kind === 'supervise' && !v.dueDate) {
      ctx.addIssue({ code: 'custom', path: ['dueDate'], message: 'supervise needs a deadline' });
    }
  });
export type SupervisionCreate = z.output<typeof SupervisionCreateSchema>;

export const SupervisionCloseSchema = z.object({
  itemId: z.string().uuid(),
  note: optionalText(1000),
});
export type SupervisionClose = z.output<typeof SupervisionCloseSchema>;

/**
 * 'mine': open items addressed to me; 'all_open': every open item (directors, else FORBIDDEN);
 * 'case': every item of one case (any status) the caller may see.
 */
export const SupervisionListSchema = z
  .object({
    scope: z.enum(['mine', 'all_open', 'case']).default('mine'),
    caseId: CaseIdSchema.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.scope === 'case' && !v.caseId) {
      ctx.addIssue({ code: 'custom', path: ['caseId'], message: "scope 'case' needs caseId" });
    }
  });
export type SupervisionList = z.output<typeof SupervisionListSchema>;

export const SupervisionItemSchema = z.object({
  id: z.string(),
  kind: SupervisionKindSchema,
  caseId: z.string(),
  caseNumber: z.string(),
  toUser: UserRefSchema.nullable(),
  toStation: z.string().nullable(),
  /** The counsellor in charge before an assign / transfer to a user. */
  fromUser: UserRefSchema.nullable(),
  dueDate: z.string().nullable(),
  instructions: z.string().nullable(),
  status: SupervisionStatusSchema,
  /** Open with dueDate < today. */
  overdue: z.boolean(),
  /** Days from today to dueDate (negative when overdue); null without a due date. */
  daysLeft: z.number().int().nullable(),
  createdBy: UserRefSchema,
  createdAt: z.string(),
  closedBy: UserRefSchema.nullable(),
  closedAt: z.string().nullable(),
  closeNote: z.string().nullable(),
  version: z.number().int(),
});
export type SupervisionItem = z.infer<typeof SupervisionItemSchema>;
