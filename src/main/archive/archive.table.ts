import type { Insertable, Selectable } from 'kysely';

/*
 * import_reviews (migration 0010): the "flagged for review" (待核对) side of an import that kept both
 * copies of a case. Desk-local: not synced (no synced columns, no capture triggers) — the county sees
 * both cases, and whoever resolves the review here decides what becomes of them.
 */
export interface ImportReviewsTable {
  id: string;
  /** The imported copy. */
  case_id: string;
  /** This desk's case it duplicates. */
  other_case_id: string;
  imported_at: string;
  imported_by: string;
  resolved_at: string | null;
  resolved_by: string | null;
}

export interface ArchiveTables {
  import_reviews: ImportReviewsTable;
}

export type ImportReviewRow = Selectable<ImportReviewsTable>;
export type NewImportReviewRow = Insertable<ImportReviewsTable>;
