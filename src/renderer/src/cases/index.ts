import { lazy } from 'react';

// Screens a route opens load on first use, each from its own chunk (docs/architecture.md "Route split").
export const CaseDetailPage = lazy(() =>
  import('./detail/CaseDetailPage').then((m) => ({ default: m.CaseDetailPage })),
);
export const IntakePage = lazy(() => import('./intake/IntakePage').then((m) => ({ default: m.IntakePage })));
export const CasesPage = lazy(() => import('./list/CasesPage').then((m) => ({ default: m.CasesPage })));
export { clearIntakeDraft } from './intake/intakeDraft';
export { CaseListStateProvider, FIRST_PAGE, useCaseListState } from './list/listState';
