import { DomainError } from '../../shared/errors';
import { checkPassword } from '../../shared/password-strength';
import type { ChannelParsed } from '../../shared/contract';
import { RoleSchema } from '../../shared/roles';
import type { SessionUser, UserSummary } from '../../shared/users';
import { actorOf, appendAudit } from '../audit';
import { newSyncedRow, uuidv7, type WriteCall } from '../desk';
import {
  findUserOrThrow,
  insertUser,
  otherActiveAdmins,
  updateUser,
  usernameTaken,
} from './users.repository';
import type { UserRow } from './users.table';

/*
 * User accounts. Every account that may sign in has a key slot in keyring.json sealed with its password;
 * disabling an account removes its slot and rotates the database key (auth/revocation.ts), so a disabled
 * user cannot decrypt the database, not even a later copy of it with an earlier copy of the keyring.
 * Re-enabling only clears the flag: the account has no slot until an admin sets a temporary password
 * with resetPassword (the UI asks for one right after enabling). The slots are files: the handlers change
 * them after these database writes have committed.
 */

export function toSessionUser(row: UserRow): SessionUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: RoleSchema.parse(row.role),
    mustChangePassword: row.must_change_password === 1,
  };
}

export function toSummary(row: UserRow): UserSummary {
  return {
    ...toSessionUser(row),
    disabled: row.disabled === 1,
    createdAt: row.created_at,
    lastLoginAt: row.last_login_at,
  };
}

/** A temporary password is a password too: refused when weak (the same rule as the meter's). */
function assertStrongTemporary(password: string, related: readonly string[]): void {
  const { problem } = checkPassword(password, related);
  if (problem) throw new DomainError('WEAK_PASSWORD', { reason: problem });
}

export async function createUser(call: WriteCall, input: ChannelParsed<'users.create'>): Promise<UserRow> {
  assertStrongTemporary(input.temporaryPassword, [input.username, input.displayName]);
  // Usernames stay taken even by deleted accounts: the audit log and synced rows refer to them.
  if (await usernameTaken(call.db, input.username)) throw new DomainError('USERNAME_TAKEN');
  const id = uuidv7(call.now);
  const row = await insertUser(call.db, {
    id,
    username: input.username,
    display_name: input.displayName,
    role: input.role,
    disabled: 0,
    must_change_password: 1,
    last_login_at: null,
    ...newSyncedRow(call.open.deviceId, call.now.toISOString()),
  });
  await appendAudit(
    call.db,
    {
      ...actorOf(call.user),
      action: 'user.created',
      targetType: 'user',
      targetId: id,
      detail: { role: input.role },
    },
    call.now,
  );
  return row;
}

/** The account after the change; `changed` is false when it already was as asked. */
export async function setUserDisabled(
  call: WriteCall,
  input: ChannelParsed<'users.setDisabled'>,
): Promise<{ row: UserRow; changed: boolean }> {
  const target = await findUserOrThrow(call.db, input.userId);
  if (input.disabled && target.id === call.user.id) throw new DomainError('CANNOT_DISABLE_SELF');
  if ((target.disabled === 1) === input.disabled) return { row: target, changed: false };
  if (input.disabled && target.role === 'admin' && (await otherActiveAdmins(call.db, target.id)) === 0) {
    throw new DomainError('LAST_ADMIN');
  }
  const row = await updateUser(call.db, target.id, { disabled: input.disabled ? 1 : 0 }, call.now);
  const action = input.disabled ? 'user.disabled' : 'user.enabled';
  await appendAudit(
    call.db,
    { ...actorOf(call.user), action, targetType: 'user', targetId: target.id },
    call.now,
  );
  return { row, changed: true };
}

export async function resetUserPassword(
  call: WriteCall,
  input: ChannelParsed<'users.resetPassword'>,
): Promise<UserRow> {
  const target = await findUserOrThrow(call.db, input.userId);
  // A slot for a disabled account would let it decrypt the database again: enable it first.
  if (target.disabled === 1) throw new DomainError('USER_DISABLED');
  assertStrongTemporary(input.temporaryPassword, [target.username, target.display_name]);
  const row = await updateUser(call.db, target.id, { must_change_password: 1 }, call.now);
  await appendAudit(
    call.db,
    { ...actorOf(call.user), action: 'user.password_reset', targetType: 'user', targetId: target.id },
    call.now,
  );
  return row;
}
