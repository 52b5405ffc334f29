import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { basename, join } from 'node:path';
import {
  CHUNK_WORD_BYTES,
  chunkAad,
  chunkNonce,
  encodeHeader,
  FINAL_FLAG,
  headerDigest,
  MAX_HEADER_BYTES,
  MAX_SEALED_FILE_BYTES,
  parseHeader,
  preamble,
  PREAMBLE_BYTES,
  SEALED_MAGIC,
  SealedFileError,
  TAG_BYTES,
  type SealedHeader,
  type SealedKind,
} from './sealed-header';
import type { SealingKey } from './sealed-key';

/*
 * Sealed files: the encrypted container of case archives (.cdar) and desk backups (.cdbk), specified in
 * docs/archive-format.md. The content streams through in chunks of `chunkBytes` (AES-256-GCM each, nonce
 * and associated data bound to the chunk's position, to whether it is the last, and to the header), so
 * memory stays bounded however large the content, and a reader can tell a damaged file from a truncated one.
 */

export {
  CASE_ARCHIVE_EXTENSION,
  DESK_BACKUP_EXTENSION,
  isSealedFileError,
  SealedFileError,
} from './sealed-header';
export type {
  CaseArchiveHeader,
  DeskBackupHeader,
  SealedFileErrorCode,
  SealedHeader,
  SealedKind,
} from './sealed-header';
export {
  databaseKeySealingKey,
  keyFromDatabaseKey,
  keyFromPassphrase,
  passphraseSealingKey,
} from './sealed-key';
export type { SealingKey, SealingOptions } from './sealed-key';

export interface WriteSealedOptions {
  signal?: AbortSignal;
  /** Called after each chunk is written, with the plaintext bytes sealed so far. */
  onProgress?: (plaintextBytes: number) => void;
  /** Called after each chunk of the read-back is verified, with the file bytes read and the file's size. */
  onReadBack?: (fileBytesRead: number, fileBytes: number) => void;
}

export interface ReadSealedOptions {
  signal?: AbortSignal;
  /** Called after each chunk is verified, with the file bytes read so far and the file's size. */
  onProgress?: (fileBytesRead: number, fileBytes: number) => void;
}

/** A file the writer has finished: renamed to its final name after it read back and verified. */
export interface SealedFileWritten {
  path: string;
  /** Size of the file. */
  bytes: number;
  /** SHA-256 (hex) of the plaintext content. */
  contentSha256: string;
}

/**
 * Seals `content` into `folder/fileName`. Writes `fileName.partial` chunk by chunk (memory bounded by one
 * chunk), fsyncs and closes it, reads it back through the reader (every chunk decrypted) and compares the
 * content's SHA-256, then renames it to `fileName` — never over an existing file — and fsyncs the folder.
 * On any failure or abort the partial file is removed and a SealedFileError is thrown: DISK_FULL (ENOSPC,
 * EDQUOT), CANCELLED (the signal), WRITE_FAILED (any other I/O error, a failed read-back, an existing
 * file). An error thrown by `content` itself is rethrown as it is, after the same clean-up.
 *
 * `fileName` is a plain name chosen by the caller; it must carry no personal data (docs/archive-format.md).
 */
export async function writeSealedFile(
  folder: string,
  fileName: string,
  sealing: SealingKey,
  content: AsyncIterable<Buffer> | Iterable<Buffer>,
  opts: WriteSealedOptions = {},
): Promise<SealedFileWritten> {
  assertPlainFileName(fileName);
  const headerBytes = encodeHeader(sealing.header);
  parseHeader(headerBytes);
  if (sealing.key.length !== 32) throw new Error('content key must be 32 bytes');
  const { signal, onProgress, onReadBack } = opts;
  const finalPath = join(folder, fileName);
  const partialPath = `${finalPath}.partial`;
  const chunkBytes = sealing.header.chunkBytes;
  const digest = headerDigest(headerBytes);
  let handle: FileHandle | undefined;
  let created = false;
  let renamed = false;
  try {
    throwIfAborted(signal);
    await refuseExisting(finalPath);
    // A partial of the same name can only be left by an earlier writer that died: it is ours to replace.
    await io(() => rm(partialPath, { force: true }));
    const fh = await io(() => open(partialPath, 'wx', 0o600));
    handle = fh;
    created = true;

    const hash = createHash('sha256');
    let position = 0;
    let plaintextBytes = 0;
    let index = 0;
    const put = async (bytes: Buffer): Promise<void> => {
      if (position + bytes.length > MAX_SEALED_FILE_BYTES)
        throw new SealedFileError('WRITE_FAILED', 'content too large');
      await io(() => writeAll(fh, bytes, position));
      position += bytes.length;
    };
    const seal = async (plain: Buffer, final: boolean): Promise<void> => {
      const { word, ciphertext, tag } = sealChunk(sealing.key, digest, index, plain, final);
      await put(Buffer.concat([word, ciphertext, tag]));
      hash.update(plain);
      plaintextBytes += plain.length;
      index += 1;
      onProgress?.(plaintextBytes);
    };

    await put(Buffer.concat([preamble(headerBytes.length), headerBytes]));
    const pending = new Pending();
    for await (const piece of content) {
      throwIfAborted(signal);
      pending.push(piece);
      // A full chunk is sealed once more content follows it; the last one, full or not, is the final chunk.
      while (pending.bytes > chunkBytes) await seal(pending.take(chunkBytes), false);
    }
    throwIfAborted(signal);
    await seal(pending.take(pending.bytes), true);
    await io(() => fh.sync());
    handle = undefined;
    await io(() => fh.close());

    const contentSha256 = hash.digest('hex');
    await readBack(partialPath, sealing.key, contentSha256, { signal, onProgress: onReadBack });
    throwIfAborted(signal);
    await refuseExisting(finalPath);
    await io(() => rename(partialPath, finalPath));
    renamed = true;
    await syncDirectory(folder);
    return { path: finalPath, bytes: position, contentSha256 };
  } catch (e) {
    if (handle) await handle.close().catch(() => undefined);
    if (created) await rm(renamed ? finalPath : partialPath, { force: true }).catch(() => undefined);
    if (signal?.aborted) throw new SealedFileError('CANCELLED');
    throw e;
  }
}

/**
 * The plaintext of a sealed file, chunk by chunk, each one authenticated before it is yielded. The
 * content is valid only once the generator has COMPLETED: a truncated or damaged file throws after the
 * chunks before the fault were yielded, so a caller must not act on (commit, rename, import) anything it
 * read until the loop ends without an error. `key` is the content key (keyFromPassphrase,
 * keyFromDatabaseKey); a wrong key shows as DAMAGED on the first chunk.
 */
export async function* readSealedContent(
  path: string,
  key: Buffer,
  opts: ReadSealedOptions = {},
): AsyncGenerator<Buffer> {
  const { signal, onProgress } = opts;
  const { fh, size } = await openRegularFile(path);
  try {
    const { header, headerBytes, end } = await readHeaderAt(fh);
    const digest = headerDigest(headerBytes);
    const word = Buffer.alloc(CHUNK_WORD_BYTES);
    const body = Buffer.alloc(header.chunkBytes + TAG_BYTES);
    let position = end;
    for (let index = 0; ; index++) {
      throwIfAborted(signal);
      if ((await readAt(fh, word, CHUNK_WORD_BYTES, position)) < CHUNK_WORD_BYTES)
        throw new SealedFileError('TRUNCATED', `chunk ${index} missing`);
      const value = word.readUInt32BE(0);
      const final = value >= FINAL_FLAG;
      const length = final ? value - FINAL_FLAG : value;
      if (length > header.chunkBytes || (!final && length !== header.chunkBytes))
        throw new SealedFileError('DAMAGED', `chunk ${index} length`);
      const want = length + TAG_BYTES;
      if ((await readAt(fh, body, want, position + CHUNK_WORD_BYTES)) < want)
        throw new SealedFileError('TRUNCATED', `chunk ${index} cut short`);
      const plain = openChunk(
        key,
        digest,
        index,
        final,
        body.subarray(0, length),
        body.subarray(length, want),
      );
      position += CHUNK_WORD_BYTES + want;
      onProgress?.(position, size);
      yield plain;
      if (final) break;
    }
    if ((await readAt(fh, Buffer.alloc(1), 1, position)) > 0)
      throw new SealedFileError('DAMAGED', 'bytes after the final chunk');
  } catch (e) {
    throw readFailure(e, signal);
  } finally {
    await fh.close().catch(() => undefined);
  }
}

/** Reads the whole file through the reader: its content hash and length, or the reader's error. */
export async function verifySealedFile(
  path: string,
  key: Buffer,
  opts: ReadSealedOptions = {},
): Promise<{ contentSha256: string; plaintextBytes: number }> {
  const hash = createHash('sha256');
  let plaintextBytes = 0;
  for await (const chunk of readSealedContent(path, key, opts)) {
    hash.update(chunk);
    plaintextBytes += chunk.length;
  }
  return { contentSha256: hash.digest('hex'), plaintextBytes };
}

/**
 * The clear header of a sealed file (no key needed): NOT_SEALED, TRUNCATED, DAMAGED, NEWER_FORMAT or
 * UNREADABLE when it cannot be read, WRONG_KIND when it is not of the `expected` kind.
 */
export async function readSealedHeader(path: string, expected?: SealedKind): Promise<SealedHeader> {
  const { fh } = await openRegularFile(path);
  try {
    const { header } = await readHeaderAt(fh);
    if (expected && header.kind !== expected) throw new SealedFileError('WRONG_KIND', header.kind);
    return header;
  } catch (e) {
    throw readFailure(e);
  } finally {
    await fh.close().catch(() => undefined);
  }
}

/** The SealedFileError a failed write's OS error means: DISK_FULL for a full disk or quota, else WRITE_FAILED. */
export function sealedWriteError(e: unknown): SealedFileError {
  if (e instanceof SealedFileError) return e;
  const code = osCodeOf(e);
  if (code === 'ENOSPC' || code === 'EDQUOT') return new SealedFileError('DISK_FULL', code, code);
  return new SealedFileError('WRITE_FAILED', code ?? 'I/O error', code);
}

// ── chunks ───────────────────────────────────────────────────────────────────────────────────────────

function sealChunk(key: Buffer, digest: Buffer, index: number, plain: Buffer, final: boolean) {
  const cipher = createCipheriv('aes-256-gcm', key, chunkNonce(index), { authTagLength: TAG_BYTES });
  cipher.setAAD(chunkAad(digest, index, final));
  const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
  const word = Buffer.alloc(CHUNK_WORD_BYTES);
  word.writeUInt32BE((final ? FINAL_FLAG : 0) + plain.length, 0);
  return { word, ciphertext, tag: cipher.getAuthTag() };
}

function openChunk(
  key: Buffer,
  digest: Buffer,
  index: number,
  final: boolean,
  ciphertext: Buffer,
  tag: Buffer,
): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, chunkNonce(index), { authTagLength: TAG_BYTES });
  decipher.setAAD(chunkAad(digest, index, final));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    throw new SealedFileError('DAMAGED', `chunk ${index} does not authenticate`);
  }
}

/** Content pieces waiting to fill a chunk. */
class Pending {
  private pieces: Buffer[] = [];
  bytes = 0;

  push(piece: Buffer | Uint8Array): void {
    if (!(piece instanceof Uint8Array)) throw new TypeError('sealed content must be Buffers');
    if (piece.length === 0) return;
    this.pieces.push(
      Buffer.isBuffer(piece) ? piece : Buffer.from(piece.buffer, piece.byteOffset, piece.length),
    );
    this.bytes += piece.length;
  }

  take(n: number): Buffer {
    const out: Buffer[] = [];
    let need = n;
    while (need > 0) {
      const head = this.pieces[0] as Buffer;
      if (head.length <= need) {
        out.push(head);
        this.pieces.shift();
        need -= head.length;
      } else {
        out.push(head.subarray(0, need));
        this.pieces[0] = head.subarray(need);
        need = 0;
      }
    }
    this.bytes -= n;
    return out.length === 1 ? (out[0] as Buffer) : Buffer.concat(out, n);
  }
}

// ── reading ──────────────────────────────────────────────────────────────────────────────────────────

/** Opens a regular file no larger than MAX_SEALED_FILE_BYTES; a FIFO, device or directory is UNREADABLE. */
async function openRegularFile(path: string): Promise<{ fh: FileHandle; size: number }> {
  const before = await stat(path).catch((e: unknown) => {
    throw readFailure(e);
  });
  assertReadable(before);
  // O_NONBLOCK: were the path swapped for a FIFO after the check, open() must not wait for a writer.
  const fh = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)).catch((e: unknown) => {
    throw readFailure(e);
  });
  try {
    const st = await fh.stat();
    assertReadable(st);
    return { fh, size: st.size };
  } catch (e) {
    await fh.close().catch(() => undefined);
    throw readFailure(e);
  }
}

function assertReadable(st: { isFile(): boolean; size: number }): void {
  if (!st.isFile()) throw new SealedFileError('UNREADABLE', 'not a regular file');
  if (st.size > MAX_SEALED_FILE_BYTES) throw new SealedFileError('UNREADABLE', 'file too large');
}

/** Magic, header length and header; `end` is the offset of the first chunk. */
async function readHeaderAt(
  fh: FileHandle,
): Promise<{ header: SealedHeader; headerBytes: Buffer; end: number }> {
  const pre = Buffer.alloc(PREAMBLE_BYTES);
  const got = await readAt(fh, pre, PREAMBLE_BYTES, 0);
  const magic = pre.subarray(0, Math.min(got, SEALED_MAGIC.length));
  if (got === 0 || !magic.equals(SEALED_MAGIC.subarray(0, magic.length)))
    throw new SealedFileError('NOT_SEALED');
  if (got < PREAMBLE_BYTES) throw new SealedFileError('TRUNCATED', 'preamble cut short');
  const length = pre.readUInt32BE(SEALED_MAGIC.length);
  if (length < 1 || length > MAX_HEADER_BYTES) throw new SealedFileError('DAMAGED', 'header length');
  const headerBytes = Buffer.alloc(length);
  if ((await readAt(fh, headerBytes, length, PREAMBLE_BYTES)) < length)
    throw new SealedFileError('TRUNCATED', 'header cut short');
  return { header: parseHeader(headerBytes), headerBytes, end: PREAMBLE_BYTES + length };
}

/** Reads up to `length` bytes at `position` into `buffer`; fewer only at the end of the file. */
async function readAt(fh: FileHandle, buffer: Buffer, length: number, position: number): Promise<number> {
  let done = 0;
  while (done < length) {
    const { bytesRead } = await fh.read(buffer, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done;
}

function readFailure(e: unknown, signal?: AbortSignal): unknown {
  if (e instanceof SealedFileError) return e;
  if (signal?.aborted) return new SealedFileError('CANCELLED');
  const code = osCodeOf(e);
  return code ? new SealedFileError('UNREADABLE', code, code) : e;
}

// ── writing ──────────────────────────────────────────────────────────────────────────────────────────

/** Runs one file-system step of the writer, turning its OS error into a SealedFileError. */
async function io<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (e) {
    throw sealedWriteError(e);
  }
}

async function writeAll(fh: FileHandle, bytes: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const { bytesWritten } = await fh.write(bytes, done, bytes.length - done, position + done);
    if (bytesWritten === 0) throw new SealedFileError('WRITE_FAILED', 'nothing written');
    done += bytesWritten;
  }
}

/** The caller picks a free name; the writer never replaces a file. */
async function refuseExisting(path: string): Promise<void> {
  try {
    await lstat(path);
  } catch (e) {
    if (osCodeOf(e) === 'ENOENT') return;
    throw sealedWriteError(e);
  }
  throw new SealedFileError('WRITE_FAILED', 'a file of that name exists');
}

/** Decrypts the written file and compares its content hash: what is on the medium is what was sealed. */
async function readBack(
  path: string,
  key: Buffer,
  contentSha256: string,
  opts: ReadSealedOptions,
): Promise<void> {
  let read: string;
  try {
    read = (await verifySealedFile(path, key, opts)).contentSha256;
  } catch (e) {
    if (e instanceof SealedFileError && e.code === 'CANCELLED') throw e;
    const code = e instanceof SealedFileError ? e.osCode : osCodeOf(e);
    throw new SealedFileError('WRITE_FAILED', `read-back failed${code ? `: ${code}` : ''}`, code);
  }
  if (read !== contentSha256) throw new SealedFileError('WRITE_FAILED', 'read-back differs');
}

async function syncDirectory(dir: string): Promise<void> {
  // A directory fsync makes the rename durable on Linux; Windows cannot open a directory for it.
  if (process.platform === 'win32') return;
  const fh = await io(() => open(dir, 'r'));
  try {
    await fh.sync();
  } catch (e) {
    // Some file systems (and some FUSE drivers of USB sticks) cannot fsync a directory at all.
    const code = osCodeOf(e);
    if (code !== 'EINVAL' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw sealedWriteError(e);
  } finally {
    await fh.close().catch(() => undefined);
  }
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new SealedFileError('CANCELLED');
}

function assertPlainFileName(fileName: string): void {
  if (
    fileName.length === 0 ||
    fileName === '.' ||
    fileName === '..' ||
    /[/\\\0]/.test(fileName) ||
    basename(fileName) !== fileName
  )
    throw new Error('sealed file name must be a plain file name');
}

function osCodeOf(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : undefined;
}
