import { z } from 'zod';
import { RecoveryIssueSchema } from '../auth';
import { channel, type ChannelSpec } from '../ipc';
import { LocaleSchema, OfficeSchema } from '../settings';
import { DisplayNameSchema, PasswordSchema, UsernameSchema } from '../users';

/** 'setup.*': the first-run wizard (office, administrator, recovery code). */
export const setupContract = {
  'setup.create': channel({
    input: z.object({
      office: OfficeSchema,
      admin: z.object({ username: UsernameSchema, displayName: DisplayNameSchema, password: PasswordSchema }),
      language: LocaleSchema,
    }),
    output: RecoveryIssueSchema,
    access: 'public',
  }),
} as const satisfies Record<string, ChannelSpec>;
