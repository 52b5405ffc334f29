import { m0001Foundation } from './0001_foundation';
import { m0002Casework } from './0002_casework';
import { m0003Protection } from './0003_protection';
import { m0004Search } from './0004_search';
import { m0005Outbox } from './0005_outbox';
import { m0006SyncBatches } from './0006_sync_batches';
import { m0007SyncLink } from './0007_sync_link';
import { m0008Aftercare } from './0008_aftercare';
import { m0009OutboxCoalesce } from './0009_outbox_coalesce';
import { m0010ImportReviews } from './0010_import_reviews';
import { m0011SearchBulkIndexing } from './0011_search_bulk_indexing';
import { m0012Statistics } from './0012_statistics';
import { m0013ReportSnapshots } from './0013_report_snapshots';
import { m0014CaseList } from './0014_case_list';
import { m0015OutboxDelivery } from './0015_outbox_delivery';
import { m0016OutboxPendingCount } from './0016_outbox_pending_count';
import type { Migration } from './types';

export type { Migration } from './types';

/**
 * Every migration, in order, imported statically (a bundled main has no migrations folder to read).
 * Append only; never edit or reorder a released entry.
 */
export const MIGRATIONS: readonly Migration[] = [
  m0001Foundation,
  m0002Casework,
  m0003Protection,
  m0004Search,
  m0005Outbox,
  m0006SyncBatches,
  m0007SyncLink,
  m0008Aftercare,
  m0009OutboxCoalesce,
  m0010ImportReviews,
  m0011SearchBulkIndexing,
  m0012Statistics,
  m0013ReportSnapshots,
  m0014CaseList,
  m0015OutboxDelivery,
  m0016OutboxPendingCount,
];
