import { createUser, listUsers, resetUserPassword, setUserDisabled } from '../services/users';
import type { DomainHandlers } from './handler';

export const usersHandlers = {
  'users.list': (_input, ctx) => listUsers(ctx),
  'users.create': (input, ctx) => createUser(ctx, input),
  'users.setDisabled': (input, ctx) => setUserDisabled(ctx, input),
  'users.resetPassword': (input, ctx) => resetUserPassword(ctx, input),
} satisfies DomainHandlers<'users'>;
