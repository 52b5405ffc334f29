import { lazyScreen } from '../components';

// Screens a route opens load on first use, each from its own chunk (docs/architecture.md "Route split").
const detail = lazyScreen(() => import('./detail/CaseDetailPage').then((m) => m.CaseDetailPage));
const list = lazyScreen(() => import('./list/CasesPage').then((m) => m.CasesPage));
export const CaseDetailPage = detail.Screen;
export const IntakePage = lazyScreen(() => import('./intake/IntakePage').then((m) => m.IntakePage)).Screen;
export const CasesPage = list.Screen;

/** The case list's and a case's screens, loaded ahead (the shell does so once the desk is idle). */
export function preloadCaseScreens(): void {
  list.preload();
  detail.preload();
}
export { clearIntakeDraft } from './intake/intakeDraft';
export { CaseListStateProvider, FIRST_PAGE, useCaseListState } from './list/listState';
