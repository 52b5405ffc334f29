export { followupsHandlers } from './handlers';
export type { FollowupsTables } from './followups.table';
