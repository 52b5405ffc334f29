export { call, errorMessage, isApiError, onSessionChange } from './client';
export type { ApiError } from './client';
export {
  queryKey,
  useApiMutation,
  useApiQuery,
  useAuditList,
  useSettings,
  useStatus,
  useUsers,
} from './hooks';
