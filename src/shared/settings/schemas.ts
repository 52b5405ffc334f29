import { z } from 'zod';
import { DEFAULT_FOLLOW_UP_RULES, FollowUpRulesSchema } from '../followups';
import { OfficeSchema } from './office';

export const LOCALES = ['zh-CN', 'en'] as const;
export const LocaleSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof LocaleSchema>;

export const SettingsSchema = z.object({
  office: OfficeSchema,
  idleLockMinutes: z.number().int().min(1).max(240),
  language: LocaleSchema,
  /** The office's local closing time: a deadline day ends then, not at midnight (docs/domain.md). */
  closingTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  /** Whether plain weekends extend a statutory period ending on them (default: they do not). */
  weekendsExtend: z.boolean(),
  /** Follow-up plans per counselling result (docs/domain.md "Follow-up plans"). */
  followUpRules: FollowUpRulesSchema,
  /** Automatic backups kept: the newest of each of this many days, and of this many ISO weeks. */
  backupKeepDaily: z.number().int().min(1).max(60),
  backupKeepWeekly: z.number().int().min(0).max(52),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Omit<Settings, 'office'> = {
  idleLockMinutes: 10,
  language: 'zh-CN',
  closingTime: '17:00',
  weekendsExtend: false,
  followUpRules: DEFAULT_FOLLOW_UP_RULES.map((r) => ({ ...r, months: [...r.months] })),
  backupKeepDaily: 7,
  backupKeepWeekly: 4,
};

export const SettingsPatchSchema = SettingsSchema.partial();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;
