import type { Generated, Selectable } from 'kysely';
import { SYNCED_TABLE_NAMES, type SyncedTableName } from '../../shared/sync';

/*
 * Change capture (migration 0005). Entries are written only by SQLite triggers on the synced tables; the
 * app reads them and, once a batch's receipt has verified, removes that batch's entries
 * (src/main/sync/outbox.ts; migration 0015: the outbox holds only pending changes). Since
 * migration 0009 a trigger on the outbox folds a row's pending, not yet sealed changes into its latest
 * state (draft churn), and a re-baseline appends a snapshot (src/main/sync/rebaseline.ts).
 */

/**
 * The tables whose every write is captured, parents before children: the list the county also applies
 * (SYNCED_TABLE_NAMES, src/shared/sync/tables.ts), so desk and county cannot disagree. Must match the
 * capture triggers in the database (tests/integration/migration-0005.test.ts checks both ways). Why the
 * others are not synced: see migrations/0005_outbox.ts; the tables of migration 0008 joined it there.
 */
export const SYNCED_TABLES = SYNCED_TABLE_NAMES;
export type { SyncedTableName };

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
  /**
   * Always NULL since migration 0015 (the database refuses any other value): delivered entries are removed,
   * not marked. Before it, the local id of the batch whose receipt came back.
   */
  delivered_batch: number | null;
}

/** The single sync_state row (migration 0006). Keys and hashes are lowercase hex of raw 32 bytes. */
export interface SyncStateTable {
  id: number;
  device_id: string;
  device_private_key: string;
  device_public_key: string;
  epoch: number;
  next_seq: number;
  last_hash: string;
  county_public_key: string | null;
  county_receipt_key: string | null;
  county_fingerprint: string | null;
  county_receipt_fingerprint: string | null;
  created_at: string;
  updated_at: string;
}

export type SyncBatchStatus = 'sealed' | 'delivered';

/** One sealed batch envelope and the outbox range it carries (migration 0006). */
export interface SyncBatchesTable {
  id: Generated<number>;
  epoch: number;
  seq: number;
  hash: string;
  first_seq: number;
  last_seq: number;
  change_count: number;
  byte_size: number;
  envelope: Uint8Array;
  created_at: string;
  status: SyncBatchStatus;
  /** The county's signed receipt, wire form, once delivered. */
  receipt: string | null;
  delivered_at: string | null;
}

/** The desk's link to the county (migration 0007): one row, id = 1, present from the migration on. */
export interface SyncLinkTable {
  id: number;
  /** https://host[:port]; this and the next four are NULL until enrolment, then fixed. */
  server_url: string | null;
  /** The station name the county gave this desk. */
  station: string | null;
  /** PEM of the county server's certificate, pinned at enrolment. */
  tls_certificate: string | null;
  /** Hex SHA-256 of that certificate's DER. */
  tls_fingerprint: string | null;
  enrolled_at: string | null;
  auto_sync: 0 | 1;
  interval_minutes: number;
  last_attempt_at: string | null;
  last_success_at: string | null;
  /** An ErrorCode (SYNC_* or INTERNAL); the three error columns are NULL together. */
  last_error_code: string | null;
  last_error_at: string | null;
  /** JSON object: the error's meta (never personal data). */
  last_error_meta: string | null;
  updated_at: string;
}

/**
 * A synced row this desk removed for good (migration 0009): only its key and last version, no content.
 * A re-baseline sends a delete for each, so a county restored from a backup forgets the row again.
 */
export interface SyncTombstonesTable {
  table_name: SyncedTableName;
  row_id: string;
  row_version: number;
  deleted_at: string;
}

/** How many outbox entries there are, kept by triggers on every insert and delete (migration 0016). */
export interface OutboxPendingCountTable {
  id: number;
  pending: number;
}

/** The sync module's tables (migrations 0005–0007, 0009, 0016). */
export interface SyncTables {
  outbox: OutboxTable;
  outbox_pending_count: OutboxPendingCountTable;
  sync_tombstones: SyncTombstonesTable;
  sync_state: SyncStateTable;
  sync_batches: SyncBatchesTable;
  sync_link: SyncLinkTable;
}

export type SyncStateRow = Selectable<SyncStateTable>;
export type SyncBatchRow = Selectable<SyncBatchesTable>;
export type SyncLinkRow = Selectable<SyncLinkTable>;

export type OutboxRow = Selectable<OutboxTable>;
