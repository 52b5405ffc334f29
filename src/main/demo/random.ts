/*
 * Seeded randomness for the demo desk: the same seed gives the same desk. Every case draws from its own
 * stream (derived from the seed and the case's index), so a case's content does not depend on how many
 * draws the cases before it made, and a planning pass can replay a case exactly.
 */

/**
 * mulberry32: a small seeded generator of [0, 1), fast and good enough for generated data (never for
 * anything secret). The demo desk and the tests' seeded datasets share it, so a seed replays exactly.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit mix of two numbers (murmur3's finaliser over a combination), for deriving stream seeds. */
function mix(a: number, b: number): number {
  let h = (Math.imul(a >>> 0, 0x9e3779b1) ^ Math.imul(b >>> 0, 0x85ebca6b)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Streams of the demo: a case's decisions ('case') and words ('text'), the roster, the events. */
const STREAMS = { case: 1, text: 2, roster: 3, events: 4 } as const;
export type StreamKind = keyof typeof STREAMS;

export class Random {
  readonly #next: () => number;

  constructor(seed: number) {
    this.#next = mulberry32(seed);
  }

  /** The stream `kind` (number `index` of it) of the demo with `seed`. */
  static stream(seed: number, kind: StreamKind, index = 0): Random {
    return new Random(mix(mix(seed, STREAMS[kind]), index));
  }

  /** [0, 1). */
  next(): number {
    return this.#next();
  }

  /** An integer in [min, max] (both included). */
  int(min: number, max: number): number {
    return min + Math.floor(this.#next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.#next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.#next() * items.length)] as T;
  }

  /** One of the weighted choices: [value, weight] pairs, weights need not sum to 1. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, w]) => sum + w, 0);
    let r = this.#next() * total;
    for (const [value, w] of choices) {
      r -= w;
      if (r < 0) return value;
    }
    const last = choices.at(-1);
    if (!last) throw new RangeError('weighted pick from an empty list');
    return last[0];
  }

  /** `count` distinct items of the list, in the list's order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const chosen = new Set<number>();
    const want = Math.min(count, items.length);
    while (chosen.size < want) chosen.add(Math.floor(this.#next() * items.length));
    return [...chosen].sort((a, b) => a - b).map((i) => items[i] as T);
  }

  /** `digits` random decimal digits. */
  digits(digits: number): string {
    let out = '';
    for (let i = 0; i < digits; i++) out += String(Math.floor(this.#next() * 10));
    return out;
  }
}
