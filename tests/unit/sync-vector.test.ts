// The test vectors printed in docs/sync-format.md § Test vectors, read from the DOCUMENT (as an independent
// implementer would) and checked three ways: through src/shared/sync; from the documented byte offsets
// alone with @hpke/core and WebCrypto (including re-deriving the ciphertext from ikmE and the signature
// from the device seed); and against the generator, so the document cannot drift from the code.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Aes256Gcm, CipherSuite, DhkemX25519HkdfSha256, HkdfSha256 } from '@hpke/core';
import { describe, expect, it } from 'vitest';
import {
  envelopeHash,
  fingerprint,
  fromHex,
  openBatch,
  parseChangeLines,
  parseEnvelope,
  parseSignedReceipt,
  toHex,
  verifyEnvelope,
  verifyReceipt,
} from '../../src/shared/sync';

const root = resolve(__dirname, '../..');
const doc = readFileSync(resolve(root, 'docs/sync-format.md'), 'utf8');
const section = doc.slice(doc.indexOf('<!-- vectors:begin'), doc.indexOf('<!-- vectors:end -->'));

/** The backticked value of the list item that starts with `label`. */
function field(label: string): string {
  const line = section.split('\n').find((l) => l.startsWith(`- ${label}`));
  const value = line ? /`([^`]*)`\s*$/.exec(line)?.[1] : undefined;
  if (!value) throw new Error(`docs/sync-format.md § Test vectors has no "${label}"`);
  return value;
}

/** The fenced block that follows the list item starting with `label`, without its indentation. */
function block(label: string): string[] {
  const lines = section.split('\n');
  const at = lines.findIndex((l) => l.startsWith(`- ${label}`));
  const open = lines.findIndex((l, i) => i > at && l.trim() === '```');
  const close = lines.findIndex((l, i) => i > open && l.trim() === '```');
  if (at < 0 || open < 0 || close < 0) throw new Error(`no block after "${label}"`);
  return lines.slice(open + 1, close).map((l) => l.replace(/^ {2}/, ''));
}

function hex(text: string): Uint8Array<ArrayBuffer> {
  const bytes = fromHex(text);
  if (!bytes) throw new Error('bad hex in vector');
  return bytes;
}

const v = {
  countyPrivateKey: field('County encryption private key'),
  countyPublicKey: field('County encryption public key'),
  countyKey: field('Its fingerprint'),
  deviceSeed: field('Device key seed'),
  devicePublicKey: field('Device public key'),
  receiptPublicKey: field('County receipt public key'),
  receiptFingerprint: field('Receipt key fingerprint'),
  ikmE: field('HPKE `ikmE`'),
  enc: field('`enc`'),
  info: field('`info`'),
  header: block('Header')[0] as string,
  lines: block('Change lines'),
  plaintext: field('Plaintext (gzip'),
  ciphertext: field('Ciphertext'),
  signature: field('Signature:'),
  envelope: field('Envelope'),
  hash: field('Content hash'),
  receiptBytes: field('Signed bytes'),
  receiptSignature: field('Signature (county receipt key)'),
  receiptWire: field('Wire form'),
};

const pkcs8 = (prefix: string, raw: string) => hex(`${prefix}${raw}`);
const X25519_PKCS8 = '302e020100300506032b656e04220420';
const ED25519_PKCS8 = '302e020100300506032b657004220420';

describe('sync test vectors (docs/sync-format.md)', () => {
  it('vector 1 parses, verifies and opens through the module, and its body follows § Batch body', async () => {
    const envelope = hex(v.envelope);
    const parsed = parseEnvelope(envelope);
    expect(new TextDecoder().decode(parsed.headerBytes)).toBe(v.header);
    expect(toHex(parsed.enc)).toBe(v.enc);
    expect(toHex(parsed.ciphertext)).toBe(v.ciphertext);
    expect(toHex(parsed.signature)).toBe(v.signature);
    expect(parsed.header.countyKey).toBe(v.countyKey);
    expect(await fingerprint(hex(v.countyPublicKey))).toBe(v.countyKey);
    expect(await fingerprint(hex(v.receiptPublicKey))).toBe(v.receiptFingerprint);
    expect(await envelopeHash(envelope)).toBe(v.hash);

    await verifyEnvelope(parsed, hex(v.devicePublicKey));
    const plaintext = await openBatch(parsed, hex(v.countyPrivateKey));
    expect(toHex(plaintext)).toBe(v.plaintext);
    const body = gunzipSync(plaintext);
    expect(body.toString('utf8')).toBe(`${v.lines.join('\n')}\n`);
    const changes = parseChangeLines(body, parsed.header.count);
    expect(changes.map((c) => [c.seq, c.table, c.op])).toEqual([
      [1, 'cases', 'insert'],
      [2, 'counselling_records', 'update'],
      [3, 'referrals', 'delete'],
    ]);
  });

  it('vector 1 re-derived from the document alone: offsets, signature from the seed, ciphertext from ikmE', async () => {
    const bytes = hex(v.envelope);
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
    at += 4 + ciphertextLength;
    expect(bytes.length - at).toBe(64);

    // Ed25519 is deterministic: the seed signs the same bytes to the same signature.
    const deviceKey = await crypto.subtle.importKey(
      'pkcs8',
      pkcs8(ED25519_PKCS8, v.deviceSeed),
      'Ed25519',
      false,
      ['sign'],
    );
    const signature = new Uint8Array(await crypto.subtle.sign('Ed25519', deviceKey, bytes.slice(0, at)));
    expect(toHex(signature)).toBe(v.signature);

    // HPKE base mode with the ephemeral key DeriveKeyPair(ikmE): the ciphertext is re-derived exactly.
    const suite = new CipherSuite({
      kem: new DhkemX25519HkdfSha256(),
      kdf: new HkdfSha256(),
      aead: new Aes256Gcm(),
    });
    const recipientPublicKey = await crypto.subtle.importKey(
      'raw',
      hex(v.countyPublicKey),
      'X25519',
      true,
      [],
    );
    const sealed = await suite.seal(
      { recipientPublicKey, info: new TextEncoder().encode(v.info), ekm: hex(v.ikmE) },
      hex(v.plaintext),
      header,
    );
    expect(toHex(new Uint8Array(sealed.enc))).toBe(toHex(enc));
    expect(toHex(new Uint8Array(sealed.ct))).toBe(v.ciphertext);

    const recipientKey = await crypto.subtle.importKey(
      'pkcs8',
      pkcs8(X25519_PKCS8, v.countyPrivateKey),
      'X25519',
      true,
      ['deriveBits'],
    );
    const opened = await suite.open(
      { recipientKey, enc, info: new TextEncoder().encode(v.info) },
      hex(v.ciphertext),
      header,
    );
    expect(toHex(new Uint8Array(opened))).toBe(v.plaintext);
  });

  it('vector 2: the receipt verifies under the receipt key and names vector 1', async () => {
    const signed = parseSignedReceipt(v.receiptWire);
    expect(signed.signature).toBe(v.receiptSignature);
    const receipt = await verifyReceipt(signed, hex(v.receiptPublicKey));
    expect(receipt).toMatchObject({
      device: parseEnvelope(hex(v.envelope)).header.device,
      epoch: 1,
      seq: 1,
      hash: v.hash,
    });
    const key = await crypto.subtle.importKey('raw', hex(v.receiptPublicKey), 'Ed25519', false, ['verify']);
    expect(
      await crypto.subtle.verify(
        'Ed25519',
        key,
        hex(v.receiptSignature),
        new TextEncoder().encode(v.receiptBytes),
      ),
    ).toBe(true);
  });

  it('the document is what the generator writes today', () => {
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/sync-vectors.ts', '--check'], { cwd: root });
  });
});
