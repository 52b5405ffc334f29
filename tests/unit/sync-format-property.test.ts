// Properties of the sync batch format: random headers and plaintexts round-trip, and no single flipped bit
// anywhere in an envelope survives parse → verify → open (checked for every bit of one envelope, and for
// random bits of random envelopes).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ZERO_HASH,
  generateEncryptionKeyPair,
  generateSigningKeyPair,
  isSyncFormatError,
  openBatch,
  parseEnvelope,
  sealBatch,
  verifyEnvelope,
  type SealHeaderFields,
} from '../../src/shared/sync';

const county = await generateEncryptionKeyPair();
const device = await generateSigningKeyPair();

const hex64 = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('hex'));
const positive = fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER });

const headerFields: fc.Arbitrary<SealHeaderFields> = fc
  .record({
    device: fc.uuid(),
    epoch: fc.oneof(fc.integer({ min: 1, max: 5 }), positive),
    seq: fc.oneof(fc.constant(1), fc.integer({ min: 2, max: 1000 }), positive),
    prev: hex64,
    count: fc.oneof(fc.integer({ min: 1, max: 5000 }), positive),
    createdAt: fc
      .date({
        min: new Date('2000-01-01T00:00:00.000Z'),
        max: new Date('2099-12-31T23:59:59.999Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString()),
  })
  .map((fields) => ({ ...fields, prev: fields.seq === 1 ? ZERO_HASH : fields.prev }));

const plaintexts = fc.uint8Array({ minLength: 0, maxLength: 4096 });

/** Resolves to the rejection code, or 'ACCEPTED' if the bytes pass every check. */
async function outcome(bytes: Uint8Array): Promise<string> {
  try {
    const parsed = parseEnvelope(bytes);
    await verifyEnvelope(parsed, device.publicKey);
    await openBatch(parsed, county.privateKey);
    return 'ACCEPTED';
  } catch (e) {
    if (isSyncFormatError(e)) return e.code;
    throw e;
  }
}

function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const out = bytes.slice();
  const index = Math.floor(bit / 8);
  out[index] = (out[index] ?? 0) ^ (1 << (bit % 8));
  return out;
}

describe('sync format properties', () => {
  it('random headers and plaintexts round-trip', async () => {
    await fc.assert(
      fc.asyncProperty(headerFields, plaintexts, async (fields, plaintext) => {
        const sealed = await sealBatch({
          ...fields,
          plaintext,
          countyPublicKey: county.publicKey,
          deviceSigningKey: device.privateKey,
        });
        const parsed = parseEnvelope(sealed.bytes);
        expect(parsed.header).toEqual(sealed.header);
        expect(parsed.header).toMatchObject(fields);
        await verifyEnvelope(parsed, device.publicKey);
        expect(await openBatch(parsed, county.privateKey)).toEqual(plaintext);
      }),
      { numRuns: 150 },
    );
  });

  it('every single-bit flip of an envelope is rejected', async () => {
    const { bytes } = await sealBatch({
      device: '0190a7c2-1b2c-7d3e-8f40-5a6b7c8d9e0f',
      epoch: 3,
      seq: 12,
      prev: 'ab'.repeat(32),
      count: 250,
      createdAt: '2026-11-23T08:30:00.000Z',
      plaintext: new TextEncoder().encode('a short body'),
      countyPublicKey: county.publicKey,
      deviceSigningKey: device.privateKey,
    });
    expect(await outcome(bytes)).toBe('ACCEPTED');
    const codes = new Map<string, number>();
    for (let bit = 0; bit < bytes.length * 8; bit += 1) {
      const code = await outcome(flipBit(bytes, bit));
      codes.set(code, (codes.get(code) ?? 0) + 1);
    }
    expect(codes.has('ACCEPTED')).toBe(false);
    // Each part is caught by the check meant for it.
    expect(codes.get('BAD_SIGNATURE')).toBeGreaterThan(0);
    expect(codes.get('MALFORMED')).toBeGreaterThan(0);
    expect(codes.get('UNSUPPORTED_VERSION')).toBeGreaterThan(0);
  });

  it('a random bit flip of a random envelope is rejected', async () => {
    await fc.assert(
      fc.asyncProperty(headerFields, plaintexts, fc.nat(), async (fields, plaintext, bitSeed) => {
        const { bytes } = await sealBatch({
          ...fields,
          plaintext,
          countyPublicKey: county.publicKey,
          deviceSigningKey: device.privateKey,
        });
        expect(await outcome(flipBit(bytes, bitSeed % (bytes.length * 8)))).not.toBe('ACCEPTED');
      }),
      { numRuns: 150 },
    );
  });
});
