import type { Generated, Insertable, Selectable } from 'kysely';
import type { Role } from '../../shared/roles';
import type { Bool01, SyncedColumns } from '../db';

/* The users table (migration 0001). */

export interface UsersTable extends SyncedColumns {
  /** UUIDv7. */
  id: string;
  /** Lower-case; unique regardless of case. */
  username: string;
  display_name: string;
  role: Role;
  disabled: Generated<Bool01>;
  must_change_password: Generated<Bool01>;
  last_login_at: string | null;
}

export interface UsersTables {
  users: UsersTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
