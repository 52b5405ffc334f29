import { useQueryClient } from '@tanstack/react-query';
import type { Channel, ChannelInput } from '@shared/contract';
import { prefetchApiQuery, queryKey } from '../../api';

/**
 * Asks for a read while the screen is being drawn rather than after: useQuery makes its call only once the
 * render is committed (an effect), and 案件's first render takes a good part of the step before it
 * commits. Same key and call as useApiQuery, so useQuery then finds the answer in flight (or there) and
 * makes no second call. Like TanStack's usePrefetchQuery, only when nothing is cached for the key yet:
 * what is already there (fresh or stale) is useQuery's business as before.
 */
export function useReadAhead<K extends Channel>(channel: K, input: ChannelInput<K>, enabled: boolean): void {
  const client = useQueryClient();
  if (enabled && !client.getQueryState(queryKey(channel, input))) prefetchApiQuery(client, channel, input);
}
