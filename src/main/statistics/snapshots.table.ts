import type { Selectable } from 'kysely';

/*
 * report_snapshots (migration 0013): submitted statistics reports, frozen. Desk-local, not synced.
 * `figures` is the Figures JSON as submitted; `members` the rows behind every number
 * ({ "<indicator>[:<value>]": [[id, label], …] }); `content_hash` the hex SHA-256 of both
 * (snapshotHash in snapshots.ts).
 */
export interface ReportSnapshotsTable {
  id: string;
  period_from: string;
  period_to: string;
  counsellor_id: string | null;
  submitted_at: string;
  submitted_by: string;
  figures: string;
  members: string;
  content_hash: string;
}

export interface StatisticsTables {
  report_snapshots: ReportSnapshotsTable;
}

export type ReportSnapshotRow = Selectable<ReportSnapshotsTable>;
