import { z } from 'zod';

/*
 * What the desk shows about sync: 设置 → 同步 (enrolment, interval) and the 同步 page
 * (pending changes, last success, last error in plain Chinese, batch history). Nothing here is personal:
 * ids, counters, fingerprints, times and the station name the county gave this desk.
 */

/** Why the last attempt failed: an ErrorCode whose localized message the page shows (src/shared/i18n). */
export const SyncFailureCodeSchema = z.enum([
  'SYNC_NOT_ENROLLED',
  'SYNC_UNREACHABLE',
  'SYNC_CERTIFICATE_MISMATCH',
  'SYNC_CLOCK_SKEW',
  'SYNC_DEVICE_UNKNOWN',
  'SYNC_DEVICE_REVOKED',
  'SYNC_COUNTY_KEY_CHANGED',
  'SYNC_REJECTED',
  'SYNC_RATE_LIMITED',
  'SYNC_FOLDER_UNAVAILABLE',
  'SYNC_KEY_CORRUPT',
  'INTERNAL',
]);
export type SyncFailureCode = z.infer<typeof SyncFailureCodeSchema>;

const Instant = z.string().datetime({ offset: true });
const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const SyncEnrolmentSchema = z.object({
  deviceId: z.string(),
  station: z.string(),
  serverUrl: z.string(),
  /** Fingerprints for the phone comparison, lowercase hex SHA-256 (the page groups them in fours). */
  countyFingerprint: Hex64,
  receiptFingerprint: Hex64,
  tlsFingerprint: Hex64,
  enrolledAt: Instant,
});
export type SyncEnrolment = z.infer<typeof SyncEnrolmentSchema>;

export const SyncBatchSummarySchema = z.object({
  epoch: z.number().int(),
  seq: z.number().int(),
  changeCount: z.number().int(),
  byteSize: z.number().int(),
  createdAt: Instant,
  status: z.enum(['sealed', 'delivered']),
  deliveredAt: Instant.nullable(),
});
export type SyncBatchSummary = z.infer<typeof SyncBatchSummarySchema>;

export const SyncSettingsSchema = z.object({
  /** Sync by itself while the desk is unlocked and the county is reachable. */
  autoSync: z.boolean(),
  /** Minutes between automatic attempts after a success (backoff after failures is shorter, then grows). */
  intervalMinutes: z.number().int().min(1).max(1440),
});
export type SyncSettings = z.infer<typeof SyncSettingsSchema>;

export const DEFAULT_SYNC_SETTINGS: SyncSettings = { autoSync: true, intervalMinutes: 15 };

export const SyncStatusSchema = z.object({
  enrolment: SyncEnrolmentSchema.nullable(),
  settings: SyncSettingsSchema,
  /** Device epoch; a restored backup starts a new one. */
  epoch: z.number().int().nullable(),
  /** Captured changes not yet confirmed by a county receipt. */
  pendingChanges: z.number().int().min(0),
  /** Sealed batches waiting for their receipt (HTTPS or USB). */
  sealedBatches: z.number().int().min(0),
  /** A sync run is going on right now. */
  running: z.boolean(),
  lastAttemptAt: Instant.nullable(),
  lastSuccessAt: Instant.nullable(),
  /** The last attempt's failure; null after a success. */
  lastError: z
    .object({
      code: SyncFailureCodeSchema,
      at: Instant,
      /** Fills the message's placeholders, e.g. {minutes} for clock skew. Never personal data. */
      meta: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
    })
    .nullable(),
  /** When the loop will try next by itself (null: not scheduled, e.g. locked, not enrolled, autoSync off). */
  nextAttemptAt: Instant.nullable(),
  /**
   * A warning, not an error: by how many minutes this desk's clock was ahead of the county's (negative:
   * behind) at the last run, when more than 5 off; null when within or not known yet. Sync goes on
   * regardless (receipts are verified by signature); the times this desk writes are off by as much.
   */
  clockSkewMinutes: z.number().int().nullable(),
  /** Newest first, at most 50. */
  history: z.array(SyncBatchSummarySchema),
});
export type SyncStatus = z.infer<typeof SyncStatusSchema>;

export const EnrolInputSchema = z.object({ code: z.string().trim().min(1).max(2000) });

export const UsbExportResultSchema = z.object({
  /** The user closed the folder dialog: nothing was written. */
  cancelled: z.boolean(),
  /** Batch files now in the folder (including ones written there before). */
  fileCount: z.number().int().min(0),
  changeCount: z.number().int().min(0),
});
export type UsbExportResult = z.infer<typeof UsbExportResultSchema>;

export const UsbImportResultSchema = z.object({
  cancelled: z.boolean(),
  /** Receipts that marked a batch delivered now. */
  applied: z.number().int().min(0),
  /** Receipts for batches already delivered (importing the same folder twice is harmless). */
  alreadyApplied: z.number().int().min(0),
  /** Receipt files that did not verify or matched no batch of this desk (left in place, counted only). */
  rejected: z.number().int().min(0),
  /** `*.cdsr` entries that are not regular files of receipt size (a named pipe, a huge file): not read. */
  refused: z.number().int().min(0),
});
export type UsbImportResult = z.infer<typeof UsbImportResultSchema>;
