export { call, errorMessage, isApiError, onSessionChange } from './client';
export type { ApiError } from './client';
export {
  prefetchApiQuery,
  queryKey,
  useAnsweredMutation,
  useApiMutation,
  useApiQuery,
  useAuditList,
  useCounsellors,
  useSettings,
  useStatus,
  useUsers,
} from './hooks';
export { flushPendingWrites, registerPendingWrite } from './pendingWrites';
