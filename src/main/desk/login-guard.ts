import { join } from 'node:path';
import { z } from 'zod';
import { DomainError } from '../../shared/errors';
import type { SealedAttempt } from './keyring';
import type { Clock } from './platform';
import { readJsonFile, writeJsonFile } from './json-file';

/*
 * Login throttling and the queue of failed attempts. The database is closed while the desk is locked,
 * so failures are kept in login-guard.json and written to the hash-chained audit log (with their
 * original times) by the next successful unlock. The file holds times, the kind of secret that failed
 * and at most the opaque id of the account that was tried (a version-1 key slot) or the username tried,
 * sealed to the keyring's attempt key so that only the unlocked desk can read it (keyring.ts); never a
 * username or a password in clear.
 *
 * The guard is per desk, not per account: the desk is one PC, and an unknown username has no id.
 */
export const LOGIN_GUARD_FILE = 'login-guard.json';

/** Failures allowed before delays start. */
export const FREE_ATTEMPTS = 3;
const FIRST_DELAY_SECONDS = 5;
const MAX_DELAY_SECONDS = 5 * 60;
/** Bound on queued entries; older overflow is only counted (the delays keep this rare). */
const MAX_PENDING = 500;

export const FAILURE_KINDS = ['password', 'recovery_code'] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

const FailureSchema = z.object({
  at: z.iso.datetime(),
  kind: z.enum(FAILURE_KINDS),
  /** The account the attempt was for, when the username matched a version-1 key slot. */
  userId: z.string().uuid().nullable(),
  /** The username tried, sealed (see SealedAttempt); resolved to an account at the next unlock. */
  account: z
    .object({
      generation: z.number().int().min(1),
      ephemeralKey: z.base64(),
      iv: z.base64(),
      ciphertext: z.base64(),
      tag: z.base64(),
    })
    .strict()
    .optional(),
});
export type QueuedFailure = z.infer<typeof FailureSchema>;

const GuardFileSchema = z.object({
  version: z.literal(1),
  consecutive: z.number().int().min(0),
  lastFailureAt: z.iso.datetime().nullable(),
  pending: z.array(FailureSchema).max(MAX_PENDING),
  /** Failures that did not fit in `pending`. */
  dropped: z.number().int().min(0),
});
type GuardState = z.infer<typeof GuardFileSchema>;

const EMPTY: GuardState = { version: 1, consecutive: 0, lastFailureAt: null, pending: [], dropped: 0 };

/** Seconds to wait after `failures` consecutive failures: 0, 0, 0, 5, 10, 20 … capped at 5 minutes. */
export function delayAfter(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_DELAY_SECONDS, FIRST_DELAY_SECONDS * 2 ** (failures - FREE_ATTEMPTS));
}

export class LoginGuard {
  readonly #path: string;
  readonly #clock: Clock;
  #state: GuardState;

  constructor(dataDir: string, clock: Clock) {
    this.#path = join(dataDir, LOGIN_GUARD_FILE);
    this.#clock = clock;
    const read = readJsonFile(this.#path, GuardFileSchema);
    if (read.kind === 'ok') this.#state = read.value;
    else if (read.kind === 'missing') this.#state = EMPTY;
    // A damaged file must not become a way to reset the delay: assume the free attempts are used up.
    else this.#state = { ...EMPTY, consecutive: FREE_ATTEMPTS, lastFailureAt: clock.now().toISOString() };
  }

  /** Throws LOGIN_THROTTLED (meta.seconds) while the delay after the last failure has not passed. */
  assertMayTry(): void {
    const wait = this.secondsToWait();
    if (wait > 0) throw new DomainError('LOGIN_THROTTLED', { seconds: wait });
  }

  secondsToWait(): number {
    const { consecutive, lastFailureAt } = this.#state;
    const delay = delayAfter(consecutive);
    if (delay === 0 || lastFailureAt === null) return 0;
    const elapsedMs = this.#clock.now().getTime() - Date.parse(lastFailureAt);
    // A clock set backwards must not stretch the wait beyond the delay itself.
    const remainingMs = Math.min(delay * 1000, delay * 1000 - elapsedMs);
    return remainingMs > 0 ? Math.ceil(remainingMs / 1000) : 0;
  }

  /** Records one failure; returns the seconds the next attempt must wait (0 if none). */
  recordFailure(kind: FailureKind, userId: string | null, account: SealedAttempt | null = null): number {
    const at = this.#clock.now().toISOString();
    const s = this.#state;
    const full = s.pending.length >= MAX_PENDING;
    const entry: QueuedFailure = account ? { at, kind, userId, account } : { at, kind, userId };
    this.#save({
      ...s,
      consecutive: s.consecutive + 1,
      lastFailureAt: at,
      pending: full ? s.pending : [...s.pending, entry],
      dropped: full ? s.dropped + 1 : s.dropped,
    });
    return delayAfter(s.consecutive + 1);
  }

  /** Failures not yet written to the audit log, oldest first. */
  pending(): { failures: readonly QueuedFailure[]; dropped: number } {
    return { failures: this.#state.pending, dropped: this.#state.dropped };
  }

  /**
   * After a successful sign-in whose transaction has written `pending()` to the audit log: the count
   * restarts and the queue empties. (A crash between the two audits the failures twice; better than
   * losing them.)
   */
  succeeded(): void {
    if (this.#state.consecutive === 0 && this.#state.pending.length === 0 && this.#state.dropped === 0)
      return;
    this.#save(EMPTY);
  }

  /** The queue was written to the audit log, but the count stays (e.g. a failure while unlocked). */
  drained(): void {
    if (this.#state.pending.length === 0 && this.#state.dropped === 0) return;
    this.#save({ ...this.#state, pending: [], dropped: 0 });
  }

  #save(next: GuardState): void {
    writeJsonFile(this.#path, next);
    this.#state = next;
  }
}
