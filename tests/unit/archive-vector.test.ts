// The test vectors printed in docs/archive-format.md § Test vectors, read from the DOCUMENT (as an
// independent implementer would) and checked three ways: against the generator (the document cannot drift
// from the code); by a from-scratch reader written here from the document's rules with nothing but
// node:crypto; and through the desk's own reader (src/main/desk/sealed-file.ts).
import { execFileSync } from 'node:child_process';
import { createDecipheriv, createHash, hkdfSync, scryptSync, timingSafeEqual } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  keyFromDatabaseKey,
  keyFromPassphrase,
  readSealedHeader,
  verifySealedFile,
} from '../../src/main/desk/sealed-file';
import { tempDir } from '../support/tmp';

const root = resolve(__dirname, '../..');
const doc = readFileSync(resolve(root, 'docs/archive-format.md'), 'utf8');
const section = doc.slice(doc.indexOf('<!-- vectors:begin'), doc.indexOf('<!-- vectors:end -->'));
const vector1 = section.slice(section.indexOf('### Vector 1'), section.indexOf('### Vector 2')).split('\n');
const vector2 = section.slice(section.indexOf('### Vector 2')).split('\n');

/** The backticked value at the end of the list item that starts with `label`. */
function field(lines: string[], label: string): string {
  const line = lines.find((l) => l.startsWith(`- ${label}`));
  const value = line ? /`([^`]*)`\s*$/.exec(line)?.[1] : undefined;
  if (value === undefined) throw new Error(`docs/archive-format.md § Test vectors has no "${label}"`);
  return value;
}

/** A backticked value inside the list item that starts with `label`, just after `before`. */
function inline(lines: string[], label: string, before: string): string {
  const line = lines.find((l) => l.startsWith(`- ${label}`)) ?? '';
  const at = line.indexOf(before);
  const value = at >= 0 ? /^`([^`]*)`/.exec(line.slice(at + before.length))?.[1] : undefined;
  if (value === undefined) throw new Error(`no "${before}" in "${label}"`);
  return value;
}

/** The fenced block after the list item starting with `label`, without its indentation. */
function block(lines: string[], label: string): string[] {
  const at = lines.findIndex((l) => l.startsWith(`- ${label}`));
  const open = lines.findIndex((l, i) => i > at && l.trim().startsWith('```'));
  const close = lines.findIndex((l, i) => i > open && l.trim() === '```');
  if (at < 0 || open < 0 || close < 0) throw new Error(`no block after "${label}"`);
  return lines.slice(open + 1, close).map((l) => l.replace(/^ {2}/, ''));
}

const unhex = (text: string): Buffer => {
  if (!/^([0-9a-f]{2})*$/.test(text)) throw new Error('bad hex in vector');
  return Buffer.from(text, 'hex');
};
const hkdf = (ikm: Buffer, salt: Buffer, info: string, length: number): Buffer =>
  Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from(info, 'ascii'), length));

interface Chunk {
  word: string;
  nonce: string;
  aad: string;
  tag: string;
}

/**
 * A minimal reader written from the document alone: the byte layout, the nonce and AAD rules, the
 * content-key and check derivations. It returns every intermediate value, so each can be compared with
 * what the document prints.
 */
function readFromSpec(file: Buffer, master: Buffer) {
  expect(file.subarray(0, 8).toString('ascii')).toBe('CDSEALED');
  const headerLength = file.readUInt32BE(8);
  const headerBytes = file.subarray(12, 12 + headerLength);
  const header = JSON.parse(headerBytes.toString('utf8')) as { check: string; chunkBytes: number };
  const digest = createHash('sha256')
    .update(file.subarray(0, 12 + headerLength))
    .digest();
  const contentKey = hkdf(master, Buffer.alloc(0), 'counseldesk sealed content v1', 32);
  const check = hkdf(master, Buffer.alloc(0), 'counseldesk sealed check v1', 16);
  expect(timingSafeEqual(check, Buffer.from(header.check, 'base64'))).toBe(true);
  const chunks: Chunk[] = [];
  const plain: Buffer[] = [];
  let at = 12 + headerLength;
  let final = false;
  for (let i = 0; !final; i++) {
    const word = file.readUInt32BE(at);
    final = word >>> 31 === 1;
    const length = word & 0x7fff_ffff;
    if (!final) expect(length).toBe(header.chunkBytes);
    const nonce = Buffer.concat([Buffer.alloc(4), u64(i)]);
    const aad = Buffer.concat([digest, u64(i), Buffer.from([final ? 1 : 0])]);
    const data = file.subarray(at + 4, at + 4 + length);
    const tag = file.subarray(at + 4 + length, at + 4 + length + 16);
    const decipher = createDecipheriv('aes-256-gcm', contentKey, nonce, { authTagLength: 16 });
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    plain.push(decipher.update(data), decipher.final());
    chunks.push({
      word: file.subarray(at, at + 4).toString('hex'),
      nonce: nonce.toString('hex'),
      aad: aad.toString('hex'),
      tag: tag.toString('hex'),
    });
    at += 4 + length + 16;
  }
  expect(at).toBe(file.length);
  return {
    headerText: headerBytes.toString('utf8'),
    digest,
    contentKey,
    check,
    chunks,
    content: Buffer.concat(plain),
  };
}

function u64(n: number): Buffer {
  const out = Buffer.alloc(8);
  out.writeBigUInt64BE(BigInt(n));
  return out;
}

/** What the document prints for one vector, beyond its key inputs. */
function printed(lines: string[]) {
  const chunks: Chunk[] = [];
  for (let i = 0; lines.some((l) => l.startsWith(`- Chunk ${i} `)); i++) {
    const name = lines.find((l) => l.startsWith(`- Chunk ${i} `))?.includes('(final)')
      ? `Chunk ${i} (final)`
      : `Chunk ${i}`;
    chunks.push({
      word: field(lines, `${name} at offset`),
      nonce: field(lines, `${name} nonce`),
      aad: field(lines, `${name} AAD`),
      tag: field(lines, `${name} tag`),
    });
  }
  return {
    master: unhex(field(lines, 'Master key')),
    contentKey: field(lines, 'Content key'),
    check: field(lines, 'Check value'),
    checkBase64: inline(lines, 'Check value', 'base64 '),
    chunkBytes: Number(field(lines, '`chunkBytes`')),
    header: block(lines, 'Header (')[0] as string,
    digest: field(lines, 'Header digest'),
    content: `${block(lines, 'Content (').join('\n')}\n`,
    contentSha256: inline(lines, 'Content (', 'SHA-256 '),
    chunks,
    file: unhex(block(lines, 'The file (').join('')),
    fileSha256: inline(lines, 'The file (', 'SHA-256 '),
  };
}

const v1 = printed(vector1);
const v2 = printed(vector2);
const passphrase = JSON.parse(field(vector1, 'Passphrase as typed')) as string;
const files = tempDir('counseldesk-archive-vectors-');
afterAll(() => files.cleanup());

describe('sealed file test vectors (docs/archive-format.md)', () => {
  it('are what scripts/archive-vectors.ts writes today', () => {
    execFileSync(join(root, 'node_modules/.bin/tsx'), ['scripts/archive-vectors.ts', '--check'], {
      cwd: root,
      stdio: 'pipe',
    });
  }, 60_000);

  it('vector 1 (case archive) decrypts from the document alone: scrypt, HKDF, nonces, AAD, every chunk', () => {
    const nfc = passphrase.normalize('NFC');
    expect(nfc).not.toBe(passphrase);
    expect(nfc).toBe(field(vector1, 'Passphrase in NFC'));
    const secret = Buffer.from(nfc, 'utf8');
    expect(secret.toString('hex')).toBe(field(vector1, 'Passphrase bytes'));
    const N = Number(field(vector1, 'scrypt `N`'));
    expect(field(vector1, 'scrypt `r`, `p`')).toBe('8, 1');
    const salt = unhex(field(vector1, 'Salt'));
    const master = scryptSync(secret, salt, 32, { N, r: 8, p: 1, maxmem: 256 * N * 8 });
    expect(master.toString('hex')).toBe(v1.master.toString('hex'));
    expectVector(v1, readFromSpec(v1.file, master));
    const header = JSON.parse(v1.header) as { kdf: { N: number; salt: string } };
    expect(header.kdf.N).toBe(N);
    expect(Buffer.from(header.kdf.salt, 'base64').equals(salt)).toBe(true);
  });

  it('vector 2 (desk backup) decrypts from the document alone: HKDF of the database key, every chunk', () => {
    const dbKey = unhex(field(vector2, 'Database key'));
    const salt = unhex(field(vector2, 'Salt'));
    const master = hkdf(dbKey, salt, 'counseldesk desk-backup v1', 32);
    expect(master.toString('hex')).toBe(v2.master.toString('hex'));
    expectVector(v2, readFromSpec(v2.file, master));
    const header = JSON.parse(v2.header) as { salt: string; keyring: unknown };
    expect(Buffer.from(header.salt, 'base64').equals(salt)).toBe(true);
    expect(typeof header.keyring).toBe('object');
  });

  it('both open through the desk reader, with the key derived from the printed inputs', async () => {
    const path1 = join(files.dir, 'vector-1.cdar');
    const path2 = join(files.dir, 'vector-2.cdbk');
    writeFileSync(path1, v1.file);
    writeFileSync(path2, v2.file);
    const h1 = await readSealedHeader(path1, 'case-archive');
    const k1 = await keyFromPassphrase(h1, passphrase);
    expect(await verifySealedFile(path1, k1)).toEqual({
      contentSha256: v1.contentSha256,
      plaintextBytes: Buffer.byteLength(v1.content),
    });
    const h2 = await readSealedHeader(path2, 'desk-backup');
    const k2 = keyFromDatabaseKey(h2, unhex(field(vector2, 'Database key')));
    expect(await verifySealedFile(path2, k2)).toEqual({
      contentSha256: v2.contentSha256,
      plaintextBytes: Buffer.byteLength(v2.content),
    });
  });
});

function expectVector(v: ReturnType<typeof printed>, read: ReturnType<typeof readFromSpec>): void {
  expect(createHash('sha256').update(v.file).digest('hex')).toBe(v.fileSha256);
  expect(read.headerText).toBe(v.header);
  expect(read.digest.toString('hex')).toBe(v.digest);
  expect(read.contentKey.toString('hex')).toBe(v.contentKey);
  expect(read.check.toString('hex')).toBe(v.check);
  expect(read.check.toString('base64')).toBe(v.checkBase64);
  expect(read.content.toString('utf8')).toBe(v.content);
  expect(createHash('sha256').update(read.content).digest('hex')).toBe(v.contentSha256);
  // Two full chunks and the final one, each with the printed word, nonce, AAD and tag.
  expect(read.chunks).toEqual(v.chunks);
  expect(read.chunks.map((c) => c.word)).toEqual([
    (v.chunkBytes >>> 0).toString(16).padStart(8, '0'),
    (v.chunkBytes >>> 0).toString(16).padStart(8, '0'),
    (0x8000_0000 + Buffer.byteLength(v.content) - 2 * v.chunkBytes).toString(16),
  ]);
}
