import { z } from 'zod';
import { channel, Done, NoInput, type ChannelSpec } from '../ipc';
import {
  ApplyImportInputSchema,
  ArchiveChosenSchema,
  ArchiveExportInputSchema,
  ArchiveExportResultSchema,
  ArchiveProgressSchema,
  ArchiveReadInputSchema,
  ArchiveSelectionSchema,
  ExportPreviewSchema,
  ImportPreviewSchema,
  ImportResultSchema,
  ImportReviewSchema,
} from './schemas';

/**
 * 'archive.*' (docs/domain.md "Case archives"; the file: docs/archive-format.md). One archive job at a time
 * per desk (ARCHIVE_BUSY otherwise). File and folder paths never cross to the renderer's side as input: main
 * asks the platform's dialogs and keeps the chosen import file itself.
 *
 * Export (a counsellor: the cases they may see, as the case list shows them; a director: any):
 * - previewExport: what the selection holds and what is left out (DV disclosures the role may not see).
 * - export: ARCHIVE_PASSPHRASE_MISMATCH, ARCHIVE_WEAK_PASSPHRASE (the password rule), ARCHIVE_EMPTY_SELECTION,
 *   then the folder dialog (cancelled → `cancelled: true`, nothing written), then ARCHIVE_FOLDER_UNAVAILABLE,
 *   ARCHIVE_DISK_FULL, ARCHIVE_WRITE_FAILED, ARCHIVE_CASES_CHANGING (the cases changed under each of three
 *   attempts) — nothing that looks complete is left; the desk is unchanged.
 *   archive.cancel during an export makes it resolve with `cancelled: true` and leaves no file.
 *
 * Import (needs 'cases.all': it brings cases of every counsellor, and compares them with every case here):
 * chooseImport (header only: ARCHIVE_NOT_ARCHIVE, ARCHIVE_NEWER_FORMAT, ARCHIVE_IS_BACKUP,
 * ARCHIVE_FILE_UNAVAILABLE) → readImport (decrypt, verify, validate every row, compare with this desk:
 * ARCHIVE_NO_IMPORT_CHOSEN, ARCHIVE_WRONG_PASSPHRASE, ARCHIVE_DAMAGED, ARCHIVE_TRUNCATED,
 * ARCHIVE_CONTENT_INVALID, ARCHIVE_NEWER_FORMAT, ARCHIVE_FILE_UNAVAILABLE) → applyImport (one transaction;
 * ARCHIVE_NOT_READ, ARCHIVE_REPLACE_NOT_NEWER, ARCHIVE_CHANGED_SINCE_READ) or discardImport.
 * archive.cancel during readImport rejects it with ARCHIVE_CANCELLED.
 */
export const archiveContract = {
  'archive.previewExport': channel({
    input: z.object({ selection: ArchiveSelectionSchema }),
    output: ExportPreviewSchema,
    access: 'cases.work',
  }),
  'archive.export': channel({
    input: ArchiveExportInputSchema,
    output: ArchiveExportResultSchema,
    access: 'cases.work',
    outsideQueue: true,
  }),
  // Polled by the progress bar while a job runs: not user activity.
  'archive.progress': channel({
    input: NoInput,
    output: ArchiveProgressSchema,
    access: 'session',
    activity: 'poll',
  }),
  'archive.cancel': channel({ input: NoInput, output: Done, access: 'session', outsideQueue: true }),
  'archive.chooseImport': channel({
    input: NoInput,
    output: ArchiveChosenSchema,
    access: 'cases.all',
    outsideQueue: true,
  }),
  'archive.readImport': channel({
    input: ArchiveReadInputSchema,
    output: ImportPreviewSchema,
    access: 'cases.all',
    outsideQueue: true,
  }),
  'archive.applyImport': channel({
    input: ApplyImportInputSchema,
    output: ImportResultSchema,
    access: 'cases.all',
    outsideQueue: true,
  }),
  'archive.discardImport': channel({ input: NoInput, output: Done, access: 'cases.all' }),
  /** The case's "flagged for review" links to its other copy (a kept-both import); a case one may see. */
  'archive.reviews': channel({
    input: z.object({ caseId: z.string().uuid() }),
    output: z.object({ reviews: z.array(ImportReviewSchema) }),
    access: 'cases.work',
  }),
  /** 已核对: marks the review done (audited). */
  'archive.resolveReview': channel({
    input: z.object({ reviewId: z.string().uuid() }),
    output: Done,
    access: 'cases.work',
    write: true,
  }),
} as const satisfies Record<string, ChannelSpec>;
