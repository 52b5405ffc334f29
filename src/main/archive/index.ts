export type { ArchiveTables, ImportReviewRow } from './archive.table';
export { archiveHandlers } from './handlers';
