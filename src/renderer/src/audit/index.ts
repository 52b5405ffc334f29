import { lazy } from 'react';

// Screens a route opens load on first use, each from its own chunk (docs/architecture.md "Route split").
export const AuditPage = lazy(() => import('./AuditPage').then((m) => ({ default: m.AuditPage })));
