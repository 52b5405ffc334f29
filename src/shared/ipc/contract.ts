import { z } from 'zod';
import { RoleSchema } from '../roles';
import { OfficeSchema } from '../schemas/office';
import {
  DisplayNameSchema,
  PasswordSchema,
  SessionUserSchema,
  UserIdSchema,
  UserSummarySchema,
  UsernameSchema,
} from '../schemas/user';
import { LocaleSchema, SettingsPatchSchema, SettingsSchema } from '../schemas/settings';
import { AuditEntrySchema, AuditFilterSchema, AuditVerificationSchema } from '../schemas/audit';
import { channel, Done, NoInput, type ChannelSpec } from './spec';
import { casesContract } from './contracts/cases';
import { recordsContract } from './contracts/records';
import { dvContract } from './contracts/dv';
import { referralsContract } from './contracts/referrals';
import { supervisionContract } from './contracts/supervision';
import { dashboardContract } from './contracts/dashboard';
import { searchContract } from './contracts/search';
import { printContract } from './contracts/print';
import { calendarContract } from './contracts/calendar';
import { syncContract } from './contracts/sync';

export type { Access, ChannelSpec } from './spec';

export const RecoveryIssueSchema = z.object({
  /** Shown once; the admin writes it down. */
  recoveryCode: z.string(),
  /** 1-based index of the group the admin must type back to prove it was written down. */
  confirmGroup: z.number().int().min(1),
});

export const AppStatusSchema = z.object({
  phase: z.enum(['setup', 'locked', 'unlocked']),
  language: LocaleSchema,
  /** The signed-in user (phase 'unlocked'). */
  user: SessionUserSchema.nullable(),
  /** Who locked the desk, so the lock screen asks only for the password (phase 'locked'). */
  lockedUser: z.object({ username: z.string(), displayName: z.string() }).nullable(),
  office: z.object({ centreName: z.string(), level: OfficeSchema.shape.level }).nullable(),
  idleLockMinutes: z.number().int(),
  /** The recovery code has been issued but not yet confirmed by the admin. */
  recoveryPending: z.boolean(),
});
export type AppStatus = z.infer<typeof AppStatusSchema>;

export const contract = {
  'app.status': channel({ input: NoInput, output: AppStatusSchema, access: 'public' }),
  'app.setLanguage': channel({ input: z.object({ language: LocaleSchema }), output: Done, access: 'public' }),

  'setup.create': channel({
    input: z.object({
      office: OfficeSchema,
      admin: z.object({ username: UsernameSchema, displayName: DisplayNameSchema, password: PasswordSchema }),
      language: LocaleSchema,
    }),
    output: RecoveryIssueSchema,
    access: 'public',
  }),

  'auth.login': channel({
    input: z.object({ username: UsernameSchema, password: z.string().min(1).max(128) }),
    output: SessionUserSchema,
    access: 'public',
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
  /** Activity heartbeat from the renderer (throttled); keeps the idle lock from firing. */
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
  /** Resets an administrator's password with the recovery code; issues a new recovery code. */
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
  }),
  'auth.regenerateRecovery': channel({ input: NoInput, output: RecoveryIssueSchema, access: 'users.manage' }),

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

  'settings.get': channel({ input: NoInput, output: SettingsSchema, access: 'session' }),
  'settings.update': channel({
    input: SettingsPatchSchema,
    output: SettingsSchema,
    access: 'settings.manage',
  }),

  'audit.list': channel({
    input: AuditFilterSchema,
    output: z.object({ rows: z.array(AuditEntrySchema), total: z.number().int() }),
    access: 'audit.view',
  }),
  'audit.verify': channel({ input: NoInput, output: AuditVerificationSchema, access: 'audit.view' }),
  ...casesContract,
  ...recordsContract,
  ...dvContract,
  ...referralsContract,
  ...supervisionContract,
  ...dashboardContract,
  ...searchContract,
  ...printContract,
  ...calendarContract,
  ...syncContract,
} as const satisfies Record<string, ChannelSpec>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export const CHANNELS = Object.keys(contract) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
