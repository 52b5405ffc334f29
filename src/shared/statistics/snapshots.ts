import { z } from 'zod';
import { UserRefSchema } from '../cases';
import { FiguresSchema, IndicatorKeySchema } from './schemas';

/*
 * Report snapshots (报送, docs/indicators.md "Submitted reports"): a director submits a period's report;
 * the desk freezes its figures and the rows behind every number, with a content hash. Later the report
 * can be compared with what the same period shows now: which numbers changed, and which cases (or
 * records, referrals, visits …) came in or went out of each — by office number only, never a name.
 */

export const ReportSnapshotSchema = z.object({
  id: z.string().uuid(),
  from: z.string(),
  to: z.string(),
  counsellor: UserRefSchema.nullable(),
  submittedAt: z.string(),
  submittedBy: UserRefSchema,
  /** Hex SHA-256 of the frozen figures and rows. */
  contentHash: z.string(),
});
export type ReportSnapshot = z.infer<typeof ReportSnapshotSchema>;

/** A row behind a number: its id and its office number (case number, referral reference, archive number …). */
export const SnapshotMemberSchema = z.object({ id: z.string(), label: z.string() });
export type SnapshotMember = z.infer<typeof SnapshotMemberSchema>;

export const SnapshotChangeSchema = z.object({
  indicator: IndicatorKeySchema,
  /** The breakdown value (a type, a channel …), or null. */
  value: z.string().nullable(),
  before: z.number().int(),
  after: z.number().int(),
  /** Rows in the number now that were not when it was submitted, and the other way round. */
  added: z.array(SnapshotMemberSchema),
  removed: z.array(SnapshotMemberSchema),
});
export type SnapshotChange = z.infer<typeof SnapshotChangeSchema>;

export const SnapshotComparisonSchema = z.object({
  snapshot: ReportSnapshotSchema,
  /** The stored figures and rows still hash to the stored content hash. */
  intact: z.boolean(),
  submitted: FiguresSchema,
  current: FiguresSchema,
  /** Every number whose rows differ, in the page's order; empty when nothing changed. */
  changes: z.array(SnapshotChangeSchema),
});
export type SnapshotComparison = z.infer<typeof SnapshotComparisonSchema>;

export const SnapshotListInputSchema = z.object({
  /** Only the snapshots of this exact period, when given. */
  from: z.string().nullable().default(null),
  to: z.string().nullable().default(null),
});
