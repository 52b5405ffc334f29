import { z } from 'zod';
import { CaseListFilterSchema } from '../cases';

/**
 * Case archives (导出 / 导入, docs/domain.md "Case archives"; the file: docs/archive-format.md). Shapes the
 * renderer and main share: what to export, the preview before writing, the import preview and its answer.
 */

/** The case list's filter without paging and sorting: an export takes every match (no silent cap). */
export const ArchiveFilterSchema = CaseListFilterSchema.omit({ page: true, pageSize: true, sort: true });
export type ArchiveFilter = z.output<typeof ArchiveFilterSchema>;

/** Which cases to export: chosen ones, the case list's current filter, or every case of a family archive. */
export const ArchiveSelectionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('cases'), caseIds: z.array(z.string().uuid()).min(1).max(100_000) }),
  z.object({ kind: z.literal('filter'), filter: ArchiveFilterSchema }),
  z.object({ kind: z.literal('family'), familyId: z.string().uuid() }),
]);
export type ArchiveSelection = z.output<typeof ArchiveSelectionSchema>;

/** What an export leaves out and why (the dialog says so). */
/** DV disclosures, and referrals linked to one (the referral itself reveals the disclosure). */
export const ARCHIVE_OMISSIONS = ['dvDisclosures', 'dvReferrals'] as const;
export const ArchiveOmissionWhatSchema = z.enum(ARCHIVE_OMISSIONS);
export const ARCHIVE_OMISSION_REASONS = ['role'] as const;
export const ArchiveOmissionReasonSchema = z.enum(ARCHIVE_OMISSION_REASONS);
export const ArchiveOmissionSchema = z.object({
  what: ArchiveOmissionWhatSchema,
  count: z.number().int().min(0),
  reason: ArchiveOmissionReasonSchema,
});
export type ArchiveOmission = z.infer<typeof ArchiveOmissionSchema>;

export const ExportPreviewSchema = z.object({
  caseCount: z.number().int(),
  familyCount: z.number().int(),
  recordCount: z.number().int(),
  addendumCount: z.number().int(),
  referralCount: z.number().int(),
  supervisionCount: z.number().int(),
  visitCount: z.number().int(),
  dvDisclosureCount: z.number().int(),
  omitted: z.array(ArchiveOmissionSchema),
});
export type ExportPreview = z.infer<typeof ExportPreviewSchema>;

/** Long enough for a passphrase of several words; the strength rule is the password rule. */
const Passphrase = z.string().min(1).max(256);

export const ArchiveExportInputSchema = z.object({
  selection: ArchiveSelectionSchema,
  passphrase: Passphrase,
  passphraseConfirm: Passphrase,
  summaryPdf: z.boolean(),
});
export type ArchiveExportInput = z.output<typeof ArchiveExportInputSchema>;

export const ArchiveExportResultSchema = z.object({
  /** The folder dialog was cancelled, or archive.cancel stopped the export: nothing was written. */
  cancelled: z.boolean(),
  fileName: z.string().nullable(),
  /** Where it was written, shown to the user who chose it (never audited). */
  folder: z.string().nullable(),
  summaryFileName: z.string().nullable(),
  caseCount: z.number().int(),
  bytes: z.number().int(),
});
export type ArchiveExportResult = z.infer<typeof ArchiveExportResultSchema>;

export const ARCHIVE_JOB_KINDS = ['export', 'import'] as const;
export const ARCHIVE_PHASES = ['collecting', 'writing', 'verifying', 'reading', 'applying'] as const;
export const ArchivePhaseSchema = z.enum(ARCHIVE_PHASES);
export type ArchivePhase = z.infer<typeof ArchivePhaseSchema>;

export const ArchiveProgressSchema = z.object({
  job: z
    .object({
      kind: z.enum(ARCHIVE_JOB_KINDS),
      phase: ArchivePhaseSchema,
      done: z.number().int().min(0),
      total: z.number().int().min(0),
    })
    .nullable(),
});
export type ArchiveProgress = z.infer<typeof ArchiveProgressSchema>;

export const ArchiveChosenSchema = z.object({ cancelled: z.boolean(), fileName: z.string().nullable() });
export type ArchiveChosen = z.infer<typeof ArchiveChosenSchema>;

export const ArchiveReadInputSchema = z.object({ passphrase: Passphrase });

/**
 * How an archived case stands against this desk: not here ('new'), identical ('same'), the archive's copy
 * is newer ('archive_newer': may be replaced if the user says so), this desk's is newer ('local_newer'), or
 * both changed since they parted ('diverged': same version, different content). Everything but 'new' and
 * 'same' is kept twice (and flagged for review) unless replaced.
 */
export const IMPORT_CASE_STATES = ['new', 'same', 'archive_newer', 'local_newer', 'diverged'] as const;
export const ImportCaseStateSchema = z.enum(IMPORT_CASE_STATES);
export type ImportCaseState = z.infer<typeof ImportCaseStateSchema>;

/** Where an archived case differs from this desk's copy (labels: archiveDifferences in the catalogue). */
export const ARCHIVE_DIFFERENCES = [
  'case',
  'parties',
  'records',
  'addenda',
  'referrals',
  'supervision',
  'dvDisclosures',
  'family',
  'familyMembers',
  'helpLinks',
  'followupPlans',
  'followupVisits',
] as const;
export const ArchiveDifferenceSchema = z.enum(ARCHIVE_DIFFERENCES);
export type ArchiveDifference = z.infer<typeof ArchiveDifferenceSchema>;

export const ImportCaseSchema = z.object({
  caseId: z.string(),
  caseNumber: z.string(),
  state: ImportCaseStateSchema,
  differences: z.array(ArchiveDifferenceSchema),
  archiveUpdatedAt: z.string(),
  localUpdatedAt: z.string().nullable(),
});
export type ImportCase = z.infer<typeof ImportCaseSchema>;

export const ImportPreviewSchema = z.object({
  exportedAt: z.string(),
  caseCount: z.number().int(),
  familyCount: z.number().int(),
  recordCount: z.number().int(),
  referralCount: z.number().int(),
  visitCount: z.number().int(),
  dvDisclosureCount: z.number().int(),
  /** What the exporting desk left out (e.g. DV disclosures its user's role could not see). */
  omitted: z.array(ArchiveOmissionSchema),
  cases: z.array(ImportCaseSchema),
});
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

export const ApplyImportInputSchema = z.object({
  /** Cases (state 'archive_newer') whose copy here the archive's replaces; every other conflict is kept twice. */
  replaceCaseIds: z.array(z.string().uuid()).max(100_000),
});

export const ImportResultSchema = z.object({
  added: z.number().int(),
  replaced: z.number().int(),
  keptBoth: z.number().int(),
  unchanged: z.number().int(),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

export const ImportReviewSchema = z.object({
  reviewId: z.string(),
  caseId: z.string(),
  otherCaseId: z.string(),
  otherCaseNumber: z.string(),
  importedAt: z.string(),
  resolvedAt: z.string().nullable(),
});
export type ImportReview = z.infer<typeof ImportReviewSchema>;
