import { useEffect, useState } from 'react';
import type { ChannelOutput } from '@shared/contract';
import { useApiQuery } from '../api';
import './progress.css';

/** Channels that report the progress of long work inside another pending call (main's ProgressSlot). */
type ProgressChannel = 'auth.upgradeProgress' | 'search.indexProgress';

/** A quick call finishes before this: no extra round trip, no bar flashing by. */
const FIRST_READ_MS = 400;
const POLL_MS = 500;

/**
 * Polls a progress channel while the component using it is mounted — render it only while the call it
 * follows is pending. The first read comes after FIRST_READ_MS, then one every POLL_MS; the answer is
 * dropped on unmount (gcTime 0), so the next wait never starts from the last one's figures. The bar's
 * container takes the class `pending-progress` (progress.css).
 */
export function usePendingProgress<K extends ProgressChannel>(channel: K): ChannelOutput<K> | null {
  const [started, setStarted] = useState(false);
  useEffect(() => {
    const timer = window.setTimeout(() => setStarted(true), FIRST_READ_MS);
    return () => window.clearTimeout(timer);
  }, []);
  // Widened to the union: the input (none) is then known for every channel of it.
  const polled: ProgressChannel = channel;
  const progress = useApiQuery(polled, null, {
    enabled: started,
    refetchInterval: POLL_MS,
    gcTime: 0,
  });
  return (progress.data ?? null) as ChannelOutput<K> | null;
}
