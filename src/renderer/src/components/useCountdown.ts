import { useCallback, useEffect, useState } from 'react';
import { isApiError } from '../api';

/** Seconds the user must wait, from a throttled login's meta (main names it `seconds` or `retryAfterSeconds`). */
export function retryAfterSeconds(error: unknown): number {
  if (!isApiError(error)) return 0;
  if (!['LOGIN_THROTTLED', 'BAD_CREDENTIALS', 'BAD_RECOVERY_CODE'].includes(error.code)) return 0;
  const raw = error.meta.retryAfterSeconds ?? error.meta.seconds;
  return typeof raw === 'number' && raw > 0 ? Math.ceil(raw) : 0;
}

/** A one-second countdown; `start(n)` restarts it, 0 means "no wait". */
export function useCountdown(): [number, (seconds: number) => void] {
  const [deadline, setDeadline] = useState(0);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (deadline <= now) return undefined;
    const timer = window.setTimeout(() => setNow(Date.now()), 250);
    return () => window.clearTimeout(timer);
  }, [deadline, now]);

  const start = useCallback((seconds: number) => {
    const at = Date.now();
    setNow(at);
    setDeadline(seconds > 0 ? at + seconds * 1000 : 0);
  }, []);

  return [Math.max(0, Math.ceil((deadline - now) / 1000)), start];
}
