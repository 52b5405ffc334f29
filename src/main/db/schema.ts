import type { Generated, Kysely, Selectable, Transaction } from 'kysely';
import type { ArchiveTables } from '../archive';
import type { AuditTables } from '../audit';
import type { CasesTables } from '../cases';
import type { DvTables } from '../dv';
import type { EventsTables } from '../events';
import type { FamiliesTables } from '../families';
import type { FollowupsTables } from '../followups';
import type { RecordsTables } from '../records';
import type { ReferralsTables } from '../referrals';
import type { SearchTables } from '../search';
import type { SettingsTables } from '../settings';
import type { StatisticsTables } from '../statistics';
import type { SupervisionTables } from '../supervision';
import type { SyncTables } from '../sync';
import type { UsersTables } from '../users';
import type { VolunteersTables } from '../volunteers';

/*
 * The store's schema for kysely (the shape of the latest migration): each module declares its own tables
 * (`<module>.table.ts`) and this file joins them. Timestamps are ISO-8601 UTC instants
 * (`Date#toISOString()`), so they sort as text. Booleans are INTEGER 0/1 (STRICT tables have no BOOLEAN).
 */

export type Bool01 = 0 | 1;

/** 0 / 1 for the STRICT INTEGER boolean columns. */
export const bit = (b: boolean): Bool01 => (b ? 1 : 0);

/** Columns every synced row carries (docs/architecture.md "Store"). */
export interface SyncedColumns {
  created_at: string;
  updated_at: string;
  /** Id of the desk that created the row. */
  origin_device: string;
  /** Starts at 1; bumped on every update. */
  version: Generated<number>;
  /** Soft deletion: rows are never removed, so the deletion can sync. */
  deleted_at: string | null;
}

/** Synced rows a user can remove (migration 0008 on): the reason typed before removing is kept with the row. */
export interface RemovableColumns extends SyncedColumns {
  /** Set together with deleted_at. */
  deleted_reason: string | null;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: string;
}

export interface DB
  extends
    UsersTables,
    SettingsTables,
    AuditTables,
    CasesTables,
    RecordsTables,
    DvTables,
    ReferralsTables,
    SupervisionTables,
    SearchTables,
    SyncTables,
    VolunteersTables,
    FamiliesTables,
    FollowupsTables,
    EventsTables,
    ArchiveTables,
    StatisticsTables {
  schema_migrations: SchemaMigrationsTable;
}

export type SchemaMigrationRow = Selectable<SchemaMigrationsTable>;

/**
 * What a repository function takes first: the store, or the transaction of the call it serves (a write
 * is one transaction opened at the edge and passed down).
 */
export type Db = Kysely<DB> | Transaction<DB>;
