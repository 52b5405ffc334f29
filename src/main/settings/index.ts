export { settingsHandlers } from './handlers';
export {
  DEVICE_ID_KEY,
  loadDeskSettings,
  readSettingValue,
  RECOVERY_PENDING_KEY,
  writeSettingRows,
} from './settings.repository';
export { adoptLockScreenLanguage, timelineSettingsHooks, updateSettings } from './settings.service';
export type { SettingsTables } from './settings.table';
