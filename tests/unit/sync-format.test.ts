// The sync batch format (docs/sync-format.md): round trip, strict parsing, tampering, wrong county key,
// receipts. Real WebCrypto and @hpke/core; nothing mocked.
import { Aes256Gcm, CipherSuite, DhkemX25519HkdfSha256, HkdfSha256 } from '@hpke/core';
import { describe, expect, it } from 'vitest';
import {
  HPKE_INFO,
  ZERO_HASH,
  canonicalJson,
  decodeHeader,
  encodeUnsigned,
  encryptionPublicKey,
  envelopeHash,
  fingerprint,
  generateEncryptionKeyPair,
  generateSigningKeyPair,
  openBatch,
  parseEnvelope,
  parseSignedReceipt,
  sealBatch,
  serializeSignedReceipt,
  signReceipt,
  signingPublicKey,
  verifyEnvelope,
  verifyReceipt,
  type SealBatchInput,
  type SyncFormatErrorCode,
} from '../../src/shared/sync';

const county = await generateEncryptionKeyPair();
const otherCounty = await generateEncryptionKeyPair();
const device = await generateSigningKeyPair();
const otherDevice = await generateSigningKeyPair();

const DEVICE_ID = '0190a7c2-1b2c-7d3e-8f40-5a6b7c8d9e0f';
const plaintext = new TextEncoder().encode('gzip bytes stand-in: the format never looks inside');

function input(overrides: Partial<SealBatchInput> = {}): SealBatchInput {
  return {
    device: DEVICE_ID,
    epoch: 1,
    seq: 1,
    prev: ZERO_HASH,
    count: 3,
    createdAt: '2026-11-23T08:30:00.000Z',
    plaintext,
    countyPublicKey: county.publicKey,
    deviceSigningKey: device.privateKey,
    ...overrides,
  };
}

async function codeOf(work: () => unknown): Promise<SyncFormatErrorCode | 'NO_ERROR'> {
  try {
    await work();
    return 'NO_ERROR';
  } catch (e) {
    if (e instanceof Error && 'code' in e) return (e as { code: SyncFormatErrorCode }).code;
    throw e;
  }
}

function flip(bytes: Uint8Array, index: number, mask = 0x01): Uint8Array {
  const out = bytes.slice();
  out[index] = (out[index] ?? 0) ^ mask;
  return out;
}

/** Offsets of the parts of an envelope, from its own length fields. */
function layout(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(5);
  const enc = 9 + headerLength + 2;
  const ciphertext = enc + 32 + 4;
  const signature = bytes.length - 64;
  return { header: 9, headerLength, enc, ciphertext, signature };
}

describe('keys', () => {
  it('exports raw 32-byte keys and derives the public half from the private one', async () => {
    for (const pair of [county, device]) {
      expect(pair.publicKey.length).toBe(32);
      expect(pair.privateKey.length).toBe(32);
    }
    expect(await encryptionPublicKey(county.privateKey)).toEqual(county.publicKey);
    expect(await signingPublicKey(device.privateKey)).toEqual(device.publicKey);
    expect(await fingerprint(county.publicKey)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses keys of the wrong length', async () => {
    expect(await codeOf(() => fingerprint(new Uint8Array(31)))).toBe('BAD_KEY');
    expect(await codeOf(() => sealBatch(input({ countyPublicKey: new Uint8Array(33) })))).toBe('BAD_KEY');
    expect(await codeOf(() => sealBatch(input({ deviceSigningKey: new Uint8Array(16) })))).toBe('BAD_KEY');
  });
});

describe('sealBatch / parseEnvelope / verifyEnvelope / openBatch', () => {
  it('round-trips header and plaintext, and hashes the whole envelope', async () => {
    const sealed = await sealBatch(input());
    const parsed = parseEnvelope(sealed.bytes);
    expect(parsed.header).toEqual({
      v: 1,
      suite: 'hpke-x25519-sha256-aes256gcm+ed25519',
      device: DEVICE_ID,
      epoch: 1,
      seq: 1,
      prev: ZERO_HASH,
      count: 3,
      createdAt: '2026-11-23T08:30:00.000Z',
      countyKey: await fingerprint(county.publicKey),
      compression: 'gzip',
      auditSeq: 0,
      auditHead: ZERO_HASH,
    });
    expect(sealed.header).toEqual(parsed.header);
    expect(sealed.hash).toBe(await envelopeHash(sealed.bytes));
    await verifyEnvelope(parsed, device.publicKey);
    expect(await openBatch(parsed, county.privateKey)).toEqual(plaintext);
  });

  it('carries the audit chain head, zero hash exactly for an empty chain', async () => {
    const head = 'ab'.repeat(32);
    const sealed = await sealBatch(input({ auditSeq: 17, auditHead: head }));
    expect(parseEnvelope(sealed.bytes).header).toMatchObject({ auditSeq: 17, auditHead: head });
    for (const bad of [
      { auditSeq: 0, auditHead: head },
      { auditSeq: 3, auditHead: ZERO_HASH },
      { auditSeq: -1, auditHead: ZERO_HASH },
      { auditSeq: 1.5, auditHead: head },
    ]) {
      await expect(sealBatch(input(bad))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    }
  });

  it('writes the documented layout', async () => {
    const sealed = await sealBatch(input({ plaintext: new Uint8Array(0) }));
    const at = layout(sealed.bytes);
    expect(new TextDecoder().decode(sealed.bytes.subarray(0, 4))).toBe('CDSB');
    expect(sealed.bytes[4]).toBe(1);
    const headerText = new TextDecoder().decode(sealed.bytes.subarray(9, 9 + at.headerLength));
    expect(headerText).toBe(canonicalJson(JSON.parse(headerText) as Record<string, string | number>));
    expect(headerText).not.toMatch(/\s/);
    expect(sealed.bytes[at.enc - 2]).toBe(0);
    expect(sealed.bytes[at.enc - 1]).toBe(32);
    // An empty plaintext leaves only the 16-byte AES-GCM tag.
    expect(at.signature - at.ciphertext).toBe(16);
    expect(sealed.bytes.length).toBe(9 + at.headerLength + 2 + 32 + 4 + 16 + 64);
  });

  it('uses a fresh ephemeral key per seal', async () => {
    const [a, b] = await Promise.all([sealBatch(input()), sealBatch(input())]);
    expect(parseEnvelope(a.bytes).enc).not.toEqual(parseEnvelope(b.bytes).enc);
    expect(a.hash).not.toBe(b.hash);
  });

  it('chains: prev of seq 2 is the hash of seq 1', async () => {
    const first = await sealBatch(input());
    const second = await sealBatch(input({ seq: 2, prev: first.hash }));
    expect(parseEnvelope(second.bytes).header.prev).toBe(first.hash);
  });

  it('refuses header values that would not parse back', async () => {
    const bad: Partial<SealBatchInput>[] = [
      { seq: 2, prev: ZERO_HASH },
      { seq: 1, prev: 'a'.repeat(64) },
      { seq: 0 },
      { epoch: 1.5 },
      { count: 0 },
      { prev: 'A'.repeat(64), seq: 2 },
      { device: 'not-a-uuid' },
      { device: DEVICE_ID.toUpperCase() },
      { createdAt: '2026-11-23T08:30:00Z' },
      { createdAt: '2026-02-30T08:30:00.000Z' },
      { countyKey: '0'.repeat(64) },
    ];
    for (const overrides of bad)
      expect(await codeOf(() => sealBatch(input(overrides)))).toBe('INVALID_INPUT');
  });
});

describe('strict parsing', () => {
  it('rejects bad magic, unknown version, truncation and trailing bytes', async () => {
    const { bytes } = await sealBatch(input());
    expect(await codeOf(() => parseEnvelope(flip(bytes, 0)))).toBe('MALFORMED');
    expect(await codeOf(() => parseEnvelope(flip(bytes, 4, 0x03)))).toBe('UNSUPPORTED_VERSION');
    expect(await codeOf(() => parseEnvelope(bytes.subarray(0, bytes.length - 1)))).toBe('MALFORMED');
    expect(await codeOf(() => parseEnvelope(new Uint8Array([...bytes, 0])))).toBe('MALFORMED');
    expect(await codeOf(() => parseEnvelope(new Uint8Array(0)))).toBe('MALFORMED');
    const at = layout(bytes);
    expect(await codeOf(() => parseEnvelope(flip(bytes, at.enc - 1, 0x01)))).toBe('MALFORMED');
    expect(await codeOf(() => parseEnvelope(flip(bytes, 8, 0x01)))).toBe('MALFORMED');
  });

  async function withHeader(headerText: string): Promise<Uint8Array> {
    const { bytes } = await sealBatch(input());
    const parsed = parseEnvelope(bytes);
    const unsigned = encodeUnsigned({
      headerBytes: new TextEncoder().encode(headerText),
      enc: parsed.enc,
      ciphertext: parsed.ciphertext,
    });
    return new Uint8Array([...unsigned, ...parsed.signature]);
  }

  it('rejects a header that is not canonical, even when it means the same', async () => {
    const { bytes } = await sealBatch(input());
    const header = parseEnvelope(bytes).header;
    const text = canonicalJson(header);
    const variants = [
      JSON.stringify(header, null, 1),
      JSON.stringify(header),
      `\ufeff${text}`,
      text.replace('{', '{"v":1,'),
      text.replace('"count":3', '"count":3.0'),
      text.replace('"gzip"', '"\\u0067zip"'),
    ];
    for (const variant of variants)
      expect(await codeOf(async () => parseEnvelope(await withHeader(variant)))).toBe('MALFORMED');
  });

  it('names an unknown suite or header version', async () => {
    const { bytes } = await sealBatch(input());
    const header = parseEnvelope(bytes).header;
    const sm = canonicalJson({ ...header, suite: 'sm2-sm3-sm4' });
    expect(await codeOf(async () => parseEnvelope(await withHeader(sm)))).toBe('UNSUPPORTED_SUITE');
    const v2 = canonicalJson({ ...header, v: 2 });
    expect(await codeOf(async () => parseEnvelope(await withHeader(v2)))).toBe('UNSUPPORTED_VERSION');
    expect(await codeOf(() => decodeHeader(new TextEncoder().encode('[]')))).toBe('MALFORMED');
    expect(await codeOf(() => decodeHeader(new Uint8Array([0xff, 0xfe])))).toBe('MALFORMED');
  });

  it('rejects extra header fields (nothing can ride along in the clear)', async () => {
    const { bytes } = await sealBatch(input());
    const extra = canonicalJson({ ...parseEnvelope(bytes).header, office: 'x' });
    expect(await codeOf(async () => parseEnvelope(await withHeader(extra)))).toBe('MALFORMED');
  });
});

describe('tampering', () => {
  it('a changed header value: BAD_SIGNATURE, and DECRYPT_FAILED if verification is skipped', async () => {
    const { bytes } = await sealBatch(input({ seq: 7, prev: 'b'.repeat(64) }));
    const text = new TextDecoder().decode(bytes);
    const at = text.indexOf('"seq":7');
    const tampered = bytes.slice();
    tampered[at + 6] = '8'.charCodeAt(0);
    const parsed = parseEnvelope(tampered);
    expect(parsed.header.seq).toBe(8);
    expect(await codeOf(() => verifyEnvelope(parsed, device.publicKey))).toBe('BAD_SIGNATURE');
    expect(await codeOf(() => openBatch(parsed, county.privateKey))).toBe('DECRYPT_FAILED');
  });

  it('a flipped ciphertext bit: BAD_SIGNATURE, and DECRYPT_FAILED if verification is skipped', async () => {
    const { bytes } = await sealBatch(input());
    const parsed = parseEnvelope(flip(bytes, layout(bytes).ciphertext + 5, 0x80));
    expect(await codeOf(() => verifyEnvelope(parsed, device.publicKey))).toBe('BAD_SIGNATURE');
    expect(await codeOf(() => openBatch(parsed, county.privateKey))).toBe('DECRYPT_FAILED');
  });

  it('a flipped enc bit: BAD_SIGNATURE, and DECRYPT_FAILED if verification is skipped', async () => {
    const { bytes } = await sealBatch(input());
    const parsed = parseEnvelope(flip(bytes, layout(bytes).enc + 3, 0x10));
    expect(await codeOf(() => verifyEnvelope(parsed, device.publicKey))).toBe('BAD_SIGNATURE');
    expect(await codeOf(() => openBatch(parsed, county.privateKey))).toBe('DECRYPT_FAILED');
  });

  it('a flipped signature bit: BAD_SIGNATURE (the content itself still decrypts)', async () => {
    const { bytes } = await sealBatch(input());
    const parsed = parseEnvelope(flip(bytes, layout(bytes).signature + 40, 0x04));
    expect(await codeOf(() => verifyEnvelope(parsed, device.publicKey))).toBe('BAD_SIGNATURE');
    expect(await openBatch(parsed, county.privateKey)).toEqual(plaintext);
  });

  it('a batch signed by another device: BAD_SIGNATURE', async () => {
    const { bytes } = await sealBatch(input({ deviceSigningKey: otherDevice.privateKey }));
    expect(await codeOf(() => verifyEnvelope(parseEnvelope(bytes), device.publicKey))).toBe('BAD_SIGNATURE');
  });
});

describe('another county key', () => {
  it('is named by the header fingerprint: WRONG_COUNTY_KEY', async () => {
    const { bytes } = await sealBatch(input({ countyPublicKey: otherCounty.publicKey }));
    const parsed = parseEnvelope(bytes);
    await verifyEnvelope(parsed, device.publicKey);
    expect(await codeOf(() => openBatch(parsed, county.privateKey))).toBe('WRONG_COUNTY_KEY');
    expect(await openBatch(parsed, otherCounty.privateKey)).toEqual(plaintext);
  });

  it('forced past the fingerprint (header names us, sealed to another key): DECRYPT_FAILED', async () => {
    // Built by hand, as a broken or hostile sender would: our fingerprint in the header, HPKE to another key.
    const header = {
      ...parseEnvelope((await sealBatch(input())).bytes).header,
      countyKey: await fingerprint(county.publicKey),
    };
    const headerBytes = new TextEncoder().encode(canonicalJson(header));
    const hpke = new CipherSuite({
      kem: new DhkemX25519HkdfSha256(),
      kdf: new HkdfSha256(),
      aead: new Aes256Gcm(),
    });
    const recipientPublicKey = await crypto.subtle.importKey(
      'raw',
      otherCounty.publicKey,
      { name: 'X25519' },
      true,
      [],
    );
    const { ct, enc } = await hpke.seal({ recipientPublicKey, info: HPKE_INFO }, plaintext, headerBytes);
    const unsigned = encodeUnsigned({
      headerBytes,
      enc: new Uint8Array(enc),
      ciphertext: new Uint8Array(ct),
    });
    const key = await crypto.subtle.importKey(
      'pkcs8',
      new Uint8Array([...Buffer.from('302e020100300506032b657004220420', 'hex'), ...device.privateKey]),
      { name: 'Ed25519' },
      false,
      ['sign'],
    );
    const signature = new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, key, unsigned));
    const parsed = parseEnvelope(new Uint8Array([...unsigned, ...signature]));
    await verifyEnvelope(parsed, device.publicKey);
    expect(await codeOf(() => openBatch(parsed, county.privateKey))).toBe('DECRYPT_FAILED');
  });
});

describe('receipts', () => {
  const countyReceiptKey = generateSigningKeyPair();

  it('sign → serialize → parse → verify round-trips; the wire form is canonical JSON', async () => {
    const keys = await countyReceiptKey;
    const { bytes, hash } = await sealBatch(input());
    const receipt = {
      v: 1 as const,
      device: DEVICE_ID,
      epoch: 1,
      seq: 1,
      hash,
      receivedAt: '2026-11-23T08:31:02.120Z',
    };
    const signed = await signReceipt(receipt, keys.privateKey);
    const wire = serializeSignedReceipt(signed);
    expect(wire).toBe(canonicalJson(signed));
    expect(wire.startsWith('{"receipt":{"device":')).toBe(true);
    expect(await verifyReceipt(parseSignedReceipt(wire), keys.publicKey)).toEqual(receipt);
    expect(hash).toBe(await envelopeHash(bytes));
  });

  it('rejects a changed field, a changed signature, another key, and junk', async () => {
    const keys = await countyReceiptKey;
    const receipt = {
      v: 1 as const,
      device: DEVICE_ID,
      epoch: 2,
      seq: 9,
      hash: 'c'.repeat(64),
      receivedAt: '2026-11-23T08:31:02.120Z',
    };
    const signed = await signReceipt(receipt, keys.privateKey);
    const otherSeq = { ...signed, receipt: { ...signed.receipt, seq: 10 } };
    expect(await codeOf(() => verifyReceipt(otherSeq, keys.publicKey))).toBe('BAD_SIGNATURE');
    const otherSig = {
      ...signed,
      signature: `${signed.signature.slice(0, -1)}${signed.signature.endsWith('0') ? '1' : '0'}`,
    };
    expect(await codeOf(() => verifyReceipt(otherSig, keys.publicKey))).toBe('BAD_SIGNATURE');
    expect(await codeOf(() => verifyReceipt(signed, device.publicKey))).toBe('BAD_SIGNATURE');
    expect(await codeOf(() => parseSignedReceipt('{'))).toBe('MALFORMED');
    expect(await codeOf(() => parseSignedReceipt('{"receipt":{},"signature":""}'))).toBe('MALFORMED');
    expect(await codeOf(() => signReceipt({ ...receipt, hash: 'x' }, keys.privateKey))).toBe('INVALID_INPUT');
  });
});
