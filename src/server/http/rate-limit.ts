/**
 * Token buckets keyed by a string (a remote address for every request and for enrolment, a device id for
 * uploads). Each key starts with
 * `burst` tokens and earns `perSecond` more, up to `burst`; a request spends one. The clock is monotonic
 * (performance.now), so a wall-clock jump cannot refill or drain anyone.
 */
export interface RateLimit {
  burst: number;
  perSecond: number;
}

export const DEFAULT_DEVICE_RATE_LIMIT: RateLimit = { burst: 60, perSecond: 20 };
/** Every request from one address (several desks may share one behind a township's NAT). */
export const DEFAULT_ADDRESS_RATE_LIMIT: RateLimit = { burst: 200, perSecond: 50 };
/** Enrolment is rare and its secret is guessable only by brute force: keep guessing slow. */
export const DEFAULT_ENROL_RATE_LIMIT: RateLimit = { burst: 10, perSecond: 0.2 };

/** Past this many keys, full buckets (idle long enough to be indistinguishable from new) are dropped. */
const PRUNE_AT = 10_000;

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: RateLimit,
    private readonly clock: () => number = () => performance.now(),
  ) {
    if (!(limit.burst >= 1) || !(limit.perSecond > 0))
      throw new RangeError('rate limit: burst ≥ 1, rate > 0');
  }

  /** Spends a token; returns 0 if allowed, else the whole seconds to wait before one is there. */
  take(key: string): number {
    const now = this.clock();
    const bucket = this.refill(this.buckets.get(key), now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      this.buckets.set(key, bucket);
      if (this.buckets.size > PRUNE_AT) this.prune(now);
      return 0;
    }
    this.buckets.set(key, bucket);
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.limit.perSecond));
  }

  private refill(bucket: Bucket | undefined, now: number): Bucket {
    if (!bucket) return { tokens: this.limit.burst, at: now };
    const earned = ((now - bucket.at) / 1000) * this.limit.perSecond;
    return { tokens: Math.min(this.limit.burst, bucket.tokens + earned), at: now };
  }

  private prune(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (this.refill(bucket, now).tokens >= this.limit.burst) this.buckets.delete(key);
    }
  }
}
