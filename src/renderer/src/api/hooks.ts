import {
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
  type UseQueryOptions,
} from '@tanstack/react-query';
import type { Channel, ChannelInput, ChannelOutput, PollChannel } from '@shared/contract';
import type { AuditFilter } from '@shared/audit';
import { call, type ApiError } from './client';
import { refreshAfterWrite } from './refresh';

/** Query keys start with the channel name, so invalidating a channel refreshes every filter of it. */
export const queryKey = <K extends Channel>(channel: K, input?: ChannelInput<K>) =>
  input === undefined || input === null ? ([channel] as const) : ([channel, input] as const);

type AllQueryOpts<K extends Channel> = Omit<
  UseQueryOptions<ChannelOutput<K>, ApiError>,
  'queryKey' | 'queryFn'
>;
/**
 * Reading on a timer or on window focus is a poll, and main counts only the user's own calls as activity
 * (ChannelSpec.activity): so a query may refetch by itself only over a channel the contract marks 'poll'.
 */
type QueryOpts<K extends Channel> = K extends PollChannel
  ? AllQueryOpts<K>
  : Omit<AllQueryOpts<K>, 'refetchInterval' | 'refetchIntervalInBackground' | 'refetchOnWindowFocus'> & {
      refetchInterval?: never;
      refetchIntervalInBackground?: never;
      refetchOnWindowFocus?: false;
    };

/** The key and the call of a read: shared by useApiQuery and prefetchApiQuery, so a prefetch is found. */
function readOf<K extends Channel>(channel: K, input: ChannelInput<K>) {
  return { queryKey: queryKey(channel, input), queryFn: () => call(channel, input) };
}

export function useApiQuery<K extends Channel>(channel: K, input: ChannelInput<K>, options?: QueryOpts<K>) {
  return useQuery<ChannelOutput<K>, ApiError>({
    ...readOf(channel, input),
    // QueryOpts<K> only narrows what callers may pass; it is always a subset of the full options.
    ...(options as AllQueryOpts<K> | undefined),
  });
}

/**
 * Asks for a read ahead of the useApiQuery that will want it (same key and call: that query then finds the
 * answer there or in flight and makes no second call).
 */
export function prefetchApiQuery<K extends Channel>(
  client: QueryClient,
  channel: K,
  input: ChannelInput<K>,
): void {
  void client.prefetchQuery(readOf(channel, input));
}

/** The read a write answers with, and which entry of it (`input`) the answer is. */
interface Answers<K extends Channel, R extends Channel> {
  read: R;
  input: (answer: ChannelOutput<K>) => ChannelInput<R>;
}

function useWrite<K extends Channel, R extends Channel>(channel: K, answers: Answers<K, R> | null) {
  const client = useQueryClient();
  return useMutation<ChannelOutput<K>, ApiError, ChannelInput<K>>({
    mutationFn: (input) => call(channel, input),
    onSuccess: (answer) => {
      if (answers) client.setQueryData(queryKey(answers.read, answers.input(answer)), answer);
    },
    // Settled, not only succeeded: a refused call may still have changed what a read shows (the audit log).
    onSettled: (answer, error) =>
      refreshAfterWrite(client, channel, error ? { ok: false } : { ok: true, answer }, answers?.read ?? null),
  });
}

/** A mutation over one channel; what it makes stale is declared once, in STALE_AFTER (stale.ts). */
export function useApiMutation<K extends Channel>(channel: K) {
  return useWrite<K, Channel>(channel, null);
}

/**
 * A write whose answer is the new value of a read (a case write answers with the case, a sync write with the
 * status): the answer replaces that cache entry instead of a second call; the rest of STALE_AFTER is re-read.
 */
export function useAnsweredMutation<K extends Channel, R extends Channel>(
  channel: K,
  read: R,
  input: (answer: ChannelOutput<K>) => ChannelInput<R>,
) {
  return useWrite(channel, { read, input });
}

export const useStatus = () =>
  useApiQuery('app.status', null, { staleTime: Infinity, refetchOnWindowFocus: false, retry: 1 });

export const useSettings = (enabled = true) => useApiQuery('settings.get', null, { enabled });

export const useUsers = (enabled = true) => useApiQuery('users.list', null, { enabled });

/** Counsellors and directors for the pickers; the list changes rarely. */
export const useCounsellors = () => useApiQuery('cases.counsellors', null, { staleTime: 60_000 });

export const useAuditList = (filter: AuditFilter) =>
  useApiQuery('audit.list', filter, { placeholderData: (previous) => previous });
