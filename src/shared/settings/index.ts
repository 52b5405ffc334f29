export { settingsContract } from './contract';
export { OFFICE_LEVELS, OfficeSchema } from './office';
export type { Office } from './office';
export { DEFAULT_SETTINGS, LOCALES, LocaleSchema, SettingsPatchSchema, SettingsSchema } from './schemas';
export type { Locale, Settings, SettingsPatch } from './schemas';
