import { z } from 'zod';
import { channel, NoInput, type ChannelSpec } from '../ipc';
import { RoleSchema } from '../roles';
import {
  DisplayNameSchema,
  PasswordSchema,
  UserIdSchema,
  UserSummarySchema,
  UsernameSchema,
} from './schemas';

/** 'users.*': accounts and their roles (administrators). */
export const usersContract = {
  'users.list': channel({ input: NoInput, output: z.array(UserSummarySchema), access: 'users.manage' }),
  'users.create': channel({
    input: z.object({
      username: UsernameSchema,
      displayName: DisplayNameSchema,
      role: RoleSchema,
      temporaryPassword: PasswordSchema,
    }),
    output: UserSummarySchema,
    access: 'users.manage',
  }),
  'users.setDisabled': channel({
    input: z.object({ userId: UserIdSchema, disabled: z.boolean() }),
    output: UserSummarySchema,
    access: 'users.manage',
  }),
  'users.resetPassword': channel({
    input: z.object({ userId: UserIdSchema, temporaryPassword: PasswordSchema }),
    output: UserSummarySchema,
    access: 'users.manage',
  }),
} as const satisfies Record<string, ChannelSpec>;
