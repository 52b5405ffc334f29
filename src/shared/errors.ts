/**
 * Stable domain error codes. They cross the process boundary unchanged; the renderer shows the
 * code's localized message (src/shared/i18n/errors.ts). Never put personal data in `meta`.
 */
export const ERROR_CODES = [
  'VALIDATION',
  'INTERNAL',
  'BAD_SENDER',
  'UNKNOWN_CHANNEL',
  'SETUP_REQUIRED',
  'ALREADY_SET_UP',
  'LOCKED',
  'FORBIDDEN',
  'PASSWORD_CHANGE_REQUIRED',
  'BAD_CREDENTIALS',
  'LOGIN_THROTTLED',
  'USER_DISABLED',
  'WRONG_PASSWORD',
  'WEAK_PASSWORD',
  'PASSWORD_REUSED',
  'USERNAME_TAKEN',
  'USER_NOT_FOUND',
  'CANNOT_DISABLE_SELF',
  'LAST_ADMIN',
  'BAD_RECOVERY_CODE',
  'RECOVERY_CONFIRM_MISMATCH',
  'RECOVERY_NOT_PENDING',
  'DB_NEWER_THAN_APP',
  'STORE_CORRUPT',
  'DATA_DIR_IN_USE',
  'WRONG_KEY',
  'CASE_NOT_FOUND',
  'RECORD_NOT_FOUND',
  'RECORD_SIGNED',
  'RECORD_AUTHOR_ONLY',
  'RECORD_STALE',
  'CONSENT_REQUIRED',
  'ID_NUMBER_LENGTH',
  'ID_NUMBER_CHARACTERS',
  'ID_NUMBER_BIRTH_DATE',
  'ID_NUMBER_CHECKSUM',
  'ID_BIRTHDATE_MISMATCH',
  'ID_SEX_MISMATCH',
  'INVALID_TRANSITION',
  'WITHDRAWAL_WINDOW_CLOSED',
  'DV_NOT_FOUND',
  'REFERRAL_NOT_FOUND',
  'CONSENT_REASON_REQUIRED',
  'SUPERVISION_NOT_FOUND',
  'HOLIDAY_TABLE_INVALID',
  'PRINT_FAILED',
  'SYNC_NOT_ENROLLED',
  'SYNC_ALREADY_ENROLLED',
  'SYNC_ENROLMENT_CODE_INVALID',
  'SYNC_ENROLMENT_REFUSED',
  'SYNC_UNREACHABLE',
  'SYNC_CERTIFICATE_MISMATCH',
  'SYNC_CLOCK_SKEW',
  'SYNC_DEVICE_UNKNOWN',
  'SYNC_DEVICE_REVOKED',
  'SYNC_COUNTY_KEY_CHANGED',
  'SYNC_REJECTED',
  'SYNC_RATE_LIMITED',
  'SYNC_FOLDER_UNAVAILABLE',
  'SYNC_KEY_CORRUPT',
  'ARCHIVE_BUSY',
  'ARCHIVE_EMPTY_SELECTION',
  'ARCHIVE_PASSPHRASE_MISMATCH',
  'ARCHIVE_WEAK_PASSPHRASE',
  'ARCHIVE_CANCELLED',
  'ARCHIVE_FOLDER_UNAVAILABLE',
  'ARCHIVE_DISK_FULL',
  'ARCHIVE_WRITE_FAILED',
  'ARCHIVE_CASES_CHANGING',
  'LEDGER_FOLDER_UNAVAILABLE',
  'LEDGER_DISK_FULL',
  'LEDGER_WRITE_FAILED',
  'ARCHIVE_NOT_ARCHIVE',
  'ARCHIVE_NEWER_FORMAT',
  'ARCHIVE_IS_BACKUP',
  'ARCHIVE_FILE_UNAVAILABLE',
  'ARCHIVE_NO_IMPORT_CHOSEN',
  'ARCHIVE_WRONG_PASSPHRASE',
  'ARCHIVE_DAMAGED',
  'ARCHIVE_TRUNCATED',
  'ARCHIVE_CONTENT_INVALID',
  'ARCHIVE_NOT_READ',
  'ARCHIVE_REPLACE_NOT_NEWER',
  'ARCHIVE_CHANGED_SINCE_READ',
  'ARCHIVE_REVIEW_NOT_FOUND',
  'STATISTICS_SNAPSHOT_NOT_FOUND',
  'BACKUP_BUSY',
  'BACKUP_CANCELLED',
  'BACKUP_FOLDER_UNAVAILABLE',
  'BACKUP_DISK_FULL',
  'BACKUP_WRITE_FAILED',
  'BACKUP_SNAPSHOT_FAILED',
  'BACKUP_BEFORE_MIGRATION_FAILED',
  'BACKUP_NO_FILE_CHOSEN',
  'BACKUP_NOT_FOUND',
  'BACKUP_FILE_UNAVAILABLE',
  'BACKUP_NOT_BACKUP',
  'BACKUP_NEWER_FORMAT',
  'BACKUP_BAD_CREDENTIALS',
  'BACKUP_DAMAGED',
  'BACKUP_TRUNCATED',
  'BACKUP_INTEGRITY_FAILED',
  'BACKUP_NEWER_SCHEMA',
  'BACKUP_RESTORE_FAILED',
  'VOLUNTEER_NOT_FOUND',
  'VOLUNTEER_NOT_ELIGIBLE',
  'VOLUNTEER_HAS_OPEN_VISITS',
  'VOLUNTEER_ACCOUNT_TAKEN',
  'VOLUNTEER_ACCOUNT_INVALID',
  'FAMILY_NOT_FOUND',
  'FAMILY_NEEDS_RESULT',
  'FAMILY_CLOSED',
  'CASE_IN_OTHER_FAMILY',
  'PLAN_NOT_FOUND',
  'NO_FOLLOW_UP_RULE',
  'PLAN_ALREADY_OPEN',
  'PLAN_NOT_ACTIVE',
  'VISIT_NOT_FOUND',
  'VISIT_NOT_OPEN',
  'EVENT_NOT_FOUND',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export type ErrorMeta = Record<string, string | number | boolean>;

/**
 * What can be wrong with one input field, as a code (the desk's language is applied once, at the edge:
 * src/shared/i18n/validation.ts). `n` in the issue's meta is the limit a message names ("at most {n}").
 */
export const FIELD_PROBLEMS = [
  'required',
  'wrongType',
  'tooShort',
  'tooShortExact',
  'tooLong',
  'tooLongExact',
  'tooSmallNumber',
  'tooBigNumber',
  'tooFewItems',
  'tooManyItems',
  'notInteger',
  'badFormat',
  'badId',
  'badDate',
  'notAllowed',
  'unknownField',
  'notMultiple',
  'invalid',
] as const;
export type FieldProblem = (typeof FIELD_PROBLEMS)[number];

/** One field's issue: a field problem, or a domain error code that belongs on that field (ID_NUMBER_CHECKSUM). */
export interface FieldIssue {
  code: FieldProblem | ErrorCode;
  meta?: ErrorMeta;
}

/** Field issues keyed by dotted input path ('parties.0.documentNumber'); '' is the whole input. */
export type FieldIssues = Record<string, FieldIssue>;

/**
 * A failure the user can act on. Only these pass the IPC boundary with their code. It carries codes only:
 * the dispatcher turns code, meta and field issues into the desk's language.
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: ErrorCode,
    readonly meta: ErrorMeta = {},
    readonly fields?: FieldIssues,
  ) {
    super(code);
  }
}

/** VALIDATION naming what is wrong with each of the given fields. */
export function invalidFields(problems: Readonly<Record<string, FieldProblem>>): DomainError {
  const fields: FieldIssues = {};
  for (const [path, code] of Object.entries(problems)) fields[path] = { code };
  return new DomainError('VALIDATION', {}, fields);
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}

/** Makes a missing `switch` branch a compile error. */
export function unreachable(x: never): never {
  throw new Error(`unreachable: ${String(x)}`);
}
