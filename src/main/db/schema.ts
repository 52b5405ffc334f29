import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Role } from '../../shared/roles';
import type { CasesTables } from './tables/cases';
import type { ProtectionTables } from './tables/protection';
import type { SearchTables } from './tables/search';
import type { SyncTables } from './tables/sync';

/*
 * Table types for kysely (the shape of the latest migration). Timestamps are ISO-8601 UTC instants
 * (`Date#toISOString()`), so they sort as text. Booleans are INTEGER 0/1 (STRICT tables have no BOOLEAN).
 */

export type Bool01 = 0 | 1;

/** Columns every synced row carries (ARCHITECTURE.md "Local store"). */
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

export interface UsersTable extends SyncedColumns {
  /** UUIDv7. */
  id: string;
  /** Lower-case; unique regardless of case. */
  username: string;
  display_name: string;
  role: Role;
  disabled: Generated<Bool01>;
  must_change_password: Generated<Bool01>;
  last_login_at: string | null;
}

export interface SettingsTable {
  key: string;
  /** JSON text. */
  value: string;
  updated_at: string;
  updated_by: string | null;
}

/** Append-only (triggers refuse UPDATE and DELETE); see services/audit.ts for the hash chain. */
export interface AuditLogTable {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  /** JSON object text. */
  detail: string;
  prev_hash: string;
  hash: string;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: string;
}

export interface DB extends CasesTables, ProtectionTables, SearchTables, SyncTables {
  users: UsersTable;
  settings: SettingsTable;
  audit_log: AuditLogTable;
  schema_migrations: SchemaMigrationsTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type SettingRow = Selectable<SettingsTable>;
export type NewSettingRow = Insertable<SettingsTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
export type NewAuditLogRow = Insertable<AuditLogTable>;
export type SchemaMigrationRow = Selectable<SchemaMigrationsTable>;
