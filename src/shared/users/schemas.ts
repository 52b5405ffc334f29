import { z } from 'zod';
import { RoleSchema } from '../roles';
import { PASSWORD_MIN_LENGTH } from './password-rules';

export const UsernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_.-]{2,31}$/);

export const DisplayNameSchema = z.string().trim().min(1).max(40);

/**
 * The shape of a new password (length); its strength is checked by the services with checkPassword
 * (src/shared/password-strength), which the renderer's meter shows too.
 */
export const PasswordSchema = z.string().min(PASSWORD_MIN_LENGTH).max(128);

export const UserIdSchema = z.string().uuid();

export const UserSummarySchema = z.object({
  id: UserIdSchema,
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});
export type UserSummary = z.infer<typeof UserSummarySchema>;

export const SessionUserSchema = z.object({
  id: UserIdSchema,
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  mustChangePassword: z.boolean(),
});
export type SessionUser = z.infer<typeof SessionUserSchema>;
