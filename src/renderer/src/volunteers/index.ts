import { lazy } from 'react';

// Screens a route opens load on first use, each from its own chunk (docs/architecture.md "Route split").
export const VolunteersSection = lazy(() =>
  import('./VolunteersSection').then((m) => ({ default: m.VolunteersSection })),
);
