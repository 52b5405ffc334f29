/**
 * Caps uploads whose body is being read or processed: `total` at once, `perAddress` from one remote
 * address. A request that finds no slot is answered 503 before a byte of its body is read, so slow or
 * stalled bodies (a slowloris) hold at most `perAddress` slots each and at most `total` × the body limit
 * of memory altogether.
 */
export interface UploadLimits {
  total: number;
  perAddress: number;
}

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = { total: 16, perAddress: 4 };

export class UploadSlots {
  #inUse = 0;
  readonly #byAddress = new Map<string, number>();

  constructor(private readonly limits: UploadLimits) {
    if (!(limits.total >= 1) || !(limits.perAddress >= 1))
      throw new RangeError('upload limits: total ≥ 1, per address ≥ 1');
  }

  /** A release function (call it exactly once), or null when no slot is free. */
  tryAcquire(address: string): (() => void) | null {
    const mine = this.#byAddress.get(address) ?? 0;
    if (this.#inUse >= this.limits.total || mine >= this.limits.perAddress) return null;
    this.#inUse += 1;
    this.#byAddress.set(address, mine + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#inUse -= 1;
      const left = (this.#byAddress.get(address) ?? 1) - 1;
      if (left > 0) this.#byAddress.set(address, left);
      else this.#byAddress.delete(address);
    };
  }

  get inUse(): number {
    return this.#inUse;
  }
}
