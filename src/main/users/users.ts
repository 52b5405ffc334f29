import type { Kysely, Transaction } from 'kysely';
import { DomainError } from '../../shared/errors';
import type { ChannelParsed } from '../../shared/contract';
import { RoleSchema } from '../../shared/roles';
import type { SessionUser, UserSummary } from '../../shared/users';
import { uuidv7, removeUserSlot, setUserSlot, type DeskContext, newSyncedRow } from '../desk';
import type { DB } from '../db';
import type { UserRow } from './users.table';
import { actorOf, appendAudit } from '../audit';

/*
 * User accounts. Every account that may sign in has a key slot in keyring.json sealed with its password;
 * disabling an account removes its slot, so a disabled user cannot even decrypt the database.
 * Re-enabling only clears the flag: the account has no slot until an admin sets a temporary password
 * with resetPassword (the UI asks for one right after enabling).
 */

type Db = Kysely<DB> | Transaction<DB>;

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

export async function findUser(db: Db, id: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export async function findUserOrThrow(db: Db, id: string): Promise<UserRow> {
  const row = await findUser(db, id);
  if (!row) throw new DomainError('USER_NOT_FOUND');
  return row;
}

export async function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', username)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/** Bumps version and updated_at with every change, as every synced row must. */
export async function updateUser(
  trx: Transaction<DB>,
  id: string,
  change: { disabled?: 0 | 1; must_change_password?: 0 | 1; last_login_at?: string },
  at: Date,
): Promise<UserRow> {
  return trx
    .updateTable('users')
    .set((eb) => ({ ...change, updated_at: at.toISOString(), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listUsers(ctx: DeskContext): Promise<UserSummary[]> {
  const { store } = ctx.session.requireOpen();
  const rows = await store.db
    .selectFrom('users')
    .selectAll()
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .orderBy('username')
    .execute();
  return rows.map(toSummary);
}

export async function createUser(
  ctx: DeskContext,
  input: ChannelParsed<'users.create'>,
): Promise<UserSummary> {
  const open = ctx.session.requireOpen();
  const db = open.store.db;
  // Usernames stay taken even by deleted accounts: the audit log and synced rows refer to them.
  const taken = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', input.username)
    .executeTakeFirst();
  if (taken) throw new DomainError('USERNAME_TAKEN');

  const now = ctx.clock.now();
  const at = now.toISOString();
  const id = uuidv7(now);
  const row = await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('users')
      .values({
        id,
        username: input.username,
        display_name: input.displayName,
        role: input.role,
        disabled: 0,
        must_change_password: 1,
        last_login_at: null,
        ...newSyncedRow(open.deviceId, at),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(
      trx,
      {
        ...actorOf(open.user),
        action: 'user.created',
        targetType: 'user',
        targetId: id,
        detail: { role: input.role },
      },
      now,
    );
    return inserted;
  });
  // After the commit: a slot for a row that was rolled back would be a key with no account.
  setUserSlot(ctx.dataDir, open.dbKey, {
    userId: id,
    username: row.username,
    password: input.temporaryPassword,
  });
  return toSummary(row);
}

export async function setUserDisabled(
  ctx: DeskContext,
  input: ChannelParsed<'users.setDisabled'>,
): Promise<UserSummary> {
  const open = ctx.session.requireOpen();
  const db = open.store.db;
  const target = await findUserOrThrow(db, input.userId);
  if (input.disabled && target.id === open.user.id) throw new DomainError('CANNOT_DISABLE_SELF');
  if ((target.disabled === 1) === input.disabled) return toSummary(target);
  if (input.disabled && target.role === 'admin' && (await otherActiveAdmins(db, target.id)) === 0) {
    throw new DomainError('LAST_ADMIN');
  }

  const now = ctx.clock.now();
  const row = await db.transaction().execute(async (trx) => {
    const updated = await updateUser(trx, target.id, { disabled: input.disabled ? 1 : 0 }, now);
    const action = input.disabled ? 'user.disabled' : 'user.enabled';
    await appendAudit(trx, { ...actorOf(open.user), action, targetType: 'user', targetId: target.id }, now);
    return updated;
  });
  // If this fails after the commit, sign-in still refuses the account (USER_DISABLED) until it is retried.
  if (input.disabled) removeUserSlot(ctx.dataDir, target.id);
  return toSummary(row);
}

export async function resetUserPassword(
  ctx: DeskContext,
  input: ChannelParsed<'users.resetPassword'>,
): Promise<UserSummary> {
  const open = ctx.session.requireOpen();
  const db = open.store.db;
  const target = await findUserOrThrow(db, input.userId);
  // A slot for a disabled account would let it decrypt the database again: enable it first.
  if (target.disabled === 1) throw new DomainError('USER_DISABLED');

  const now = ctx.clock.now();
  const row = await db.transaction().execute(async (trx) => {
    const updated = await updateUser(trx, target.id, { must_change_password: 1 }, now);
    await appendAudit(
      trx,
      { ...actorOf(open.user), action: 'user.password_reset', targetType: 'user', targetId: target.id },
      now,
    );
    return updated;
  });
  setUserSlot(ctx.dataDir, open.dbKey, {
    userId: target.id,
    username: target.username,
    password: input.temporaryPassword,
  });
  if (target.id === open.user.id) ctx.session.switchUser(toSessionUser(row));
  return toSummary(row);
}

async function otherActiveAdmins(db: Db, exceptId: string): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('disabled', '=', 0)
    .where('deleted_at', 'is', null)
    .where('id', '!=', exceptId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
