export { usersHandlers } from './handlers';
export { findUser, findUserByUsername, toSessionUser, updateUser } from './users';
export type { UserRow, UsersTables } from './users.table';
