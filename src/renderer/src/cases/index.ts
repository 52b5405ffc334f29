export { CaseDetailPage } from './detail/CaseDetailPage';
export { clearIntakeDraft } from './intake/intakeDraft';
export { IntakePage } from './intake/IntakePage';
export { CasesPage } from './list/CasesPage';
export { CaseListStateProvider, FIRST_PAGE, useCaseListState } from './list/listState';
