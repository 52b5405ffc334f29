import { closeSync, constants, fstatSync, lstatSync, openSync, readSync } from 'node:fs';

/*
 * Reading a file from a USB stick that anyone may have prepared: only a regular file (not a named pipe,
 * a device, a socket, a directory or a symbolic link to any of those) of at most `maxBytes` is read.
 * lstat first (a link is refused without following it); then open with O_NONBLOCK | O_NOFOLLOW, so a
 * pipe swapped in after the lstat cannot block the open, fstat the open file (the checks hold for what was
 * opened, not for a name that may have changed), and read at most maxBytes + 1 bytes — a file that grows
 * after the fstat is still refused, never read whole.
 */

export type RefusedFileReason = 'NOT_A_FILE' | 'TOO_LARGE';

export class RefusedFile extends Error {
  override readonly name = 'RefusedFile';
  constructor(readonly reason: RefusedFileReason) {
    super(`file refused: ${reason}`);
  }
}

export function isRefusedFile(e: unknown): e is RefusedFile {
  return e instanceof RefusedFile;
}

// Windows has neither flag; there, lstat's answer is the check.
const NONBLOCK = constants.O_NONBLOCK ?? 0;
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;

/** The file's bytes; RefusedFile when it is not a regular file or is over `maxBytes`; fs errors as thrown. */
export function readBoundedFile(path: string, maxBytes: number): Buffer {
  const before = lstatSync(path);
  if (!before.isFile()) throw new RefusedFile('NOT_A_FILE');
  if (before.size > maxBytes) throw new RefusedFile('TOO_LARGE');
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | NONBLOCK | NOFOLLOW);
  } catch (e) {
    // O_NOFOLLOW on a link that replaced the file since the lstat.
    if ((e as { code?: unknown }).code === 'ELOOP') throw new RefusedFile('NOT_A_FILE');
    throw e;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new RefusedFile('NOT_A_FILE');
    if (stat.size > maxBytes) throw new RefusedFile('TOO_LARGE');
    // Sized by what fstat saw; it grows (up to maxBytes + 1) only if the file does.
    let buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        const grown = Buffer.alloc(Math.min(buffer.length * 2, maxBytes + 1));
        buffer.copy(grown);
        buffer = grown;
      }
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length > maxBytes) throw new RefusedFile('TOO_LARGE');
    }
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}
