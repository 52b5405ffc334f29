import type { Transaction } from 'kysely';
import { SettingsSchema, type Locale, type Settings, type SettingsPatch } from '../../shared/settings';
import { actorOf, appendAudit } from '../audit';
import type { DB } from '../db';
import { WriteHooks, type DeskSettings, type WriteCall } from '../desk';
import { SETTING_KEYS, writeSettingRows } from './settings.repository';

/**
 * Run inside a settings write that changed what a statutory deadline is computed from (weekendsExtend),
 * with the settings as they now are; each answers how many stored timelines it recomputed (the cases
 * module registers here: stored timelines follow the rules in force).
 */
export const timelineSettingsHooks = new WriteHooks<[WriteCall, Settings], number>();

/**
 * Merges a patch, writes only the keys that changed, and audits their names (never their values). The
 * language's copy in preferences.json (what the lock screen speaks) is the caller's: a file, written before
 * this transaction opens.
 */
export async function updateSettings(call: WriteCall, patch: SettingsPatch): Promise<Settings> {
  const { open } = call;
  const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const next = SettingsSchema.parse({ ...open.settings, ...defined });
  const changed = SETTING_KEYS.filter((k) => JSON.stringify(next[k]) !== JSON.stringify(open.settings[k]));
  if (changed.length === 0) return open.settings;

  await writeSettingRows(
    call.db,
    Object.fromEntries(changed.map((k) => [k, next[k]])),
    call.now,
    call.user.id,
  );
  const recomputedCases = changed.includes('weekendsExtend')
    ? sum(await timelineSettingsHooks.run(call, next))
    : 0;
  await appendAudit(
    call.db,
    {
      ...actorOf(call.user),
      action: 'settings.updated',
      detail: { keys: changed.join(','), recomputedCases },
    },
    call.now,
  );
  call.afterCommit(() => {
    open.settings = next;
  });
  return next;
}

/**
 * Inside a sign-in transaction: a language chosen on the lock screen (preferences.json) is carried into
 * the settings row, audited like any settings change. Returns the settings as they now are.
 */
export async function adoptLockScreenLanguage(
  trx: Transaction<DB>,
  language: Locale,
  desk: DeskSettings,
  at: Date,
): Promise<Settings> {
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

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
