export { recordsHandlers } from './handlers';
export { renderRecordForm } from './print/record-form';
export { recordFormView } from './print/record-view';
export {
  findVisibleRecordOrThrow,
  latestSignedOutcome,
  loadAddenda,
  recordsOfCase,
} from './records.repository';
export type { RecordsTables } from './records.table';
