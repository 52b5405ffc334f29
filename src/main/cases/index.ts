export { canSeeDvOf, seesAllCases } from './access';
export {
  caseVisibility,
  findVisibleCase,
  nextCaseNumber,
  findVisibleCaseOrThrow,
  loadParties,
  markDvDisclosed,
  setCaseResult,
} from './cases.repository';
export { setCaseCounsellor } from './cases.service';
export type { CasePartyRow, CaseRow, CasesTables, NewCaseRow } from './cases.table';
export { consentOf, hidesContacts, maskedDocument } from './detail';
export { casesHandlers } from './handlers';
export { caseWriteHooks } from './hooks';
export { toListRows } from './list';
export { warmCaseListIndex } from './list-keys';
export { filteredCases } from './list.repository';
export { sweepForCall, sweepRegistrations } from './registration';
export { registerTimelineFollowers } from './timeline-recompute';
