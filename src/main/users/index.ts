export { usersHandlers } from './handlers';
export {
  activeCounsellors,
  activeRole,
  activeUsersOfRole,
  counsellorIds,
  displayNames,
  enabledUserIds,
  findUser,
  findUserByUsername,
  insertUser,
  updateUser,
  userRef,
} from './users.repository';
export { toSessionUser } from './users.service';
export type { NewUserRow, UserRow, UsersTables } from './users.table';
