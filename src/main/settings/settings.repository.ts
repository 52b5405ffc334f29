import type { Transaction } from 'kysely';
import { z } from 'zod';
import { DEFAULT_SETTINGS, SettingsSchema, type Settings } from '../../shared/settings';
import type { DB, Db } from '../db';
import type { DeskSettings } from '../desk';

/*
 * Settings live one row per key (JSON value) so a new key needs no migration. Two internal keys sit beside
 * the user-facing ones: the desk's device id and whether a recovery code waits for confirmation; other
 * modules keep their own keys here too (the edited holiday table).
 */
export const SETTING_KEYS = Object.keys(SettingsSchema.shape) as (keyof Settings)[];
export const DEVICE_ID_KEY = 'device.id';
export const RECOVERY_PENDING_KEY = 'recovery.pending';

/** What the session holds while the desk is open: the settings, the device id, the recovery flag. */
export async function loadDeskSettings(db: Db): Promise<DeskSettings> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).execute();
  const values = new Map(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  const stored = Object.fromEntries(SETTING_KEYS.filter((k) => values.has(k)).map((k) => [k, values.get(k)]));
  return {
    // Keys added by later versions fall back to their defaults in an older database.
    settings: SettingsSchema.parse({ ...DEFAULT_SETTINGS, ...stored }),
    deviceId: z.string().min(1).parse(values.get(DEVICE_ID_KEY)),
    recoveryPending: values.get(RECOVERY_PENDING_KEY) === true,
  };
}

/** One row's value (parsed JSON), or undefined when the key was never written. */
export async function readSettingValue(db: Db, key: string): Promise<unknown> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row ? (JSON.parse(row.value) as unknown) : undefined;
}

/** Upserts rows inside the caller's transaction. */
export async function writeSettingRows(
  trx: Transaction<DB>,
  entries: Readonly<Record<string, unknown>>,
  at: Date,
  by: string | null,
): Promise<void> {
  const updatedAt = at.toISOString();
  for (const [key, value] of Object.entries(entries)) {
    const json = JSON.stringify(value);
    await trx
      .insertInto('settings')
      .values({ key, value: json, updated_at: updatedAt, updated_by: by })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({ value: json, updated_at: updatedAt, updated_by: by }),
      )
      .execute();
  }
}
