// The committed test vector (tests/fixtures/sync-vector-1.json, documented in docs/sync-format.md) read two
// ways: through src/shared/sync, and "independently" straight from the documented byte offsets with
// @hpke/core and WebCrypto, as an implementation in another language would.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { Aes256Gcm, CipherSuite, DhkemX25519HkdfSha256, HkdfSha256 } from '@hpke/core';
import { describe, expect, it } from 'vitest';
import {
  envelopeHash,
  fingerprint,
  fromHex,
  openBatch,
  parseEnvelope,
  toHex,
  verifyEnvelope,
} from '../../src/shared/sync';

interface Vector {
  suite: string;
  hpkeInfo: string;
  countyPrivateKey: string;
  countyPublicKey: string;
  countyKeyFingerprint: string;
  devicePublicKey: string;
  header: string;
  headerHex: string;
  enc: string;
  ciphertext: string;
  signature: string;
  envelope: string;
  envelopeSha256: string;
  plaintext: string;
  plaintextGunzipped: string;
}

const vector = JSON.parse(
  readFileSync(new URL('../fixtures/sync-vector-1.json', import.meta.url), 'utf8'),
) as Vector;

function hex(text: string): Uint8Array<ArrayBuffer> {
  const bytes = fromHex(text);
  if (!bytes) throw new Error('bad hex in vector');
  return bytes;
}

describe('sync test vector 1', () => {
  it('parses, verifies and opens through the module', async () => {
    const envelope = hex(vector.envelope);
    const parsed = parseEnvelope(envelope);
    expect(toHex(parsed.headerBytes)).toBe(vector.headerHex);
    expect(new TextDecoder().decode(parsed.headerBytes)).toBe(vector.header);
    expect(toHex(parsed.enc)).toBe(vector.enc);
    expect(toHex(parsed.ciphertext)).toBe(vector.ciphertext);
    expect(toHex(parsed.signature)).toBe(vector.signature);
    expect(parsed.header.countyKey).toBe(vector.countyKeyFingerprint);
    expect(await fingerprint(hex(vector.countyPublicKey))).toBe(vector.countyKeyFingerprint);
    expect(await envelopeHash(envelope)).toBe(vector.envelopeSha256);

    await verifyEnvelope(parsed, hex(vector.devicePublicKey));
    const plaintext = await openBatch(parsed, hex(vector.countyPrivateKey));
    expect(toHex(plaintext)).toBe(vector.plaintext);
    expect(gunzipSync(plaintext).toString('utf8')).toBe(vector.plaintextGunzipped);
  });

  it('opens and verifies from the documented byte offsets alone', async () => {
    const bytes = hex(vector.envelope);
    const view = new DataView(bytes.buffer);
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('CDSB');
    expect(bytes[4]).toBe(1);
    const headerLength = view.getUint32(5);
    const header = bytes.slice(9, 9 + headerLength);
    let at = 9 + headerLength;
    const encLength = view.getUint16(at);
    const enc = bytes.slice(at + 2, at + 2 + encLength);
    at += 2 + encLength;
    const ciphertextLength = view.getUint32(at);
    const ciphertext = bytes.slice(at + 4, at + 4 + ciphertextLength);
    at += 4 + ciphertextLength;
    const signature = bytes.slice(at);
    expect(signature.length).toBe(64);

    const devicePublicKey = await crypto.subtle.importKey(
      'raw',
      hex(vector.devicePublicKey),
      { name: 'Ed25519' },
      false,
      ['verify'],
    );
    expect(
      await crypto.subtle.verify({ name: 'Ed25519' }, devicePublicKey, signature, bytes.slice(0, at)),
    ).toBe(true);

    const headerJson = JSON.parse(new TextDecoder().decode(header)) as Record<string, unknown>;
    expect(headerJson.suite).toBe(vector.suite);
    const sha = new Uint8Array(await crypto.subtle.digest('SHA-256', hex(vector.countyPublicKey)));
    expect(headerJson.countyKey).toBe(toHex(sha));

    const suite = new CipherSuite({
      kem: new DhkemX25519HkdfSha256(),
      kdf: new HkdfSha256(),
      aead: new Aes256Gcm(),
    });
    // RFC 9180 DeserializePrivateKey for X25519 is the raw scalar; WebCrypto takes it inside a fixed PKCS#8 prefix.
    const recipientKey = await crypto.subtle.importKey(
      'pkcs8',
      hex(`302e020100300506032b656e04220420${vector.countyPrivateKey}`),
      { name: 'X25519' },
      true,
      ['deriveBits'],
    );
    const plaintext = await suite.open(
      { recipientKey, enc, info: new TextEncoder().encode(vector.hpkeInfo) },
      ciphertext,
      header,
    );
    expect(toHex(new Uint8Array(plaintext))).toBe(vector.plaintext);
  });
});
