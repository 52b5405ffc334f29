import type { ChannelOutput, Channel } from '@shared/contract';
import type { SyncStatus } from '@shared/sync';
import { useAnsweredMutation, useApiMutation, useApiQuery } from '../api';

/** How often the status is read again: often while the 同步 page is open, rarely for the sidebar badge. */
export const SYNC_POLL_MS = { page: 15_000, sidebar: 30_000 } as const;

/**
 * The sync status. Every reader shares one cache entry, so the page and the sidebar badge always agree;
 * react-query polls at the shortest interval any open reader asks for.
 */
export const useSyncStatus = (refetchInterval: number | false) =>
  useApiQuery('sync.status', null, { refetchInterval, staleTime: 5_000 });

type StatusWriteChannel = {
  [K in Channel]: K extends `sync.${string}` ? (ChannelOutput<K> extends SyncStatus ? K : never) : never;
}[Channel];

/**
 * A sync call that answers with the status (now, enrol, settings): the answer replaces the cached one; a
 * refused call may still have changed what the status shows, so it is read again then.
 */
export const useSyncStatusWrite = <K extends StatusWriteChannel>(channel: K) =>
  useAnsweredMutation(channel, 'sync.status', () => null);

/** The USB courier: main asks for the folder itself; afterwards the status (pending, history) is stale. */
export const useUsbCourier = <K extends 'sync.exportUsb' | 'sync.importReceipts'>(channel: K) =>
  useApiMutation(channel);
