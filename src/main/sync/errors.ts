/**
 * Why the desk side of sync refused something. Stable codes for status lines; messages name the part
 * that failed (ids, counters, hashes), never casework.
 */
export const DESK_SYNC_ERROR_CODES = [
  /** No sync_state row yet: the desk has no device key. */
  'NOT_INITIALIZED',
  /** The receipt is for a batch this desk never sealed (other device, epoch or seq). */
  'UNKNOWN_BATCH',
  /** The receipt names one of our batches but with another content hash. */
  'RECEIPT_MISMATCH',
  /** Delivering a batch did not find exactly its pending outbox entries to remove. */
  'OUTBOX_MISMATCH',
  /** A written batch file did not read back with the sealed hash. */
  'WRITE_VERIFY_FAILED',
] as const;

export type DeskSyncErrorCode = (typeof DESK_SYNC_ERROR_CODES)[number];

export class DeskSyncError extends Error {
  override readonly name = 'DeskSyncError';
  constructor(
    readonly code: DeskSyncErrorCode,
    readonly reason: string = code,
  ) {
    super(`${code}: ${reason}`);
  }
}

export function isDeskSyncError(e: unknown): e is DeskSyncError {
  return e instanceof DeskSyncError;
}
