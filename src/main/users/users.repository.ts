import type { Transaction } from 'kysely';
import { DomainError } from '../../shared/errors';
import type { Role } from '../../shared/roles';
import type { UserRef } from '../../shared/cases';
import type { DB, Db } from '../db';
import type { NewUserRow, UserRow } from './users.table';

/* The users table's queries. Deleted accounts keep their row (the audit log and synced rows refer to them). */

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

/** Whether any account, deleted ones included, already has this username. */
export async function usernameTaken(db: Db, username: string): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
  return row !== undefined;
}

/** Every account that is not deleted, oldest first. */
export function listUsersQuery(db: Db) {
  return db
    .selectFrom('users')
    .selectAll()
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .orderBy('username');
}

export async function insertUser(trx: Transaction<DB>, row: NewUserRow): Promise<UserRow> {
  return trx.insertInto('users').values(row).returningAll().executeTakeFirstOrThrow();
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

/** Active administrators other than `exceptId` (the last one may not be disabled). */
export async function otherActiveAdmins(db: Db, exceptId: string): Promise<number> {
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

/** The role of an active (not disabled, not deleted) account, or undefined. */
export async function activeRole(db: Db, id: string): Promise<Role | undefined> {
  const row = await db
    .selectFrom('users')
    .select('role')
    .where('id', '=', id)
    .where('disabled', '=', 0)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row?.role;
}

/** Which of `ids` are accounts that may sign in (neither disabled nor deleted). */
export async function enabledUserIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('id', 'in', [...ids])
    .where('disabled', '=', 0)
    .where('deleted_at', 'is', null)
    .execute();
  return new Set(rows.map((u) => u.id));
}

/** Which of `ids` are counsellors or directors (disabled ones too: they may be named on old records). */
export async function counsellorIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('id', 'in', [...ids])
    .where('role', 'in', ['counsellor', 'director'])
    .where('deleted_at', 'is', null)
    .execute();
  return new Set(rows.map((u) => u.id));
}

/** Active counsellors and directors, by name: the pickers for the counsellor in charge. */
export function activeCounsellorsQuery(db: Db) {
  return db
    .selectFrom('users')
    .select(['id', 'display_name', 'role'])
    .where('role', 'in', ['counsellor', 'director'])
    .where('disabled', '=', 0)
    .where('deleted_at', 'is', null)
    .orderBy('display_name');
}

/** Enabled accounts of one role, by display name. */
export async function activeUsersOfRole(db: Db, role: Role): Promise<(UserRef & { username: string })[]> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name', 'username'])
    .where('role', '=', role)
    .where('disabled', '=', 0)
    .where('deleted_at', 'is', null)
    .orderBy('display_name')
    .execute();
  return rows.map((r) => ({ id: r.id, displayName: r.display_name, username: r.username }));
}

export async function activeCounsellors(db: Db): Promise<(UserRef & { role: Role })[]> {
  const rows = await activeCounsellorsQuery(db).execute();
  return rows.map((r) => ({ id: r.id, displayName: r.display_name, role: r.role }));
}

/** Display names of the given users (removed ones are simply absent). */
export async function displayNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', unique)
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** A user reference for output; a user removed since keeps their id with an empty name. */
export function userRef(names: ReadonlyMap<string, string>, id: string): UserRef {
  return { id, displayName: names.get(id) ?? '' };
}
