import { DomainError } from '../../shared/errors';
import type { ChannelParsed, ChannelOutput } from '../../shared/contract';
import {
  rotateDatabaseKey,
  setUserSlot,
  unlockWithRecoveryCode,
  type DeskContext,
  inTransaction,
  newRecoveryCode,
  type ReadCall,
  type WriteCall,
} from '../desk';
import { appendAudit, actorOf } from '../audit';
import { RECOVERY_PENDING_KEY, writeSettingRows } from '../settings';
import { abandon, completeSignIn, failAttempt, openWithKeys } from './sign-in';
import { assertStrongPassword } from './password-policy';
import { type UserRow, findUserByUsername } from '../users';
import { rotateOpenDesk } from './revocation';

/*
 * The recovery code opens the recovery slot and so the database; it resets an administrator's password.
 * Each use replaces it with a new code, which is pending until the admin types one group back. A new code
 * (after a use, or regenerated) also rotates the database key, so the old code and an old keyring.json
 * open nothing written since.
 */

type RecoveryIssue = ChannelOutput<'auth.recover'>;

export async function recover(
  ctx: DeskContext,
  input: ChannelParsed<'auth.recover'>,
): Promise<RecoveryIssue> {
  if (ctx.session.phase === 'setup') throw new DomainError('SETUP_REQUIRED');
  ctx.guard.assertMayTry();
  // Checked before the code is tried: a refused password must not cost a recovery attempt.
  assertStrongPassword(input.newPassword, [input.username]);
  const unlocked = unlockWithRecoveryCode(ctx.dataDir, input.recoveryCode);
  if (!unlocked) return failAttempt(ctx, 'recovery_code', { userId: null }, 'BAD_RECOVERY_CODE');

  const opened = await openWithKeys(ctx, unlocked.keys);
  let admin: UserRow | undefined;
  try {
    admin = await findUserByUsername(opened.store.db, input.username);
  } catch (e) {
    await abandon(opened);
    throw e;
  }
  if (!admin || admin.role !== 'admin' || admin.disabled === 1) {
    // Same answer as a wrong code: the code must not become a way to list administrator names.
    await abandon(opened);
    return failAttempt(ctx, 'recovery_code', { userId: null }, 'BAD_RECOVERY_CODE');
  }

  const target = admin;
  const next = newRecoveryCode();
  try {
    // The database records the use and the pending code before the slots change: if sealing then
    // failed, the old code and password still work and the admin simply tries again.
    await completeSignIn(ctx, opened, target, {
      action: 'auth.recovery_used',
      clearMustChangePassword: true,
      extraWrites: (trx, at) => writeSettingRows(trx, { [RECOVERY_PENDING_KEY]: true }, at, target.id),
      afterCommit: async () => {
        setUserSlot(ctx.dataDir, opened.dbKey, {
          userId: target.id,
          username: target.username,
          password: input.newPassword,
        });
        // The used code goes, and with it the key it opened: rotated, sealed to every slot and the new code.
        await rotateDatabaseKey(ctx.dataDir, opened.store, opened.dbKey, { recoveryCode: next.code });
      },
    });
  } catch (e) {
    await abandon(opened);
    throw e;
  }
  ctx.recovery.remember(next.group, next.groupValue);
  return { recoveryCode: next.code, confirmGroup: next.group };
}

/**
 * Replaces the recovery slot with a new code (e.g. the app restarted before the last one was confirmed)
 * and rotates the database key, so the old code opens no later copy of the store.
 */
export async function regenerateRecovery(call: ReadCall): Promise<RecoveryIssue> {
  const { ctx, open } = call;
  const next = newRecoveryCode();
  await inTransaction(call, async (c) => {
    await writeSettingRows(c.db, { [RECOVERY_PENDING_KEY]: true }, c.now, c.user.id);
    await appendAudit(c.db, { ...actorOf(c.user), action: 'auth.recovery_regenerated' }, c.now);
  });
  open.recoveryPending = true;
  // The slot is a file: sealed after the pending flag has committed.
  await rotateOpenDesk(ctx, open, { recoveryCode: next.code }, call.user.id);
  ctx.recovery.remember(next.group, next.groupValue);
  return { recoveryCode: next.code, confirmGroup: next.group };
}

/** The admin types back the asked-for group of the code just shown. */
export async function confirmRecovery(
  call: WriteCall,
  input: ChannelParsed<'auth.confirmRecovery'>,
): Promise<null> {
  const { ctx, open } = call;
  const group = ctx.recovery.group;
  if (group === null) throw new DomainError('RECOVERY_NOT_PENDING');
  if (!ctx.recovery.matches(input.answer)) throw new DomainError('RECOVERY_CONFIRM_MISMATCH', { group });
  await writeSettingRows(call.db, { [RECOVERY_PENDING_KEY]: false }, call.now, call.user.id);
  await appendAudit(call.db, { ...actorOf(call.user), action: 'auth.recovery_confirmed' }, call.now);
  call.afterCommit(() => {
    open.recoveryPending = false;
    ctx.recovery.clear();
  });
  return null;
}
