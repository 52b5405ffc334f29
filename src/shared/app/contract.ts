import { z } from 'zod';
import { channel, Done, NoInput, type ChannelSpec } from '../ipc';
import { LocaleSchema, OfficeSchema } from '../settings';
import { SessionUserSchema } from '../users';

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

/** 'app.*': what every screen needs first, and the language (public: the lock screen switches it). */
export const appContract = {
  'app.status': channel({ input: NoInput, output: AppStatusSchema, access: 'public' }),
  'app.setLanguage': channel({ input: z.object({ language: LocaleSchema }), output: Done, access: 'public' }),
} as const satisfies Record<string, ChannelSpec>;
