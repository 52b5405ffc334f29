// The county's cap on uploads in progress (src/server/http/upload-slots.ts).
import { describe, expect, it } from 'vitest';
import { UploadSlots } from '../../src/server/http/upload-slots';

describe('UploadSlots', () => {
  it('caps uploads per address and in all, and frees a slot exactly once', () => {
    const slots = new UploadSlots({ total: 3, perAddress: 2 });
    const a1 = slots.tryAcquire('a');
    const a2 = slots.tryAcquire('a');
    expect(a1).not.toBeNull();
    expect(a2).not.toBeNull();
    expect(slots.tryAcquire('a')).toBeNull(); // this address is at its cap
    const b1 = slots.tryAcquire('b');
    expect(b1).not.toBeNull();
    expect(slots.tryAcquire('c')).toBeNull(); // the house is full
    a1?.();
    a1?.(); // a second release changes nothing
    expect(slots.inUse).toBe(2);
    expect(slots.tryAcquire('c')).not.toBeNull();
    expect(slots.tryAcquire('a')).toBeNull();
    a2?.();
    b1?.();
    expect(slots.inUse).toBe(1);
  });

  it('refuses limits below one', () => {
    expect(() => new UploadSlots({ total: 0, perAddress: 1 })).toThrow(RangeError);
    expect(() => new UploadSlots({ total: 1, perAddress: 0 })).toThrow(RangeError);
  });
});
