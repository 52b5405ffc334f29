import { DomainError } from '../../shared/errors';
import { logFailure } from '../../shared/failure';
import type { Settings } from '../../shared/settings';
import type { SessionUser } from '../../shared/users';
import type { Clock } from './platform';
import type { Store } from './store';
import { keyringExists } from './keyring';

/*
 * The desk's state machine:
 *   'setup'    — no keyring yet: only the setup wizard can run;
 *   'locked'   — keyring exists, the database is closed and no key is in memory;
 *   'unlocked' — the store is open for one signed-in user.
 * Lock closes the database and zero-fills the key. Who locked it is remembered in memory only, so the
 * lock screen asks just for the password; logout forgets that too.
 */
export type DeskPhase = 'setup' | 'locked' | 'unlocked';

export interface LockedUser {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
}

/** Settings read at unlock and refreshed after every settings write (status and idle lock need them). */
export interface DeskSettings {
  settings: Settings;
  deviceId: string;
  recoveryPending: boolean;
}

export interface OpenDesk extends DeskSettings {
  readonly store: Store;
  /** The database key: needed to seal new key slots (users, password changes, recovery). */
  readonly dbKey: Buffer;
  user: SessionUser;
  lastActivity: Date;
}

export class DeskSession {
  readonly #dataDir: string;
  readonly #clock: Clock;
  #open: OpenDesk | null = null;
  #lockedUser: LockedUser | null = null;
  /** What the lock screen may still show after the database closed (office name, idle minutes). */
  #lastKnown: Settings | null = null;
  readonly #unlockListeners: (() => void)[] = [];
  readonly #lockHooks: (() => Promise<void>)[] = [];

  constructor(dataDir: string, clock: Clock) {
    this.#dataDir = dataDir;
    this.#clock = clock;
  }

  get phase(): DeskPhase {
    if (this.#open) return 'unlocked';
    return keyringExists(this.#dataDir) ? 'locked' : 'setup';
  }

  get current(): OpenDesk | null {
    return this.#open;
  }

  get lockedUser(): LockedUser | null {
    return this.#open ? null : this.#lockedUser;
  }

  get lastKnownSettings(): Settings | null {
    return this.#open?.settings ?? this.#lastKnown;
  }

  /** The open desk, or LOCKED (SETUP_REQUIRED before setup). */
  requireOpen(): OpenDesk {
    if (this.#open) return this.#open;
    throw new DomainError(this.phase === 'setup' ? 'SETUP_REQUIRED' : 'LOCKED');
  }

  /** Called after every unlock (the sync loop schedules its first run). Must not throw. */
  onUnlock(listener: () => void): void {
    this.#unlockListeners.push(listener);
  }

  /**
   * Awaited by lock() while the store is still open, before it closes: background work on the database
   * (the sync loop) stops and finishes first. A failing hook never keeps the desk open.
   */
  beforeLock(hook: () => Promise<void>): void {
    this.#lockHooks.push(hook);
  }

  /** Takes ownership of the store and the key buffer. */
  begin(store: Store, dbKey: Buffer, user: SessionUser, desk: DeskSettings): OpenDesk {
    if (this.#open) throw new Error('desk already open');
    const open: OpenDesk = { store, dbKey, user, ...desk, lastActivity: this.#clock.now() };
    this.#open = open;
    this.#lockedUser = null;
    for (const listener of this.#unlockListeners) listener();
    return open;
  }

  /** Another user signs in on the already open desk (same store, same key). */
  switchUser(user: SessionUser): void {
    const open = this.requireOpen();
    open.user = user;
    open.lastActivity = this.#clock.now();
  }

  touch(): void {
    if (this.#open) this.#open.lastActivity = this.#clock.now();
  }

  isIdle(): boolean {
    const open = this.#open;
    if (!open) return false;
    const limitMs = open.settings.idleLockMinutes * 60_000;
    return this.#clock.now().getTime() - open.lastActivity.getTime() >= limitMs;
  }

  /** Closes the store and drops the key; remembers who was signed in for the lock screen. */
  async lock(): Promise<void> {
    const open = this.#open;
    if (!open) return;
    for (const hook of this.#lockHooks) {
      // The desk locks whatever a hook does (even one that throws before it returns a promise); a hook
      // that failed is logged, class and code only.
      try {
        await hook();
      } catch (e) {
        logFailure('session', 'lock hook', e);
      }
    }
    if (this.#open !== open) return;
    this.#open = null;
    this.#lockedUser = {
      userId: open.user.id,
      username: open.user.username,
      displayName: open.user.displayName,
    };
    this.#lastKnown = open.settings;
    try {
      await open.store.close();
    } finally {
      open.dbKey.fill(0);
    }
  }

  /** Lock and forget who was signed in: the next screen asks for a username too. */
  async logout(): Promise<void> {
    await this.lock();
    this.#lockedUser = null;
  }
}
