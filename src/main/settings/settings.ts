import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import {
  DEFAULT_SETTINGS,
  SettingsSchema,
  type Locale,
  type Settings,
  type SettingsPatch,
} from '../../shared/settings';
import type { DB } from '../db';
import { appendAudit, actorOf } from '../audit';
import type { DeskContext, DeskSettings } from '../desk';
import { recomputeOpenTimelines } from '../cases';

/*
 * Settings live one row per key (JSON value) so a later issue can add a key without a migration.
 * Two internal keys sit beside the user-facing ones: the desk's device id and whether a recovery code
 * waits for confirmation.
 */
export const SETTING_KEYS = Object.keys(SettingsSchema.shape) as (keyof Settings)[];
export const DEVICE_ID_KEY = 'device.id';
export const RECOVERY_PENDING_KEY = 'recovery.pending';

type Db = Kysely<DB> | Transaction<DB>;

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

export function getSettings(ctx: DeskContext): Settings {
  return ctx.session.requireOpen().settings;
}

/** Merges a patch, writes only the keys that changed, and audits their names (never their values). */
export async function updateSettings(ctx: DeskContext, patch: SettingsPatch): Promise<Settings> {
  const open = ctx.session.requireOpen();
  const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const next = SettingsSchema.parse({ ...open.settings, ...defined });
  const changed = SETTING_KEYS.filter((k) => JSON.stringify(next[k]) !== JSON.stringify(open.settings[k]));
  if (changed.length === 0) return open.settings;

  if (changed.includes('language')) ctx.prefs.setLanguage(next.language);
  const now = ctx.clock.now();
  await open.store.db.transaction().execute(async (trx) => {
    await writeSettingRows(trx, Object.fromEntries(changed.map((k) => [k, next[k]])), now, open.user.id);
    const recomputedCases = changed.includes('weekendsExtend')
      ? await recomputeOpenTimelines(trx, next, now)
      : 0;
    await appendAudit(
      trx,
      {
        ...actorOf(open.user),
        action: 'settings.updated',
        detail: { keys: changed.join(','), recomputedCases },
      },
      now,
    );
  });
  open.settings = next;
  return next;
}

/**
 * 'app.setLanguage' is public so the login screen can switch language: it always writes
 * preferences.json, and the settings row too when the desk is open.
 */
export async function setLanguage(ctx: DeskContext, language: Locale): Promise<void> {
  ctx.prefs.setLanguage(language);
  if (ctx.session.current) await updateSettings(ctx, { language });
}

/**
 * Inside a sign-in transaction: a language chosen on the lock screen (preferences.json) is carried into
 * the settings row, audited like any settings change. Returns the settings as they now are.
 */
export async function adoptLockScreenLanguage(
  trx: Transaction<DB>,
  ctx: DeskContext,
  desk: DeskSettings,
  at: Date,
): Promise<Settings> {
  const language = ctx.prefs.language;
  if (desk.settings.language === language) return desk.settings;
  await writeSettingRows(trx, { language }, at, null);
  await appendAudit(
    trx,
    {
      actorId: null,
      actorName: null,
      action: 'settings.updated',
      detail: { keys: 'language', source: 'lock_screen' },
    },
    at,
  );
  return { ...desk.settings, language };
}
