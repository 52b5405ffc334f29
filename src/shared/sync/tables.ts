import { SyncFormatError } from './errors';

/*
 * The tables a desk syncs (docs/sync-format.md § Batch body: change lines), parents before children: the
 * desk captures exactly these (src/main/sync/sync.table.ts derives SYNCED_TABLES from this list, and
 * tests/integration/migration-0005.test.ts checks it against the capture triggers both ways), and the
 * county applies nothing else. A new synced table is added here in the same change as its migration, so
 * a county running older code refuses its batches (UNKNOWN_TABLE, blocked for an operator) instead of
 * storing rows it has never heard of.
 */
export const SYNCED_TABLE_NAMES = [
  'users',
  'cases',
  'case_parties',
  'counselling_records',
  'record_addenda',
  'dv_disclosures',
  'referrals',
  'referral_events',
  'supervision_items',
  'volunteers',
  'volunteer_certificates',
  'volunteer_trainings',
  'volunteer_evaluations',
  'families',
  'family_cases',
  'family_members',
  'family_help_links',
  'followup_plans',
  'followup_visits',
  'outreach_events',
  'outreach_event_speakers',
] as const;

export type SyncedTableName = (typeof SYNCED_TABLE_NAMES)[number];

const KNOWN: ReadonlySet<string> = new Set(SYNCED_TABLE_NAMES);

export function isSyncedTableName(name: string): name is SyncedTableName {
  return KNOWN.has(name);
}

/**
 * Refuses a parsed batch with a change of a table not in SYNCED_TABLE_NAMES: SyncFormatError
 * UNKNOWN_TABLE naming the first such line (its number, never the name: the county logs reasons).
 */
export function assertSyncedTables(changes: readonly { table: string }[]): void {
  const index = changes.findIndex((change) => !isSyncedTableName(change.table));
  if (index >= 0) throw new SyncFormatError('UNKNOWN_TABLE', `change line ${index + 1}: table`);
}
