import { describe, expect, it } from 'vitest';
import { BACKOFF_BASE_MS, backoffDelayMs, LoopTimer } from '../../src/main/sync/loop';

describe('sync loop timing', () => {
  const interval = 15; // minutes

  it('after a success: the interval', () => {
    expect(backoffDelayMs(0, interval, () => 0)).toBe(15 * 60_000);
    expect(backoffDelayMs(0, 1, () => 0.99)).toBe(60_000);
  });

  it('after failures: 30 s doubling, capped at the interval, scaled by a factor in [0.5, 1.0)', () => {
    for (let failures = 1; failures <= 12; failures++) {
      const base = Math.min(15 * 60_000, BACKOFF_BASE_MS * 2 ** (failures - 1));
      const low = backoffDelayMs(failures, interval, () => 0);
      const high = backoffDelayMs(failures, interval, () => 0.999999);
      expect(low).toBe(base / 2);
      expect(high).toBeLessThanOrEqual(base);
      expect(high).toBeGreaterThan(base * 0.99);
      for (const r of [0.1, 0.37, 0.5, 0.83]) {
        const delay = backoffDelayMs(failures, interval, () => r);
        expect(delay).toBeGreaterThanOrEqual(low);
        expect(delay).toBeLessThanOrEqual(high);
      }
    }
    const grows = [1, 2, 3, 4, 5].map((n) => backoffDelayMs(n, interval, () => 0.5));
    expect(grows).toEqual([22_500, 45_000, 90_000, 180_000, 360_000]);
    expect(backoffDelayMs(50, interval, () => 0.5)).toBe(0.75 * 15 * 60_000); // no overflow
  });

  it('a random source out of range is clamped; Retry-After is a floor', () => {
    expect(backoffDelayMs(1, interval, () => -3)).toBe(15_000);
    expect(backoffDelayMs(1, interval, () => 7)).toBe(30_000);
    expect(backoffDelayMs(1, interval, () => 0, 120)).toBe(120_000);
    expect(backoffDelayMs(3, interval, () => 0, 5)).toBe(60_000);
  });

  it('the timer reports its next time on the injected clock, fires once, and cancels', async () => {
    let now = Date.parse('2026-11-23T09:00:00.000Z');
    const clock = { now: () => new Date(now) };
    let fired = 0;
    const timer = new LoopTimer(clock, () => (fired += 1));
    timer.schedule(20);
    expect(timer.nextAt?.toISOString()).toBe('2026-11-23T09:00:00.020Z');
    now += 5_000; // the fake clock does not drive the real timer; only nextAt uses it
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(fired).toBe(1);
    expect(timer.nextAt).toBeNull();

    timer.schedule(20);
    timer.schedule(30); // replaces, never doubles
    timer.cancel();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(fired).toBe(1);
    expect(timer.nextAt).toBeNull();
  });
});
