import { z } from 'zod';
import { toDayNumber } from '../rules/local-date';
import { LocalDateSchema, optionalText, requiredText, UserRefSchema } from './case';
import { UserIdSchema } from './user';

/*
 * Protection (issue 3, docs/dev/ISSUE3-BRIEF.md "Domain model"): domestic-violence disclosures
 * (反家庭暴力法), referrals (转介) and supervision items (三办: 交办 / 转办 / 督办). Enum values are English
 * codes; the UI shows the Chinese labels. DV text lives in its own table and is never indexed for search.
 */

const CaseIdSchema = z.string().uuid();

// ── DV disclosures ───────────────────────────────────────────────────────────────────────────────────

export const DisclosedBySchema = z.enum(['party_a', 'party_b', 'child', 'other']);
export type DisclosedBy = z.infer<typeof DisclosedBySchema>;

export const DV_RISK_LEVELS = ['low', 'medium', 'high', 'severe'] as const;
export const DvRiskLevelSchema = z.enum(DV_RISK_LEVELS);
export type DvRiskLevel = z.infer<typeof DvRiskLevelSchema>;

/** 强制报告 (未成年人保护法 Art. 11 / 反家庭暴力法 Art. 14): when, to whom, their reference. */
export const MandatoryReportSchema = z.object({
  reportedAt: LocalDateSchema,
  reportedTo: requiredText(100),
  reference: optionalText(60),
});
export type MandatoryReport = z.output<typeof MandatoryReportSchema>;

/** 告诫书 (police warning letter). */
export const WarningLetterSchema = z.object({
  number: requiredText(60),
  issuedAt: LocalDateSchema,
});
export type WarningLetter = z.output<typeof WarningLetterSchema>;

/** The longest a protection order may run (反家庭暴力法 Art. 30: 不超过六个月). */
export const PROTECTION_ORDER_MAX_MONTHS = 6;

/**
 * The same day `months` later, clamped to the month's last day (2026-08-31 + 6 months = 2027-02-28).
 * Pure calendar arithmetic on 'YYYY-MM-DD'.
 */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  // Day 0 of the next month is the last day of this one (UTC: no time zone involved).
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return `${pad(year, 4)}-${pad(month + 1, 2)}-${pad(Math.min(d, lastDay), 2)}`;
}

/** 人身安全保护令: expiry on or after issue and at most six months after it. */
export const ProtectionOrderSchema = z
  .object({
    number: requiredText(60),
    issuedAt: LocalDateSchema,
    expiresAt: LocalDateSchema,
  })
  .superRefine((v, ctx) => {
    const issued = toDayNumber(v.issuedAt);
    const expires = toDayNumber(v.expiresAt);
    if (issued === null || expires === null) return;
    if (expires < issued || v.expiresAt > addMonths(v.issuedAt, PROTECTION_ORDER_MAX_MONTHS)) {
      ctx.addIssue({
        code: 'custom',
        path: ['expiresAt'],
        message: 'a protection order runs at most six months from its issue date',
      });
    }
  });
export type ProtectionOrder = z.output<typeof ProtectionOrderSchema>;

/** The editable content of a disclosure (create and update share it). */
export const DvFieldsSchema = z.object({
  disclosedBy: DisclosedBySchema,
  /** Who disclosed, when disclosedBy is 'other' (required then). */
  disclosedByName: optionalText(40),
  /** Office-local date of the disclosure. */
  disclosedAt: LocalDateSchema,
  facts: requiredText(20_000),
  injuriesEvidence: optionalText(5000),
  riskLevel: DvRiskLevelSchema,
  victimWishes: optionalText(2000),
  minorsInvolved: z.boolean().default(false),
  victimLacksCapacity: z.boolean().default(false),
  /** The registry told the victim how to get help (婚姻登记条例 2025 Art. 6). */
  helpInfoGiven: z.boolean().default(false),
  warningLetter: WarningLetterSchema.nullable().default(null),
  protectionOrder: ProtectionOrderSchema.nullable().default(null),
});
export type DvFields = z.output<typeof DvFieldsSchema>;

const otherNeedsName = (
  v: { disclosedBy: DisclosedBy; disclosedByName: string | null },
  ctx: z.RefinementCtx,
) => {
  if (v.disclosedBy === 'other' && !v.disclosedByName) {
    ctx.addIssue({ code: 'custom', path: ['disclosedByName'], message: 'name required for other' });
  }
};

/** 'dv.create'. A mandatory report already made may be recorded at once. */
export const DvCreateSchema = DvFieldsSchema.extend({
  caseId: CaseIdSchema,
  mandatoryReport: MandatoryReportSchema.nullable().default(null),
}).superRefine(otherNeedsName);
export type DvCreate = z.output<typeof DvCreateSchema>;

/** 'dv.update': the content; the mandatory report has its own channel. */
export const DvUpdateSchema = DvFieldsSchema.extend({ disclosureId: z.string().uuid() }).superRefine(
  otherNeedsName,
);
export type DvUpdate = z.output<typeof DvUpdateSchema>;

export const DvMandatoryReportInputSchema = MandatoryReportSchema.extend({ disclosureId: z.string().uuid() });
export type DvMandatoryReportInput = z.output<typeof DvMandatoryReportInputSchema>;

export const DvDisclosureSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  caseNumber: z.string(),
  disclosedBy: DisclosedBySchema,
  disclosedByName: z.string().nullable(),
  disclosedAt: z.string(),
  recordedBy: UserRefSchema,
  facts: z.string(),
  injuriesEvidence: z.string().nullable(),
  riskLevel: DvRiskLevelSchema,
  victimWishes: z.string().nullable(),
  minorsInvolved: z.boolean(),
  victimLacksCapacity: z.boolean(),
  helpInfoGiven: z.boolean(),
  warningLetter: z.object({ number: z.string(), issuedAt: z.string() }).nullable(),
  protectionOrder: z.object({ number: z.string(), issuedAt: z.string(), expiresAt: z.string() }).nullable(),
  mandatoryReport: z
    .object({
      reportedAt: z.string(),
      reportedTo: z.string(),
      reference: z.string().nullable(),
      recordedBy: UserRefSchema,
    })
    .nullable(),
  /** A minor or a victim without full capacity is involved and no report is recorded: the UI prompts. */
  mandatoryReportDue: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DvDisclosure = z.infer<typeof DvDisclosureSchema>;

/** Whether the law requires a report that has not been recorded yet. */
export function isMandatoryReportDue(d: {
  minorsInvolved: boolean;
  victimLacksCapacity: boolean;
  hasReport: boolean;
}): boolean {
  return (d.minorsInvolved || d.victimLacksCapacity) && !d.hasReport;
}

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

/** Chinese names of the targets, for the printed letter (the UI has its own labels). */
export const REFERRAL_TARGET_LABELS_ZH: Record<ReferralTarget, string> = {
  police: '公安机关',
  court: '人民法院',
  legal_aid: '法律援助机构',
  psychological: '心理咨询机构',
  womens_federation: '妇联维权部门',
  hotline_12338: '12338妇女维权服务热线',
  shelter: '庇护场所',
  other: '其他机构',
};

export const REFERRAL_STATUSES = ['created', 'sent', 'accepted', 'rejected', 'done'] as const;
export const ReferralStatusSchema = z.enum(REFERRAL_STATUSES);
export type ReferralStatus = z.infer<typeof ReferralStatusSchema>;
/** Statuses still waiting for the other side: overdue once the expected reply date has passed. */
export const AWAITING_REPLY_STATUSES = ['created', 'sent'] as const satisfies readonly ReferralStatus[];

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

// ── dashboard (工作台) ────────────────────────────────────────────────────────────────────────────────

export const DashboardInputSchema = z.object({
  /** Deadlines falling within this many days from today (0 = today only). */
  withinDays: z.number().int().min(0).max(90).default(7),
});
export type DashboardInput = z.output<typeof DashboardInputSchema>;

/** Every row carries caseId and caseNumber so the UI opens the case; no names (the screen faces the room). */
export const DashboardSchema = z.object({
  today: z.string(),
  withinDays: z.number().int(),
  /** Counselling records dated today, of cases the user may see. */
  todaySessions: z.array(
    z.object({
      caseId: z.string(),
      caseNumber: z.string(),
      recordId: z.string(),
      halfDay: z.enum(['am', 'pm']).nullable(),
      channel: z.enum(['face_to_face', 'voice', 'text']).nullable(),
      status: z.enum(['draft', 'signed']),
    }),
  ),
  /** Withdrawal deadlines (accepted_cooling) and certificate window ends (awaiting_certificate), soonest first. */
  deadlinesSoon: z.array(
    z.object({
      caseId: z.string(),
      caseNumber: z.string(),
      kind: z.enum(['withdrawal_deadline', 'certificate_window_end']),
      date: z.string(),
      /** 0 = today (until the office's closing time). */
      daysLeft: z.number().int(),
      counsellor: UserRefSchema,
    }),
  ),
  overdueReferrals: z.array(
    z.object({
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
  openSupervision: z.array(
    z.object({
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
});
export type Dashboard = z.infer<typeof DashboardSchema>;
