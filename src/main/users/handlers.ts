import { createUser, listUsers, resetUserPassword, setUserDisabled } from './users';
import type { DomainHandlers } from '../ipc';

export const usersHandlers = {
  'users.list': (_input, ctx) => listUsers(ctx),
  'users.create': (input, ctx) => createUser(ctx, input),
  'users.setDisabled': (input, ctx) => setUserDisabled(ctx, input),
  'users.resetPassword': (input, ctx) => resetUserPassword(ctx, input),
} satisfies DomainHandlers<'users'>;
