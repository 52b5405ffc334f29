import { useMutation, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import type { Channel, ChannelInput, ChannelOutput } from '@shared/contract';
import type { AuditFilter } from '@shared/audit';
import { call, type ApiError } from './client';

/** Query keys start with the channel name, so invalidating a channel refreshes every filter of it. */
export const queryKey = <K extends Channel>(channel: K, input?: ChannelInput<K>) =>
  input === undefined || input === null ? ([channel] as const) : ([channel, input] as const);

type QueryOpts<K extends Channel> = Omit<UseQueryOptions<ChannelOutput<K>, ApiError>, 'queryKey' | 'queryFn'>;

export function useApiQuery<K extends Channel>(channel: K, input: ChannelInput<K>, options?: QueryOpts<K>) {
  return useQuery<ChannelOutput<K>, ApiError>({
    queryKey: queryKey(channel, input),
    queryFn: () => call(channel, input),
    ...options,
  });
}

/** A mutation over one channel; `invalidates` lists the channels whose cached reads it makes stale. */
export function useApiMutation<K extends Channel>(channel: K, invalidates: readonly Channel[] = []) {
  const client = useQueryClient();
  return useMutation<ChannelOutput<K>, ApiError, ChannelInput<K>>({
    mutationFn: (input) => call(channel, input),
    onSettled: async () => {
      await Promise.all(invalidates.map((c) => client.invalidateQueries({ queryKey: [c] })));
    },
  });
}

export const useStatus = () =>
  useApiQuery('app.status', null, { staleTime: Infinity, refetchOnWindowFocus: false, retry: 1 });

export const useSettings = (enabled = true) => useApiQuery('settings.get', null, { enabled });

export const useUsers = (enabled = true) => useApiQuery('users.list', null, { enabled });

export const useAuditList = (filter: AuditFilter) =>
  useApiQuery('audit.list', filter, { placeholderData: (previous) => previous });
