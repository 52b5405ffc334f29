import { inTransaction, rotateDatabaseKey, setUserSlot } from '../desk';
import { RECOVERY_PENDING_KEY, writeSettingRows } from '../settings';
import type { DomainHandlers } from '../dispatcher';
import { listUsersQuery } from './users.repository';
import { createUser, resetUserPassword, setUserDisabled, toSessionUser, toSummary } from './users.service';

/*
 * 'users.*'. Key slots live in keyring.json, not in the store, so these channels are not `write`: the
 * database change commits in its own transaction first, and the slot changes after it.
 */
export const usersHandlers = {
  'users.list': async (_input, call) => (await listUsersQuery(call.db).execute()).map(toSummary),
  'users.create': async (input, call) => {
    const row = await inTransaction(call, (c) => createUser(c, input));
    // After the commit: a slot for a row that was rolled back would be a key with no account.
    setUserSlot(call.ctx.dataDir, call.open.dbKey, {
      userId: row.id,
      username: row.username,
      password: input.temporaryPassword,
    });
    return toSummary(row);
  },
  'users.setDisabled': async (input, call) => {
    const { row, changed } = await inTransaction(call, (c) => setUserDisabled(c, input));
    // Removes the slot and rotates the database key. If this fails after the commit, sign-in still
    // refuses the account (USER_DISABLED), and the next sign-in of anyone completes the revocation.
    if (changed && input.disabled) {
      const { open } = call;
      const begun = await rotateDatabaseKey(call.ctx.dataDir, open.store, open.dbKey, {
        removeUserId: row.id,
      });
      // A version-1 recovery slot cannot receive the new key: the admin is asked for a new code.
      if (begun.droppedRecovery) {
        await inTransaction(call, (c) =>
          writeSettingRows(c.db, { [RECOVERY_PENDING_KEY]: true }, c.now, c.user.id),
        );
        open.recoveryPending = true;
      }
    }
    return toSummary(row);
  },
  'users.resetPassword': async (input, call) => {
    const row = await inTransaction(call, (c) => resetUserPassword(c, input));
    setUserSlot(call.ctx.dataDir, call.open.dbKey, {
      userId: row.id,
      username: row.username,
      password: input.temporaryPassword,
    });
    if (row.id === call.user.id) call.ctx.session.switchUser(toSessionUser(row));
    return toSummary(row);
  },
} satisfies DomainHandlers<'users'>;
