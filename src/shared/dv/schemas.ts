import { z } from 'zod';
import { toDayNumber } from '../calendar';
import { CaseIdSchema, LocalDateSchema, optionalText, requiredText, UserRefSchema } from '../cases';

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
