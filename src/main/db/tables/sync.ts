import type { Generated, Selectable } from 'kysely';

/*
 * Change capture (migration 0005). Entries are written only by SQLite triggers on the synced tables; the
 * app reads them, marks them delivered and prunes delivered ones (src/main/sync/outbox.ts).
 */

/**
 * The tables whose every write is captured, parents before children. Must match the capture triggers
 * in the database (tests/integration/migration-0005.test.ts checks both ways). Why the others are not
 * synced: see migrations/0005_outbox.ts.
 */
export const SYNCED_TABLES = [
  'users',
  'cases',
  'case_parties',
  'counselling_records',
  'record_addenda',
  'dv_disclosures',
  'referrals',
  'referral_events',
  'supervision_items',
] as const;
export type SyncedTableName = (typeof SYNCED_TABLES)[number];

export type OutboxOp = 'insert' | 'update' | 'delete';

export interface OutboxTable {
  /** AUTOINCREMENT: strictly increasing, never reused. */
  seq: Generated<number>;
  table_name: SyncedTableName;
  row_id: string;
  op: OutboxOp;
  /** The row's `version` after the change (before it, for a delete). */
  row_version: number;
  /** SQLite's clock at capture; diagnostic only (order is seq). */
  changed_at: string;
  /** The whole row as a JSON object, every column. */
  payload: string;
  /** NULL while pending; then the local id of the batch whose receipt came back. */
  delivered_batch: number | null;
}

/** Table types added by issue 4 (sync). */
export interface SyncTables {
  outbox: OutboxTable;
}

export type OutboxRow = Selectable<OutboxTable>;
