import { DomainError, type ErrorCode } from '../../shared/errors';
import { isSealedFileError } from '../desk';

/*
 * What a sealed-file failure means to the user (src/main/desk/sealed-file.ts codes → ARCHIVE_*). Every
 * message says what happened and that nothing on the desk changed; none names a path or content.
 */

/** OS errors that mean "the folder or stick is not there / not writable", not "the write went wrong". */
const UNAVAILABLE = new Set(['ENOENT', 'ENOTDIR', 'EACCES', 'EPERM', 'EROFS', 'ENODEV', 'ENXIO', 'EISDIR']);

export function writeFailure(e: unknown): unknown {
  if (!isSealedFileError(e)) return e;
  switch (e.code) {
    case 'DISK_FULL':
      return new DomainError('ARCHIVE_DISK_FULL');
    case 'CANCELLED':
      return new DomainError('ARCHIVE_CANCELLED');
    default:
      return new DomainError(
        e.osCode && UNAVAILABLE.has(e.osCode) ? 'ARCHIVE_FOLDER_UNAVAILABLE' : 'ARCHIVE_WRITE_FAILED',
      );
  }
}

const READ_CODES: Record<string, ErrorCode> = {
  NOT_SEALED: 'ARCHIVE_NOT_ARCHIVE',
  NEWER_FORMAT: 'ARCHIVE_NEWER_FORMAT',
  WRONG_KIND: 'ARCHIVE_IS_BACKUP',
  WRONG_PASSPHRASE: 'ARCHIVE_WRONG_PASSPHRASE',
  DAMAGED: 'ARCHIVE_DAMAGED',
  TRUNCATED: 'ARCHIVE_TRUNCATED',
  UNREADABLE: 'ARCHIVE_FILE_UNAVAILABLE',
  CANCELLED: 'ARCHIVE_CANCELLED',
  WRITE_FAILED: 'ARCHIVE_FILE_UNAVAILABLE',
  DISK_FULL: 'ARCHIVE_FILE_UNAVAILABLE',
};

/** A failure reading an archive: its ARCHIVE_* code; anything else passes through unchanged. */
export function readFailure(e: unknown): unknown {
  if (isSealedFileError(e)) return new DomainError(READ_CODES[e.code] ?? 'ARCHIVE_DAMAGED');
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return new DomainError('ARCHIVE_FILE_UNAVAILABLE');
  return e;
}
