import { z } from 'zod';
import { channel, Done, NoInput, type ChannelSpec } from '../ipc';
import { PasswordSchema, SessionUserSchema, UsernameSchema } from '../users';
import { StoreUpgradeSchema } from './upgrade';

export const RecoveryIssueSchema = z.object({
  /** Shown once; the admin writes it down. */
  recoveryCode: z.string(),
  /** 1-based index of the group the admin must type back to prove it was written down. */
  confirmGroup: z.number().int().min(1),
});

/** 'auth.*': sign-in, lock, logout, password changes and the recovery code. */
export const authContract = {
  'auth.login': channel({
    input: z.object({ username: UsernameSchema, password: z.string().min(1).max(128) }),
    output: SessionUserSchema,
    access: 'public',
  }),
  /**
   * The upgrade a pending sign-in (or recovery) is running on an older store, null when none is: the
   * sign-in screen polls it while its call waits. Public (nobody is signed in yet) and outside the queue
   * (the sign-in holds the queue meanwhile); counters only (upgrade.ts).
   */
  'auth.upgradeProgress': channel({
    input: NoInput,
    output: StoreUpgradeSchema.nullable(),
    access: 'public',
    activity: 'poll',
    outsideQueue: true,
  }),
  'auth.lock': channel({
    input: NoInput,
    output: Done,
    access: 'session',
    allowWhilePasswordChangeRequired: true,
  }),
  'auth.logout': channel({
    input: NoInput,
    output: Done,
    access: 'session',
    allowWhilePasswordChangeRequired: true,
  }),
  'auth.touch': channel({
    input: NoInput,
    output: Done,
    access: 'session',
    allowWhilePasswordChangeRequired: true,
  }),
  'auth.changePassword': channel({
    input: z.object({ currentPassword: z.string().min(1).max(128), newPassword: PasswordSchema }),
    output: SessionUserSchema,
    access: 'session',
    allowWhilePasswordChangeRequired: true,
  }),
  'auth.recover': channel({
    input: z.object({
      recoveryCode: z.string().trim().min(8).max(80),
      username: UsernameSchema,
      newPassword: PasswordSchema,
    }),
    output: RecoveryIssueSchema,
    access: 'public',
  }),
  'auth.confirmRecovery': channel({
    input: z.object({ answer: z.string().trim().min(1).max(20) }),
    output: Done,
    access: 'users.manage',
    write: true,
  }),
  'auth.regenerateRecovery': channel({ input: NoInput, output: RecoveryIssueSchema, access: 'users.manage' }),
} as const satisfies Record<string, ChannelSpec>;
