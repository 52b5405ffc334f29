import type { Clock } from '../desk';

/*
 * When the desk syncs by itself: `intervalMinutes` after a success; after the n-th failure in a row
 * min(interval, 30 s · 2^(n−1)) scaled by a random factor in [0.5, 1.0) — jitter, so desks that lost the
 * county at the same moment do not all come back in the same second, with a floor of half the delay so a
 * retry is never immediate. A county that answered 429 with Retry-After is not asked sooner than that.
 */

export const BACKOFF_BASE_MS = 30_000;

export function backoffDelayMs(
  failures: number,
  intervalMinutes: number,
  random: () => number,
  retryAfterSeconds = 0,
): number {
  const interval = intervalMinutes * 60_000;
  if (failures <= 0) return interval;
  const base = Math.min(interval, BACKOFF_BASE_MS * 2 ** Math.min(failures - 1, 30));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.max(Math.round(base * (0.5 + 0.5 * r)), retryAfterSeconds * 1000);
}

/**
 * One pending wake-up of the loop. The timer is unref'd (it never keeps the process alive); nextAt is
 * on the injected clock, for the status page.
 */
export class LoopTimer {
  readonly #clock: Clock;
  readonly #fire: () => void;
  #timer: NodeJS.Timeout | null = null;
  #nextAt: Date | null = null;

  constructor(clock: Clock, fire: () => void) {
    this.#clock = clock;
    this.#fire = fire;
  }

  get nextAt(): Date | null {
    return this.#nextAt;
  }

  schedule(delayMs: number): void {
    this.cancel();
    const delay = Math.max(0, Math.min(delayMs, 2 ** 31 - 1));
    this.#nextAt = new Date(this.#clock.now().getTime() + delay);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#nextAt = null;
      this.#fire();
    }, delay);
    this.#timer.unref();
  }

  cancel(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#nextAt = null;
  }
}
