import { lazy } from 'react';

// Screens a route opens load on first use, each from its own chunk (docs/architecture.md "Route split").
export const ImportPage = lazy(() => import('./ImportPage').then((m) => ({ default: m.ImportPage })));
export { ExportButton } from './ExportButton';
export { ReviewBanner } from './ReviewBanner';
