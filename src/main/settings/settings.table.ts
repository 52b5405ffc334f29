import type { Selectable } from 'kysely';

/* The settings table (migration 0001): one row per key, the value as JSON text. */

export interface SettingsTable {
  key: string;
  /** JSON text. */
  value: string;
  updated_at: string;
  updated_by: string | null;
}

export interface SettingsTables {
  settings: SettingsTable;
}

export type SettingRow = Selectable<SettingsTable>;
