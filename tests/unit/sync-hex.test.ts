// Hex that must be valid fails at once with its own error: a constant of this code (at module load) and a
// schema-checked field (SyncFormatError MALFORMED naming it) — never an empty key that fails much later.
import { describe, expect, it } from 'vitest';
import { hexConstant, requireHex } from '../../src/shared/sync/bytes';
import { SyncFormatError } from '../../src/shared/sync';

describe('hex that must be valid', () => {
  it('hexConstant decodes a valid constant and throws on a typo', () => {
    expect([...hexConstant('302e0201')]).toEqual([0x30, 0x2e, 0x02, 0x01]);
    expect(() => hexConstant('302e02010')).toThrow('hex constant is not valid hex');
    expect(() => hexConstant('302e02o1')).toThrow('hex constant is not valid hex');
  });

  it('requireHex decodes valid hex and refuses the rest with MALFORMED naming the field', () => {
    expect([...requireHex('00ff', 'receipt signature')]).toEqual([0, 255]);
    for (const bad of ['0', 'zz', '00 ff']) {
      const error = (() => {
        try {
          requireHex(bad, 'receipt signature');
        } catch (e) {
          return e;
        }
        return null;
      })();
      expect(error).toBeInstanceOf(SyncFormatError);
      expect(error).toMatchObject({ code: 'MALFORMED', reason: 'receipt signature is not hex' });
    }
  });
});
