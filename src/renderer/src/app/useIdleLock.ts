import { useEffect, useRef } from 'react';
import { call } from '../api';

const TOUCH_EVERY_MS = 30_000;
const CHECK_EVERY_MS = 5_000;
const ACTIVITY = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Locks after `minutes` without mouse or keyboard activity. While the user is active, main hears an
 * 'auth.touch' at most every 30 s, so its own idle lock (which it enforces regardless) stays in step.
 */
export function useIdleLock(minutes: number, lock: () => Promise<void>) {
  const lastActivity = useRef(0);
  const lastTouch = useRef(0);
  const locking = useRef(false);

  useEffect(() => {
    // Signing in (or changing the limit) counts as activity; main has just seen us too.
    lastActivity.current = Date.now();
    lastTouch.current = lastActivity.current;
    const onActivity = () => {
      const now = Date.now();
      lastActivity.current = now;
      if (now - lastTouch.current >= TOUCH_EVERY_MS) {
        lastTouch.current = now;
        // Fire and forget: a LOCKED answer is routed to the lock screen by the call wrapper.
        void call('auth.touch', null).catch(() => undefined);
      }
    };
    for (const type of ACTIVITY) window.addEventListener(type, onActivity, { capture: true, passive: true });

    // A timer that checks elapsed wall time also catches a machine that slept through the limit.
    const timer = window.setInterval(() => {
      if (locking.current || Date.now() - lastActivity.current < minutes * 60_000) return;
      locking.current = true;
      void lock().finally(() => {
        locking.current = false;
      });
    }, CHECK_EVERY_MS);

    return () => {
      for (const type of ACTIVITY) window.removeEventListener(type, onActivity, { capture: true });
      window.clearInterval(timer);
    };
  }, [minutes, lock]);
}

/** Ctrl+L (Cmd+L on a Mac) locks from anywhere once signed in. */
export function useLockShortcut(lock: () => Promise<void>) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || e.key.toLowerCase() !== 'l') return;
      e.preventDefault();
      void lock();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [lock]);
}
