import type { Transaction } from 'kysely';
import { DomainError } from '../../shared/errors';
import { logFailure } from '../../shared/failure';
import type { AuditAction } from '../../shared/audit';
import type { SessionUser } from '../../shared/users';
import {
  openAttemptedUsername,
  openStoreWithKeys,
  type DeskContext,
  type FailureKind,
  type GenerationKey,
  type QueuedFailure,
  type SealedAttempt,
  type Store,
} from '../desk';
import type { DB } from '../db';
import { type UserRow, findUserByUsername, toSessionUser, updateUser } from '../users';
import { appendAudit, actorOf } from '../audit';
import { sweepRegistrations, warmCaseListIndex } from '../cases';
import { adoptLockScreenLanguage, loadDeskSettings } from '../settings';

/*
 * The steps password sign-in and recovery share: open the store with a key taken from a slot, write the
 * queued failed attempts and the sign-in to the audit log in one transaction, then hand the store and
 * key to the session.
 */

/** A store opened for a sign-in, or the already open one when another user signs in on an open desk. */
export interface OpenedStore {
  readonly store: Store;
  readonly dbKey: Buffer;
  /** Opened by this sign-in (and so closed by it if the sign-in fails). */
  readonly fresh: boolean;
}

/**
 * Opens the store with the keys a slot yielded (newest first; a sign-in after a crash mid-rotation also
 * completes that rotation — desk/key-rotation.ts).
 */
export async function openWithKeys(ctx: DeskContext, keys: GenerationKey[]): Promise<OpenedStore> {
  const open = ctx.session.current;
  if (open) {
    for (const k of keys) k.dbKey.fill(0); // the current key is already held by the open desk
    return { store: open.store, dbKey: open.dbKey, fresh: false };
  }
  // An older store is backed up and migrated here: the sign-in screen polls how far (auth.upgradeProgress).
  const { store, dbKey } = await ctx.progress.storeUpgrade.track((onUpgrade) =>
    openStoreWithKeys(ctx.dataDir, keys, { onUpgrade }),
  );
  return { store, dbKey, fresh: true };
}

/** Undo openWithKey after a refused sign-in. */
export async function abandon(opened: OpenedStore): Promise<void> {
  if (!opened.fresh) return;
  try {
    await opened.store.close();
  } finally {
    opened.dbKey.fill(0);
  }
}

/**
 * A wrong password or recovery code: counted by the login guard, queued for the audit log (written at
 * once when the desk is open), then refused with `code` and, when a delay now applies, retryAfterSeconds.
 */
export async function failAttempt(
  ctx: DeskContext,
  kind: FailureKind,
  tried: { userId: string | null; account?: SealedAttempt | null },
  code: 'BAD_CREDENTIALS' | 'BAD_RECOVERY_CODE',
): Promise<never> {
  const retryAfterSeconds = ctx.guard.recordFailure(kind, tried.userId, tried.account ?? null);
  const open = ctx.session.current;
  if (open) {
    const queued = ctx.guard.pending();
    await open.store.db
      .transaction()
      .execute((trx) => auditFailures(trx, queued.failures, queued.dropped, open.dbKey));
    ctx.guard.drained();
  }
  throw new DomainError(code, retryAfterSeconds > 0 ? { retryAfterSeconds } : {});
}

/**
 * Each failed attempt becomes one 'auth.login_failed' entry at the time it happened, naming the account
 * tried when the sealed username (opened with the database key) belongs to one.
 */
async function auditFailures(
  trx: Transaction<DB>,
  failures: readonly QueuedFailure[],
  dropped: number,
  dbKey: Buffer,
): Promise<void> {
  for (const f of failures) {
    const userId = f.userId ?? (await accountTried(trx, f.account, dbKey));
    await appendAudit(
      trx,
      {
        actorId: null,
        actorName: null,
        action: 'auth.login_failed',
        targetType: userId ? 'user' : null,
        targetId: userId,
        detail: { reason: f.kind },
      },
      new Date(f.at),
    );
  }
  if (dropped > 0) {
    await appendAudit(
      trx,
      {
        actorId: null,
        actorName: null,
        action: 'auth.login_failed',
        detail: { reason: 'overflow', count: dropped },
      },
      new Date(failures.at(-1)?.at ?? Date.now()),
    );
  }
}

async function accountTried(
  trx: Transaction<DB>,
  account: SealedAttempt | undefined,
  dbKey: Buffer,
): Promise<string | null> {
  const username = account ? openAttemptedUsername(dbKey, account) : null;
  if (!username) return null;
  return (await findUserByUsername(trx, username))?.id ?? null;
}

export interface SignInOptions {
  action: Extract<AuditAction, 'auth.login' | 'auth.unlock' | 'auth.recovery_used'>;
  /** More writes for the same transaction (recovery marks its new code pending). */
  extraWrites?: (trx: Transaction<DB>, at: Date) => Promise<void>;
  /** Runs after the commit and before the session begins (recovery re-seals key slots here). */
  afterCommit?: () => void | Promise<void>;
  clearMustChangePassword?: boolean;
}

/**
 * Signs `row` in on `opened`. The caller has checked the account; on any failure the caller abandons
 * the store. Returns the session user.
 */
export async function completeSignIn(
  ctx: DeskContext,
  opened: OpenedStore,
  row: UserRow,
  options: SignInOptions,
): Promise<SessionUser> {
  const now = ctx.clock.now();
  const queued = ctx.guard.pending();
  const { user, desk } = await opened.store.db.transaction().execute(async (trx) => {
    await auditFailures(trx, queued.failures, queued.dropped, opened.dbKey);
    const updated = await updateUser(
      trx,
      row.id,
      {
        last_login_at: now.toISOString(),
        ...(options.clearMustChangePassword ? { must_change_password: 0 as const } : {}),
      },
      now,
    );
    const signedIn = toSessionUser(updated);
    await options.extraWrites?.(trx, now);
    await appendAudit(
      trx,
      { ...actorOf(signedIn), action: options.action, targetType: 'user', targetId: row.id },
      now,
    );
    const loaded = await loadDeskSettings(trx);
    loaded.settings = await adoptLockScreenLanguage(trx, ctx.prefs.language, loaded, now);
    return { user: signedIn, desk: loaded };
  });
  await options.afterCommit?.();
  ctx.guard.succeeded();
  if (opened.fresh) {
    ctx.session.begin(opened.store, opened.dbKey, user, desk);
  } else {
    ctx.session.switchUser(user);
    const open = ctx.session.requireOpen();
    open.settings = desk.settings;
    open.recoveryPending = desk.recoveryPending;
  }
  // Off the sign-in path: the sweep runs right after this answer, before whatever the user opens next;
  // then the case list's keys start loading in the background, a few milliseconds at a time while no
  // call is waiting (the 工作台's calls go first).
  ctx.followUps.add(() => sweepAtSignIn(ctx));
  ctx.followUps.add(async () => {
    const store = ctx.session.current?.store;
    if (store) warmCaseListIndex(store.db, store, { turn: () => ctx.followUps.idle() });
  });
  return user;
}

/**
 * The registration sweep after a sign-in, in its own transaction, as the call after it (after days off it
 * moves hundreds of cases): a failure is logged by class name only and swallowed — the next list, case or
 * dashboard load sweeps again.
 */
async function sweepAtSignIn(ctx: DeskContext): Promise<void> {
  const open = ctx.session.current;
  if (!open) return;
  try {
    await open.store.db
      .transaction()
      .execute((trx) => sweepRegistrations(trx, open.settings, ctx.clock.now()));
  } catch (e) {
    logFailure('cases', 'sweep at sign-in', e);
  }
}
