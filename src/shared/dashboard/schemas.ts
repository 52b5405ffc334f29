import { z } from 'zod';
import { UserRefSchema } from '../cases';
import { ReferralStatusSchema, ReferralTargetSchema } from '../referrals';
import { SupervisionKindSchema } from '../supervision';

// ── dashboard (工作台) ────────────────────────────────────────────────────────────────────────────────

export const DashboardInputSchema = z.object({
  /** Deadlines falling within this many days from today (0 = today only). */
  withinDays: z.number().int().min(0).max(90).default(7),
});
export type DashboardInput = z.output<typeof DashboardInputSchema>;

/**
 * Rows each section carries: its first few (the 工作台 is a glance); `totals` says how many there are in
 * all, counted over the same range, and the screen links to the full list where there is one.
 */
export const DASHBOARD_FIRST_ROWS = 8;

const firstRows = <T extends z.ZodType>(row: T) => z.array(row).max(DASHBOARD_FIRST_ROWS);
const count = z.number().int().min(0);

/** Every row carries caseId and caseNumber so the UI opens the case; no names (the screen faces the room). */
export const DashboardSchema = z.strictObject({
  today: z.string(),
  withinDays: z.number().int(),
  /** Counselling records dated today, of cases the user may see. */
  todaySessions: firstRows(
    z.strictObject({
      caseId: z.string(),
      caseNumber: z.string(),
      recordId: z.string(),
      halfDay: z.enum(['am', 'pm']).nullable(),
      channel: z.enum(['face_to_face', 'voice', 'text']).nullable(),
      status: z.enum(['draft', 'signed']),
    }),
  ),
  /** Withdrawal deadlines (accepted_cooling) and certificate window ends (awaiting_certificate), soonest first. */
  deadlinesSoon: firstRows(
    z.strictObject({
      caseId: z.string(),
      caseNumber: z.string(),
      kind: z.enum(['withdrawal_deadline', 'certificate_window_end']),
      date: z.string(),
      /** 0 = today (until the office's closing time). */
      daysLeft: z.number().int(),
      counsellor: UserRefSchema,
    }),
  ),
  overdueReferrals: firstRows(
    z.strictObject({
      caseId: z.string(),
      caseNumber: z.string(),
      referralId: z.string(),
      referenceNumber: z.string(),
      target: ReferralTargetSchema,
      status: ReferralStatusSchema,
      expectedReplyDate: z.string(),
      daysOverdue: z.number().int(),
    }),
  ),
  /** Directors: every open item; others: items addressed to them. Overdue first, then by due date. */
  openSupervision: firstRows(
    z.strictObject({
      caseId: z.string(),
      caseNumber: z.string(),
      itemId: z.string(),
      kind: SupervisionKindSchema,
      toUser: UserRefSchema.nullable(),
      toStation: z.string().nullable(),
      dueDate: z.string().nullable(),
      overdue: z.boolean(),
      daysLeft: z.number().int().nullable(),
    }),
  ),
  /** Follow-up visits past their due date: directors everyone's, counsellors their families'; oldest first. */
  overdueVisits: firstRows(
    z.strictObject({
      visitId: z.string(),
      familyId: z.string(),
      archiveNumber: z.string(),
      dueDate: z.string(),
      daysOverdue: z.number().int(),
      volunteer: z.strictObject({ id: z.string(), name: z.string() }).nullable(),
    }),
  ),
  /** Visits that raised a safety concern the counsellor in charge has not yet acknowledged. */
  safetyConcerns: firstRows(
    z.strictObject({
      visitId: z.string(),
      familyId: z.string(),
      archiveNumber: z.string(),
      visitDate: z.string(),
    }),
  ),
  /** How many rows each section has in all (the arrays above hold the first DASHBOARD_FIRST_ROWS). */
  totals: z.strictObject({
    todaySessions: count,
    deadlinesSoon: count,
    overdueReferrals: count,
    openSupervision: count,
    overdueVisits: count,
    safetyConcerns: count,
  }),
});
export type Dashboard = z.infer<typeof DashboardSchema>;
