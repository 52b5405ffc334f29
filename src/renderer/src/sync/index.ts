import { lazy } from 'react';

// Screens a route opens load on first use, each from its own chunk (docs/architecture.md "Route split").
export const SyncPage = lazy(() => import('./SyncPage').then((m) => ({ default: m.SyncPage })));
export { useSyncMenuExtra } from './SyncBadge';
export { SyncSettingsCard } from './SyncSettingsCard';
