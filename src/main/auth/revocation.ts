import { logFailure } from '../../shared/failure';
import { rotateDatabaseKey, slotUserIds, type DeskContext, type OpenDesk, type RotationBegun } from '../desk';
import { RECOVERY_PENDING_KEY, writeSettingRows } from '../settings';
import { enabledUserIds } from '../users';

/*
 * Revocation: taking an account's (or an old recovery code's) access away rotates the database key, so a
 * copy of an earlier keyring.json plus that password or code opens nothing written since. Version-1 slots
 * cannot receive the new key (their owners have not signed in since the upgrade): they are dropped, the
 * accounts need a password reset by an administrator, and a dropped version-1 recovery slot marks the
 * recovery code pending so the administrator is asked to generate a new one (docs/architecture.md
 * "Key rotation").
 */

export async function rotateOpenDesk(
  ctx: DeskContext,
  open: OpenDesk,
  change: { removeUserId?: string; recoveryCode?: string },
  actorId: string,
): Promise<RotationBegun> {
  const begun = await rotateDatabaseKey(ctx.dataDir, open.store, open.dbKey, change);
  if (begun.droppedRecovery) {
    const at = ctx.clock.now();
    await open.store.db
      .transaction()
      .execute((trx) => writeSettingRows(trx, { [RECOVERY_PENDING_KEY]: true }, at, actorId));
    open.recoveryPending = true;
  }
  return begun;
}

/**
 * After a sign-in: a slot still held by a disabled account (its revocation was interrupted by a crash or
 * an error) is revoked now. A failure is logged and left for the next sign-in.
 */
export async function revokeStaleSlots(ctx: DeskContext): Promise<void> {
  const open = ctx.session.current;
  if (!open) return;
  try {
    const holders = slotUserIds(ctx.dataDir);
    if (holders.length === 0) return;
    const active = await enabledUserIds(open.store.db, holders);
    for (const userId of holders) {
      if (!active.has(userId)) await rotateOpenDesk(ctx, open, { removeUserId: userId }, open.user.id);
    }
  } catch (e) {
    logFailure('auth', 'revoke stale slots', e);
  }
}
