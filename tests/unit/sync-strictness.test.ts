// docs/sync-format.md § Strictness: every rule a reader must enforce, each with the input that breaks it.
// JSON (change lines and the receipt wrapper), number forms, calendar instants, the one gzip member of a
// batch body, and the Ed25519 key and signature checks.
import { generateKeyPairSync, sign } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  enrolRequestSchema,
  parseChangeLines,
  parseSignedReceipt,
  serializeSignedReceipt,
  signReceipt,
  SyncFormatError,
  generateSigningKeyPair,
} from '../../src/shared/sync';
import { verifyBytes } from '../../src/shared/sync/keys';
import { isStrictEd25519PublicKey } from '../../src/shared/sync/ed25519-checks';
import { gunzipOneMember } from '../../src/server/ingest/strict-gzip';

const ID = '0190a7c2-0000-7000-8000-00000000002a';
const GOOD = `{"seq":41,"table":"referrals","id":"${ID}","op":"update","version":3,"changedAt":"2026-11-23T08:29:58.114Z","row":{"id":"${ID}","hours":1.5,"note":"第一行\\n\\"引号\\"\\ud83d\\ude00"}}`;

function codeOf(work: () => unknown): string {
  try {
    work();
    return 'OK';
  } catch (e) {
    if (e instanceof SyncFormatError) return e.code;
    throw e;
  }
}
const read = (line: string) => codeOf(() => parseChangeLines(new TextEncoder().encode(`${line}\n`), 1));

describe('change lines: JSON', () => {
  it('accepts the desk form, with escapes, a surrogate pair and a fractional row value', () => {
    expect(read(GOOD)).toBe('OK');
    const [change] = parseChangeLines(new TextEncoder().encode(`${GOOD}\n`), 1);
    expect(change?.row['note']).toBe('第一行\n"引号"😀');
  });

  it.each([
    ['space between tokens', GOOD.replace('"seq":41', '"seq": 41')],
    ['tab inside the row', GOOD.replace('"hours":1.5', '"hours":\t1.5')],
    ['a CR at the end', `${GOOD}\r`],
    ['a duplicate top-level key', GOOD.replace('"op":"update"', '"op":"update","op":"delete"')],
    ['a duplicate key in the row', GOOD.replace('"hours":1.5', '"hours":1.5,"hours":2')],
    ['a duplicate key written with an escape', GOOD.replace('"hours":1.5', '"hours":1.5,"\\u0068ours":2')],
    ['seq as 41.0', GOOD.replace('"seq":41', '"seq":41.0')],
    ['seq as 4.1e1', GOOD.replace('"seq":41', '"seq":4.1e1')],
    ['version with a leading zero', GOOD.replace('"version":3', '"version":03')],
    ['version as -0', GOOD.replace('"version":3', '"version":-0')],
    ['a number with a plus sign', GOOD.replace('"hours":1.5', '"hours":+1.5')],
    ['a number with a bare dot', GOOD.replace('"hours":1.5', '"hours":1.')],
    ['a number out of double range', GOOD.replace('"hours":1.5', '"hours":1e400')],
    ['a raw control character in a string', GOOD.replace('第一行', '第一\u0001行')],
    ['a bad escape', GOOD.replace('\\n', '\\x')],
    ['an unpaired surrogate', GOOD.replace('\\ude00', '')],
    ['text after the object', `${GOOD}{}`],
  ])('refuses %s', (_what, line) => {
    expect(read(line)).toBe('MALFORMED');
  });
});

describe('change lines: calendar instants', () => {
  const at = (instant: string) => read(GOOD.replace('2026-11-23T08:29:58.114Z', instant));
  it('accepts real instants with 0 to 9 fraction digits, 29 February of a leap year', () => {
    for (const ok of ['2024-02-29T23:59:59Z', '2026-11-23T08:29:58.1Z', '2000-02-29T00:00:00.123456789Z'])
      expect(at(ok), ok).toBe('OK');
  });
  it('refuses dates and times that do not exist, and too many fraction digits', () => {
    for (const bad of [
      '2026-02-29T00:00:00Z',
      '1900-02-29T00:00:00Z',
      '2026-04-31T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-11-23T24:00:00Z',
      '2026-11-23T08:60:00Z',
      '2016-12-31T23:59:60Z',
      '0000-01-01T00:00:00Z',
      '2026-11-23T08:29:58.1234567890Z',
      '2026-11-23T08:29:58.Z',
    ])
      expect(at(bad), bad).toBe('MALFORMED');
  });
});

describe('the receipt wrapper', () => {
  it('allows whitespace between tokens but refuses duplicate keys and non-integer counters', async () => {
    const keys = await generateSigningKeyPair();
    const signed = await signReceipt(
      { v: 1, device: ID, epoch: 1, seq: 7, hash: 'ab'.repeat(32), receivedAt: '2026-11-23T08:31:02.120Z' },
      keys.privateKey,
    );
    const wire = serializeSignedReceipt(signed);
    expect(parseSignedReceipt(wire)).toEqual(signed);
    expect(
      parseSignedReceipt(
        ` {\n "receipt" : ${JSON.stringify(signed.receipt, null, 2)},\r\n"signature":"${signed.signature}"} `,
      ),
    ).toEqual(signed);
    expect(codeOf(() => parseSignedReceipt(wire.replace('"seq":7', '"seq":7.0')))).toBe('MALFORMED');
    expect(codeOf(() => parseSignedReceipt(wire.replace('"seq":7', '"seq":7,"seq":8')))).toBe('MALFORMED');
    expect(codeOf(() => parseSignedReceipt(wire.replace('{"receipt"', '{"signature":"00","receipt"')))).toBe(
      'MALFORMED',
    );
  });
});

describe('the batch body is one gzip member', () => {
  const text = Buffer.from(`${GOOD}\n`);
  const member = gzipSync(text);
  const gun = (bytes: Buffer) => codeOf(() => gunzipOneMember(bytes, 1 << 20));
  it('reads one member, header options included', () => {
    expect(gunzipOneMember(member, 1 << 20).toString()).toBe(text.toString());
    // FNAME set, as the gzip tool writes it: a name field to skip.
    const named = Buffer.concat([
      member.subarray(0, 3),
      Buffer.from([0x08]),
      member.subarray(4, 10),
      Buffer.from('x.txt\0'),
      member.subarray(10),
    ]);
    expect(gunzipOneMember(named, 1 << 20).toString()).toBe(text.toString());
  });
  it.each([
    ['a second member', () => Buffer.concat([member, gzipSync('x\n')])],
    ['trailing zero bytes', () => Buffer.concat([member, Buffer.alloc(4)])],
    ['trailing garbage', () => Buffer.concat([member, Buffer.from('junk')])],
    ['a cut trailer', () => member.subarray(0, member.length - 3)],
    [
      'a wrong CRC-32',
      () =>
        Buffer.concat([
          member.subarray(0, member.length - 8),
          Buffer.alloc(4),
          member.subarray(member.length - 4),
        ]),
    ],
    ['a wrong size', () => Buffer.concat([member.subarray(0, member.length - 4), Buffer.from([9, 9, 9, 9])])],
    [
      'reserved flag bits',
      () => Buffer.concat([member.subarray(0, 3), Buffer.from([0x20]), member.subarray(4)]),
    ],
    ['not gzip at all', () => Buffer.from(`${GOOD}\n`)],
  ])('refuses %s', (_what, make) => {
    expect(gun(make())).toBe('MALFORMED');
  });
});

describe('Ed25519 keys and signatures', () => {
  const hex = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));
  const SMALL_ORDER = [
    '0100000000000000000000000000000000000000000000000000000000000000',
    'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
    '0000000000000000000000000000000000000000000000000000000000000000',
    '0000000000000000000000000000000000000000000000000000000000000080',
    'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
    'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa',
    '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
    '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85',
  ];
  const NON_CANONICAL = 'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f'; // y = p

  it('refuses small-order and non-canonical public keys, at verification and at enrolment', async () => {
    for (const key of [...SMALL_ORDER, NON_CANONICAL]) {
      expect(isStrictEd25519PublicKey(hex(key)), key).toBe(false);
      await expect(verifyBytes(hex(key), new Uint8Array(64), new Uint8Array(1))).rejects.toMatchObject({
        code: 'BAD_KEY',
      });
      expect(enrolRequestSchema.safeParse({ secret: 'ab'.repeat(16), devicePublicKey: key }).success).toBe(
        false,
      );
    }
    const real = await generateSigningKeyPair();
    expect(isStrictEd25519PublicKey(real.publicKey)).toBe(true);
  });

  it('refuses a signature whose S is not reduced (S + L), though the equation would hold', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const raw = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }).subarray(12));
    const message = new TextEncoder().encode('batch');
    const signature = new Uint8Array(sign(null, message, privateKey));
    expect(await verifyBytes(raw, signature, message)).toBe(true);
    const L = 2n ** 252n + 27742317777372353535851937790883648493n;
    let s = 0n;
    for (let i = 63; i >= 32; i -= 1) s = (s << 8n) | BigInt(signature[i] as number);
    s += L;
    const forged = signature.slice();
    for (let i = 32; i < 64; i += 1) {
      forged[i] = Number(s & 0xffn);
      s >>= 8n;
    }
    if (s === 0n) expect(await verifyBytes(raw, forged, message)).toBe(false);
  });
});
