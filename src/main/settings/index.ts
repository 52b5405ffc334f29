export { settingsHandlers } from './handlers';
export {
  adoptLockScreenLanguage,
  DEVICE_ID_KEY,
  loadDeskSettings,
  RECOVERY_PENDING_KEY,
  setLanguage,
  writeSettingRows,
} from './settings';
export type { SettingsTables } from './settings.table';
