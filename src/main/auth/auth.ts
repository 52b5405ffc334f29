import { DomainError } from '../../shared/errors';
import type { ChannelParsed } from '../../shared/contract';
import type { SessionUser } from '../../shared/users';
import { logFailure } from '../../shared/failure';
import {
  inTransaction,
  sealAttemptedUsername,
  setUserSlot,
  slotUserIdFor,
  unlockWithPassword,
  unwrapWithPassword,
  upgradeUserSlot,
  type DeskContext,
  type ReadCall,
} from '../desk';
import { appendAudit, actorOf } from '../audit';
import { abandon, completeSignIn, failAttempt, openWithKeys } from './sign-in';
import { assertStrongPassword } from './password-policy';
import { findUser, toSessionUser, updateUser } from '../users';
import { revokeStaleSlots } from './revocation';

/*
 * Sign-in, lock, logout and password changes. A password opens the user's key slot, which yields the
 * database key: there is no separate password hash to check, and no way in without a slot.
 */

export async function login(ctx: DeskContext, input: ChannelParsed<'auth.login'>): Promise<SessionUser> {
  if (ctx.session.phase === 'setup') throw new DomainError('SETUP_REQUIRED');
  // Throttled attempts are not even tried (and cost no scrypt work).
  ctx.guard.assertMayTry();
  const unlocked = unlockWithPassword(ctx.dataDir, input.username, input.password);
  if (!unlocked) {
    // A version-1 slot is found by its lookup; otherwise the username is kept sealed for the audit log.
    const userId = slotUserIdFor(ctx.dataDir, input.username);
    const account = userId ? null : sealAttemptedUsername(ctx.dataDir, input.username);
    return failAttempt(ctx, 'password', { userId, account }, 'BAD_CREDENTIALS');
  }

  const unlocking = ctx.session.lockedUser?.userId === unlocked.userId;
  const opened = await openWithKeys(ctx, unlocked.keys);
  let user: SessionUser;
  try {
    const row = await findUser(opened.store.db, unlocked.userId);
    // A slot without a matching account means keyring and database disagree: refuse like a wrong password.
    if (!row || row.username !== input.username) throw new DomainError('BAD_CREDENTIALS');
    // Disabling removes the slot; this catches a slot whose removal did not complete.
    if (row.disabled === 1) throw new DomainError('USER_DISABLED');
    user = await completeSignIn(ctx, opened, row, {
      action: unlocking ? 'auth.unlock' : 'auth.login',
      // The password is known now: a version-1 slot or one with an older scrypt cost is re-sealed. A
      // failure here must not refuse the sign-in (the next one tries again).
      afterCommit: () => {
        if (!unlocked.needsUpgrade) return;
        try {
          upgradeUserSlot(ctx.dataDir, opened.dbKey, {
            userId: row.id,
            username: row.username,
            password: input.password,
          });
        } catch (e) {
          logFailure('auth', 'slot upgrade', e);
        }
      },
    });
  } catch (e) {
    await abandon(opened);
    throw e;
  }
  await revokeStaleSlots(ctx);
  return user;
}

export type LockReason = 'manual' | 'idle' | 'shutdown';

/** Audits the lock, then closes the store and drops the key — the lock happens even if the audit fails. */
export async function lockDesk(ctx: DeskContext, reason: LockReason): Promise<void> {
  const open = ctx.session.current;
  if (!open) return;
  try {
    await open.store.db
      .transaction()
      .execute((trx) =>
        appendAudit(trx, { ...actorOf(open.user), action: 'auth.lock', detail: { reason } }, ctx.clock.now()),
      );
  } finally {
    await ctx.session.lock();
  }
}

export async function logout(ctx: DeskContext): Promise<void> {
  const open = ctx.session.current;
  if (!open) return;
  try {
    await open.store.db
      .transaction()
      .execute((trx) => appendAudit(trx, { ...actorOf(open.user), action: 'auth.logout' }, ctx.clock.now()));
  } finally {
    await ctx.session.logout();
  }
}

export async function changePassword(
  call: ReadCall,
  input: ChannelParsed<'auth.changePassword'>,
): Promise<SessionUser> {
  const { ctx, open, user: me } = call;
  const check = unwrapWithPassword(ctx.dataDir, me.username, input.currentPassword);
  check?.dbKey.fill(0);
  if (!check || check.userId !== me.id) throw new DomainError('WRONG_PASSWORD');
  if (input.newPassword === input.currentPassword) throw new DomainError('PASSWORD_REUSED');
  assertStrongPassword(input.newPassword, [me.username, me.displayName]);

  // Slot first: if the database write then failed, the new password works and the user is merely asked
  // to change it again; the other order could leave a temporary password without the prompt.
  setUserSlot(ctx.dataDir, open.dbKey, { userId: me.id, username: me.username, password: input.newPassword });
  const row = await inTransaction(call, async (c) => {
    const updated = await updateUser(c.db, me.id, { must_change_password: 0 }, c.now);
    await appendAudit(
      c.db,
      { ...actorOf(me), action: 'auth.password_changed', targetType: 'user', targetId: me.id },
      c.now,
    );
    return updated;
  });
  const user = toSessionUser(row);
  ctx.session.switchUser(user);
  return user;
}
