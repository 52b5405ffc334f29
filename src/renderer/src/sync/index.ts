export { useSyncMenuExtra } from './SyncBadge';
export { SyncPage } from './SyncPage';
export { SyncSettingsCard } from './SyncSettingsCard';
