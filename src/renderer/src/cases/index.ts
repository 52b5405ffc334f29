export { fromLocalDate, officeToday, todayPicker, toLocalDate } from './common/dates';
export { DaysLeft } from './common/DaysLeft';
export { ResultTag } from './common/StatusTag';
export { CaseDetailPage } from './detail/CaseDetailPage';
export { useCounsellors, useRefreshCase } from './hooks';
export { clearIntakeDraft } from './intake/intakeDraft';
export { IntakePage } from './intake/IntakePage';
export { CasesPage } from './list/CasesPage';
export { CaseListStateProvider } from './list/listState';
