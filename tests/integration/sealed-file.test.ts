// The sealed file container (docs/archive-format.md) on real files: round trips of every shape, every
// single-byte tamper, every truncation, trailing bytes, wrong secrets, foreign and newer files, files that
// are not files, a cancelled write, a missing or read-only folder and a full disk (a real 64 KiB tmpfs
// when this machine lets root mount one).
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeHeader } from '../../src/main/desk/sealed-header';
import { TEST_SCRYPT_COST } from '../support/key-cost';
import { tempDir } from '../support/tmp';
import { seededRandom } from '../support/workload-generator';
import {
  databaseKeySealingKey,
  keyFromDatabaseKey,
  keyFromPassphrase,
  passphraseSealingKey,
  readSealedContent,
  readSealedHeader,
  SealedFileError,
  sealedWriteError,
  verifySealedFile,
  writeSealedFile,
  type SealedFileErrorCode,
  type SealingKey,
} from '../../src/main/desk/sealed-file';

const DB_KEY = createHash('sha256').update('sealed-file test database key').digest();
const KEYRING = { format: 'counseldesk-keyring', version: 2, slots: [] };
const PASSPHRASE = '正确 马 电池 订书钉 sealed';
const CHUNK = 1024;

const files = tempDir('counseldesk-sealed-');
afterAll(() => files.cleanup());
let folderCount = 0;
/** A new empty folder for one write. */
function folder(): string {
  const dir = join(files.dir, `f${++folderCount}`);
  mkdirSync(dir);
  return dir;
}

const backupKey = (chunkBytes = CHUNK): SealingKey => databaseKeySealingKey(DB_KEY, KEYRING, { chunkBytes });

/** `content` cut into pieces of random sizes (1 … 3000 bytes), so chunks never line up with pieces. */
function* pieces(content: Buffer, seed = 1): Generator<Buffer> {
  const random = seededRandom(seed);
  for (let at = 0; at < content.length;) {
    const size = 1 + Math.floor(random() * 3000);
    yield content.subarray(at, at + size);
    at += size;
  }
}

/** Reads a file the way an import or a restore does: header, key from the secret, every chunk. */
async function openAll(path: string, secret: { dbKey: Buffer } | { passphrase: string }): Promise<Buffer> {
  const header = await readSealedHeader(path);
  const key =
    'dbKey' in secret
      ? keyFromDatabaseKey(header, secret.dbKey)
      : await keyFromPassphrase(header, secret.passphrase);
  const out: Buffer[] = [];
  for await (const chunk of readSealedContent(path, key)) out.push(chunk);
  return Buffer.concat(out);
}

/** The SealedFileError code a promise rejects with, or 'OK'. */
async function codeOf(promise: Promise<unknown>): Promise<SealedFileErrorCode | 'OK'> {
  try {
    await promise;
    return 'OK';
  } catch (e) {
    if (e instanceof SealedFileError) return e.code;
    throw e;
  }
}

/** Offsets of the chunks of a well-formed file: [start, length L, final]. */
function chunkLayout(file: Buffer): { at: number; length: number; final: boolean }[] {
  const out = [];
  let at = 12 + file.readUInt32BE(8);
  while (at < file.length) {
    const word = file.readUInt32BE(at);
    const final = word >= 0x8000_0000;
    const length = final ? word - 0x8000_0000 : word;
    out.push({ at, length, final });
    at += 20 + length;
  }
  return out;
}

describe('sealed files: round trips', () => {
  const sizes = [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 517];
  for (const size of sizes) {
    it(`${size} bytes of content (chunkBytes ${CHUNK}) seal, read back and verify, in both kinds`, async () => {
      const content = randomBytes(size);
      const sha = createHash('sha256').update(content).digest('hex');
      for (const kind of ['desk-backup', 'case-archive'] as const) {
        const dir = folder();
        const sealing =
          kind === 'desk-backup'
            ? backupKey()
            : await passphraseSealingKey(PASSPHRASE, { chunkBytes: CHUNK });
        const progress: number[] = [];
        const readBack: [number, number][] = [];
        const name = kind === 'desk-backup' ? 'b.cdbk' : 'a.cdar';
        const written = await writeSealedFile(dir, name, sealing, pieces(content, size), {
          onProgress: (n) => progress.push(n),
          onReadBack: (read, bytes) => readBack.push([read, bytes]),
        });
        expect(readdirSync(dir)).toEqual([name]);
        expect(written).toEqual({
          path: join(dir, name),
          bytes: statSync(written.path).size,
          contentSha256: sha,
        });
        const file = readFileSync(written.path);
        // Full chunks, then the rest in the final one (a multiple of chunkBytes ends in a full final chunk).
        const full = size === 0 ? 0 : Math.ceil(size / CHUNK) - 1;
        expect(chunkLayout(file).map((c) => [c.length, c.final])).toEqual([
          ...Array.from({ length: full }, () => [CHUNK, false]),
          [size - full * CHUNK, true],
        ]);
        expect(file.length).toBe(12 + file.readUInt32BE(8) + (full + 1) * 20 + size);
        expect(progress.at(-1)).toBe(size);
        expect(progress).toEqual([...progress].sort((a, b) => a - b));
        // The read-back reports every verified chunk, of the whole file, up to its last byte.
        expect(readBack).toHaveLength(full + 1);
        expect(readBack.every(([, bytes]) => bytes === written.bytes)).toBe(true);
        expect(readBack.map(([read]) => read)).toEqual(
          [...readBack.map(([read]) => read)].sort((a, b) => a - b),
        );
        expect(readBack.at(-1)).toEqual([written.bytes, written.bytes]);
        const secret = kind === 'desk-backup' ? { dbKey: DB_KEY } : { passphrase: PASSPHRASE };
        expect((await openAll(written.path, secret)).equals(content)).toBe(true);
      }
    });
  }

  it('the default chunk size (1 MiB) and the desk scrypt cost of this suite (keyring.ts) are used', async () => {
    const content = randomBytes(2.5 * 1024 * 1024);
    const sealing = await passphraseSealingKey(PASSPHRASE);
    expect(sealing.header).toMatchObject({
      kdf: { N: TEST_SCRYPT_COST.N, r: 8, p: 1 },
      chunkBytes: 1024 * 1024,
    });
    const dir = folder();
    const written = await writeSealedFile(dir, 'big.cdar', sealing, [content]);
    const reads: [number, number][] = [];
    const header = await readSealedHeader(written.path, 'case-archive');
    const key = await keyFromPassphrase(header, PASSPHRASE);
    const out: Buffer[] = [];
    for await (const chunk of readSealedContent(written.path, key, {
      onProgress: (a, b) => reads.push([a, b]),
    }))
      out.push(chunk);
    expect(Buffer.concat(out).equals(content)).toBe(true);
    expect(out.map((c) => c.length)).toEqual([1024 * 1024, 1024 * 1024, 512 * 1024]);
    expect(reads.at(-1)).toEqual([written.bytes, written.bytes]);
    expect(await verifySealedFile(written.path, key)).toEqual({
      contentSha256: written.contentSha256,
      plaintextBytes: content.length,
    });
  });

  it('no plaintext of the content appears anywhere in the file', async () => {
    const secretText = '张三丰 身份证 110101199003074512 家庭暴力 interview notes: 双方同意再谈一次\n';
    const content = Buffer.from(secretText.repeat(200), 'utf8');
    for (const sealing of [backupKey(), await passphraseSealingKey(PASSPHRASE, { chunkBytes: CHUNK })]) {
      const written = await writeSealedFile(folder(), 'x.cdbk', sealing, [content]);
      const file = readFileSync(written.path);
      for (const needle of ['张三丰', '110101199003074512', '家庭暴力', 'interview notes', '双方同意'])
        expect(file.includes(Buffer.from(needle, 'utf8')), needle).toBe(false);
    }
  });
});

describe('sealed files: headers and secrets', () => {
  it('reads the typed header, refuses the other kind, and tells a wrong secret apart', async () => {
    const backup = await writeSealedFile(folder(), 'b.cdbk', backupKey(), [Buffer.from('backup')]);
    const archive = await writeSealedFile(
      folder(),
      'a.cdar',
      await passphraseSealingKey(PASSPHRASE, { chunkBytes: CHUNK }),
      [Buffer.from('archive')],
    );
    const backupHeader = await readSealedHeader(backup.path, 'desk-backup');
    expect(backupHeader).toMatchObject({
      kind: 'desk-backup',
      suite: 'dbkey-hkdf-aes256gcm',
      keyring: KEYRING,
    });
    const archiveHeader = await readSealedHeader(archive.path, 'case-archive');
    expect(archiveHeader).toMatchObject({ kind: 'case-archive', suite: 'scrypt-hkdf-aes256gcm' });
    expect(await codeOf(readSealedHeader(backup.path, 'case-archive'))).toBe('WRONG_KIND');
    expect(await codeOf(readSealedHeader(archive.path, 'desk-backup'))).toBe('WRONG_KIND');
    expect(await codeOf(keyFromPassphrase(backupHeader, PASSPHRASE))).toBe('WRONG_KIND');
    expect(await codeOf(Promise.resolve().then(() => keyFromDatabaseKey(archiveHeader, DB_KEY)))).toBe(
      'WRONG_KIND',
    );

    expect(await codeOf(keyFromPassphrase(archiveHeader, `${PASSPHRASE} `))).toBe('WRONG_PASSPHRASE');
    expect(await codeOf(keyFromPassphrase(archiveHeader, ''))).toBe('WRONG_PASSPHRASE');
    const otherKey = Buffer.from(DB_KEY);
    otherKey[0] = (otherKey[0] as number) ^ 1;
    expect(await codeOf(Promise.resolve().then(() => keyFromDatabaseKey(backupHeader, otherKey)))).toBe(
      'WRONG_PASSPHRASE',
    );
    // The same passphrase in another Unicode normalization opens the archive (NFC before scrypt).
    const nfd = await writeSealedFile(
      folder(),
      'n.cdar',
      await passphraseSealingKey('Cafe\u0301', { chunkBytes: CHUNK }),
      [Buffer.from('x')],
    );
    expect((await openAll(nfd.path, { passphrase: 'Caf\u00e9' })).toString()).toBe('x');
  });

  it('two files of the same content and secret share no salt, check or ciphertext', async () => {
    const content = Buffer.alloc(2000, 0x41);
    const a = readFileSync((await writeSealedFile(folder(), 'a.cdbk', backupKey(), [content])).path);
    const b = readFileSync((await writeSealedFile(folder(), 'a.cdbk', backupKey(), [content])).path);
    expect(a.length).toBe(b.length);
    const start = 12 + a.readUInt32BE(8);
    expect(a.subarray(start + 4, start + 36).equals(b.subarray(start + 4, start + 36))).toBe(false);
    const ha = JSON.parse(a.subarray(12, start).toString()) as { salt: string; check: string };
    const hb = JSON.parse(b.subarray(12, start).toString()) as { salt: string; check: string };
    expect(ha.salt).not.toBe(hb.salt);
    expect(ha.check).not.toBe(hb.check);
  });

  describe('strict header parsing', () => {
    const base = (): Record<string, unknown> =>
      JSON.parse(JSON.stringify(backupKey().header)) as Record<string, unknown>;
    const baseArchive = async () =>
      JSON.parse(
        JSON.stringify((await passphraseSealingKey(PASSPHRASE, { chunkBytes: CHUNK })).header),
      ) as Record<string, unknown>;
    const fileWith = (headerText: string | Buffer, lengthField?: number): string => {
      const header = Buffer.isBuffer(headerText) ? headerText : Buffer.from(headerText, 'utf8');
      const pre = Buffer.alloc(12);
      pre.write('CDSEALED', 'ascii');
      pre.writeUInt32BE(lengthField ?? header.length, 8);
      const path = join(folder(), 'h.cdbk');
      writeFileSync(path, Buffer.concat([pre, header]));
      return path;
    };

    it('accepts the writer form and refuses every deviation as DAMAGED', async () => {
      const good = JSON.stringify(base());
      expect(await codeOf(readSealedHeader(fileWith(good)))).toBe('OK');
      const archive = await baseArchive();
      expect(await codeOf(readSealedHeader(fileWith(JSON.stringify(archive))))).toBe('OK');
      const kdf = archive.kdf as Record<string, unknown>;
      const variants: Record<string, string | Buffer> = {
        'duplicate key': good.replace('"version":1,', '"version":1,"version":1,'),
        'duplicate key inside the keyring': good.replace('"slots":[]', '"slots":[],"slots":[]'),
        'unknown member': good.replace('"chunkBytes"', '"extra":1,"chunkBytes"'),
        'missing member': JSON.stringify({ ...base(), check: undefined }),
        whitespace: good.replace('"version":1', '"version": 1'),
        'members out of order': JSON.stringify({ version: 1, ...base() }),
        'version as a string': good.replace('"version":1', '"version":"1"'),
        'version 1.0': good.replace('"version":1', '"version":1.0'),
        'version 0': good.replace('"version":1', '"version":0'),
        'chunkBytes 1e3': good.replace(/"chunkBytes":\d+/, '"chunkBytes":1e3'),
        'chunkBytes below 1024': good.replace(/"chunkBytes":\d+/, '"chunkBytes":1023'),
        'chunkBytes above 16 MiB': good.replace(/"chunkBytes":\d+/, `"chunkBytes":${16 * 1024 * 1024 + 1}`),
        'salt of 15 bytes': good.replace(/"salt":"[^"]+"/, `"salt":"${randomBytes(15).toString('base64')}"`),
        'salt not canonical base64': good.replace(/"salt":"([^"]+)=="/, '"salt":"$1"'),
        'keyring not an object': good.replace(/"keyring":\{[^}]*\}/, '"keyring":[]'),
        'wrong suite': good.replace('dbkey-hkdf-aes256gcm', 'scrypt-hkdf-aes256gcm'),
        'unknown kind': good.replace('"desk-backup"', '"case-notes"'),
        'other format': good.replace('counseldesk-sealed', 'counseldesk-sealer'),
        'not an object': '[1]',
        'not JSON': '{"format":',
        'not UTF-8': Buffer.from([0x7b, 0xff, 0x7d]),
        'N not a power of two': JSON.stringify({ ...archive, kdf: { ...kdf, N: 3 * 8192 } }),
        'N 2^21': JSON.stringify({ ...archive, kdf: { ...kdf, N: 2 ** 21 } }),
        'N 2^13': JSON.stringify({ ...archive, kdf: { ...kdf, N: 2 ** 13 } }),
        'r 16': JSON.stringify({ ...archive, kdf: { ...kdf, r: 16 } }),
        'kdf members out of order': JSON.stringify({ ...archive, kdf: { r: kdf.r, ...kdf } }),
      };
      for (const [name, text] of Object.entries(variants))
        expect(await codeOf(readSealedHeader(fileWith(text))), name).toBe('DAMAGED');
      expect(await codeOf(readSealedHeader(fileWith(good, 0))), 'H = 0').toBe('DAMAGED');
      expect(await codeOf(readSealedHeader(fileWith(good, 1024 * 1024 + 1))), 'H > 1 MiB').toBe('DAMAGED');
    });

    it('a newer version is NEWER_FORMAT whatever the rest of its header holds', async () => {
      for (const text of [
        '{"format":"counseldesk-sealed","version":2,"kind":"case-archive"}',
        '{"format":"counseldesk-sealed","version":7,"anything":{"else":[1,2,3]}}',
        JSON.stringify({ ...base(), version: 2 }),
      ])
        expect(await codeOf(readSealedHeader(fileWith(text))), text).toBe('NEWER_FORMAT');
    });

    it('what is not a sealed file is NOT_SEALED', async () => {
      const dir = folder();
      const cases: Record<string, Buffer> = {
        empty: Buffer.alloc(0),
        text: Buffer.from('hello, this is not an archive\n'),
        sqlite: Buffer.concat([Buffer.from('SQLite format 3\0'), randomBytes(100)]),
        random: randomBytes(4096),
        'one byte off the magic': Buffer.concat([Buffer.from('CDSEALEX'), Buffer.alloc(100)]),
      };
      for (const [name, bytes] of Object.entries(cases)) {
        writeFileSync(join(dir, name), bytes);
        expect(await codeOf(readSealedHeader(join(dir, name))), name).toBe('NOT_SEALED');
        expect(await codeOf(verifySealedFile(join(dir, name), DB_KEY)), name).toBe('NOT_SEALED');
      }
    });
  });
});

describe('sealed files: damage', () => {
  const content = randomBytes(3 * CHUNK - 200);
  let file: Buffer;
  let headerEnd: number;
  beforeAll(async () => {
    file = readFileSync((await writeSealedFile(folder(), 'd.cdbk', backupKey(), [content])).path);
    headerEnd = 12 + file.readUInt32BE(8);
  });

  /** Which codes a flipped byte at `offset` may give: its region decides. */
  function allowed(offset: number, layout: ReturnType<typeof chunkLayout>): SealedFileErrorCode[] {
    if (offset < 8) return ['NOT_SEALED'];
    if (offset < 12) return ['DAMAGED', 'TRUNCATED'];
    if (offset < headerEnd) return ['DAMAGED', 'WRONG_PASSPHRASE'];
    const chunk = layout.find((c) => offset >= c.at && offset < c.at + 20 + c.length);
    // A length word that runs past the end reads as a file cut short (docs/archive-format.md § Strict parsing).
    if (chunk && offset < chunk.at + 4) return ['DAMAGED', 'TRUNCATED'];
    return ['DAMAGED'];
  }

  it('every single flipped bit of a desk backup is refused (header, lengths, ciphertext, tags)', async () => {
    const layout = chunkLayout(file);
    expect(layout).toHaveLength(3);
    const path = join(folder(), 't.cdbk');
    const seen = new Map<string, number>();
    for (let offset = 0; offset < file.length; offset++) {
      const bad = Buffer.from(file);
      bad[offset] = (bad[offset] as number) ^ (offset % 2 === 0 ? 0x01 : 0x80);
      writeFileSync(path, bad);
      const code = await codeOf(openAll(path, { dbKey: DB_KEY }));
      expect(allowed(offset, layout), `offset ${offset}: ${code}`).toContain(code);
      seen.set(code, (seen.get(code) ?? 0) + 1);
    }
    // Ciphertext and tag flips (the bulk of the file) are all DAMAGED.
    expect(seen.get('DAMAGED')).toBeGreaterThan(content.length);
  }, 120_000);

  it('every flipped byte of a case archive header is refused', async () => {
    const written = await writeSealedFile(
      folder(),
      'h.cdar',
      await passphraseSealingKey(PASSPHRASE, { chunkBytes: CHUNK }),
      [Buffer.from('{"type":"manifest"}\n')],
    );
    const archive = readFileSync(written.path);
    const end = 12 + archive.readUInt32BE(8);
    const path = join(folder(), 't.cdar');
    const codes = new Set<string>();
    for (let offset = 12; offset < end; offset++) {
      const bad = Buffer.from(archive);
      bad[offset] = (bad[offset] as number) ^ 0x01;
      writeFileSync(path, bad);
      const code = await codeOf(openAll(path, { passphrase: PASSPHRASE }));
      expect(['DAMAGED', 'WRONG_PASSPHRASE'], `offset ${offset}`).toContain(code);
      codes.add(code);
    }
    // A changed salt or check value reads as a wrong passphrase; a changed structure as damage.
    expect([...codes].sort()).toEqual(['DAMAGED', 'WRONG_PASSPHRASE']);
  }, 120_000);

  it('a file cut short anywhere — at every chunk boundary, inside every chunk — is TRUNCATED', async () => {
    const path = join(folder(), 'cut.cdbk');
    const boundaries = chunkLayout(file).map((c) => c.at);
    for (let length = 0; length < file.length; length++) {
      writeFileSync(path, file.subarray(0, length));
      const code = await codeOf(openAll(path, { dbKey: DB_KEY }));
      expect(code, `cut at ${length}${boundaries.includes(length) ? ' (chunk boundary)' : ''}`).toBe(
        length === 0 ? 'NOT_SEALED' : 'TRUNCATED',
      );
    }
  }, 120_000);

  it('bytes after the final chunk, reordered chunks and a moved final flag are DAMAGED', async () => {
    const path = join(folder(), 'x.cdbk');
    const [c0, c1, c2] = chunkLayout(file) as [
      ReturnType<typeof chunkLayout>[0],
      ReturnType<typeof chunkLayout>[0],
      ReturnType<typeof chunkLayout>[0],
    ];
    const slice = (c: typeof c0) => file.subarray(c.at, c.at + 20 + c.length);
    const head = file.subarray(0, headerEnd);
    const movedFinal = Buffer.from(slice(c1));
    movedFinal.writeUInt32BE(0x8000_0000 + CHUNK, 0);
    const variants: Record<string, Buffer> = {
      'one zero byte after': Buffer.concat([file, Buffer.alloc(1)]),
      'the final chunk twice': Buffer.concat([file, slice(c2)]),
      'a whole file after': Buffer.concat([file, file]),
      'chunks 0 and 1 swapped': Buffer.concat([head, slice(c1), slice(c0), slice(c2)]),
      'chunk 1 dropped': Buffer.concat([head, slice(c0), slice(c2)]),
      'chunk 1 marked final, chunk 2 dropped': Buffer.concat([head, slice(c0), movedFinal]),
      // Another backup under the same database key: its header (another salt) cannot adopt these chunks.
      'header of another backup': Buffer.concat([sealedHead(backupKey()), file.subarray(headerEnd)]),
    };
    for (const [name, bytes] of Object.entries(variants)) {
      writeFileSync(path, bytes);
      const code = await codeOf(openAll(path, { dbKey: DB_KEY }));
      expect(code, name).toBe('DAMAGED');
    }
  });
});

describe('sealed files: what is not a regular file', () => {
  it('a FIFO, a directory, a device, a missing file and a huge sparse file are UNREADABLE, at once', async () => {
    const dir = folder();
    const fifo = join(dir, 'pipe.cdbk');
    execFileSync('mkfifo', [fifo]);
    const sparse = join(dir, 'sparse.cdbk');
    writeFileSync(sparse, readFileSync((await writeSealedFile(folder(), 's.cdbk', backupKey(), [])).path));
    truncateSync(sparse, 65 * 1024 ** 3);
    for (const path of [fifo, dir, '/dev/zero', join(dir, 'missing.cdbk'), sparse]) {
      expect(await codeOf(readSealedHeader(path)), path).toBe('UNREADABLE');
      expect(await codeOf(verifySealedFile(path, DB_KEY)), path).toBe('UNREADABLE');
    }
  });

  it('error messages name no path', async () => {
    const missing = join(files.dir, 'personal-名字', 'x.cdbk');
    const error = await readSealedHeader(missing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SealedFileError);
    expect((error as Error).message).not.toContain('名字');
    expect((error as Error).message).not.toContain(files.dir);
    const failed = await writeSealedFile(join(files.dir, 'personal-名字'), 'x.cdbk', backupKey(), []).catch(
      (e: unknown) => e,
    );
    expect((failed as SealedFileError).code).toBe('WRITE_FAILED');
    expect((failed as Error).message).not.toContain('名字');
  });
});

describe('sealed files: writing fails cleanly', () => {
  it('a cancel mid-write, before the start and during the read-back leaves nothing in the folder', async () => {
    const content = randomBytes(20 * CHUNK);
    for (const at of ['start', 'middle', 'read-back'] as const) {
      const dir = folder();
      const controller = new AbortController();
      if (at === 'start') controller.abort();
      const code = await codeOf(
        writeSealedFile(dir, 'c.cdbk', backupKey(), pieces(content), {
          signal: controller.signal,
          onProgress: (n) => {
            if (at === 'middle' && n >= 5 * CHUNK) controller.abort();
            // The last progress call comes after the final chunk is written, before sync and read-back.
            if (at === 'read-back' && n === content.length) controller.abort();
          },
        }),
      );
      expect(code, at).toBe('CANCELLED');
      expect(readdirSync(dir), at).toEqual([]);
    }
  });

  it('a reader cancelled mid-file stops with CANCELLED', async () => {
    const written = await writeSealedFile(folder(), 'r.cdbk', backupKey(), [randomBytes(10 * CHUNK)]);
    const controller = new AbortController();
    let chunks = 0;
    const code = await codeOf(
      (async () => {
        for await (const _ of readSealedContent(written.path, backupKeyFor(written.path), {
          signal: controller.signal,
        })) {
          chunks += 1;
          if (chunks === 3) controller.abort();
        }
      })(),
    );
    expect(code).toBe('CANCELLED');
    expect(chunks).toBe(3);
  });

  it("the content source's own error is rethrown as it is, and nothing is left", async () => {
    const dir = folder();
    const boom = new Error('source failed');
    async function* failing(): AsyncGenerator<Buffer> {
      yield randomBytes(3 * CHUNK);
      throw boom;
    }
    await expect(writeSealedFile(dir, 'e.cdbk', backupKey(), failing())).rejects.toBe(boom);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('an existing file is never replaced; a stale .partial of the same name is', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'same.cdbk'), 'earlier file');
    expect(await codeOf(writeSealedFile(dir, 'same.cdbk', backupKey(), [Buffer.from('x')]))).toBe(
      'WRITE_FAILED',
    );
    expect(readFileSync(join(dir, 'same.cdbk'), 'utf8')).toBe('earlier file');
    expect(readdirSync(dir)).toEqual(['same.cdbk']);
    writeFileSync(join(dir, 'new.cdbk.partial'), 'left by a writer that died');
    await writeSealedFile(dir, 'new.cdbk', backupKey(), [Buffer.from('x')]);
    expect(readdirSync(dir).sort()).toEqual(['new.cdbk', 'same.cdbk']);
  });

  it('a missing folder, or a file where the folder should be, is WRITE_FAILED', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'plain-file'), 'x');
    expect(await codeOf(writeSealedFile(join(dir, 'gone'), 'a.cdbk', backupKey(), []))).toBe('WRITE_FAILED');
    expect(await codeOf(writeSealedFile(join(dir, 'plain-file'), 'a.cdbk', backupKey(), []))).toBe(
      'WRITE_FAILED',
    );
    expect(readdirSync(dir)).toEqual(['plain-file']);
  });

  it('a file name with a folder in it is a programming error', async () => {
    for (const name of ['../a.cdbk', 'sub/a.cdbk', 'sub\\a.cdbk', '', '.', '..'])
      await expect(writeSealedFile(folder(), name, backupKey(), []), name).rejects.toThrow(
        'sealed file name must be a plain file name',
      );
  });

  it('OS errors map to DISK_FULL (ENOSPC, EDQUOT) and WRITE_FAILED (the rest), without their message', () => {
    const os = (code: string) => Object.assign(new Error(`${code}: /media/usb/张三.cdar`), { code });
    expect(sealedWriteError(os('ENOSPC')).code).toBe('DISK_FULL');
    expect(sealedWriteError(os('EDQUOT')).code).toBe('DISK_FULL');
    for (const code of ['EIO', 'ENOENT', 'EACCES', 'EROFS', 'EPERM', 'ENXIO']) {
      const mapped = sealedWriteError(os(code));
      expect(mapped.code, code).toBe('WRITE_FAILED');
      expect(mapped.osCode).toBe(code);
      expect(mapped.message).not.toContain('张三');
    }
  });

  describe('on a real small or read-only file system (tmpfs; root only)', () => {
    const mounts: string[] = [];
    const mount = (options: string): string | null => {
      const dir = folder();
      try {
        execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'pipe' });
      } catch {
        return null;
      }
      mounts.push(dir);
      return dir;
    };
    afterAll(() => {
      for (const dir of mounts) execFileSync('umount', [dir]);
    });

    it('a full disk is DISK_FULL and leaves nothing behind; a read-only one is WRITE_FAILED', async () => {
      const small = mount('size=64k');
      if (!small) {
        // No mount here (not root, or no CAP_SYS_ADMIN): the mapping above is what stands for the disk.
        expect(sealedWriteError(Object.assign(new Error('x'), { code: 'ENOSPC' })).code).toBe('DISK_FULL');
        return;
      }
      expect(
        await codeOf(writeSealedFile(small, 'full.cdbk', backupKey(), pieces(randomBytes(400 * 1024)))),
      ).toBe('DISK_FULL');
      expect(readdirSync(small)).toEqual([]);
      // The same folder takes a file that fits afterwards.
      await writeSealedFile(small, 'fits.cdbk', backupKey(), [randomBytes(8 * 1024)]);
      expect(readdirSync(small)).toEqual(['fits.cdbk']);

      const readOnly = mount('ro,size=64k');
      expect(readOnly).not.toBeNull();
      expect(
        await codeOf(writeSealedFile(readOnly as string, 'ro.cdbk', backupKey(), [Buffer.from('x')])),
      ).toBe('WRITE_FAILED');
    });
  });
});

/** Magic, H and header of a file sealed with `sealing`. */
function sealedHead(sealing: SealingKey): Buffer {
  const header = encodeHeader(sealing.header);
  const pre = Buffer.alloc(12);
  pre.write('CDSEALED', 'ascii');
  pre.writeUInt32BE(header.length, 8);
  return Buffer.concat([pre, header]);
}

function backupKeyFor(path: string): Buffer {
  const file = readFileSync(path);
  const header = JSON.parse(file.subarray(12, 12 + file.readUInt32BE(8)).toString()) as never;
  return keyFromDatabaseKey(header, DB_KEY);
}
