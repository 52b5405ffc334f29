import { z } from 'zod';
import { RoleSchema } from '../roles';

export const UsernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_.-]{2,31}$/);

export const DisplayNameSchema = z.string().trim().min(1).max(40);

/** Length is the rule that matters; strength is shown (passwordStrength) but only length is enforced. */
export const PASSWORD_MIN_LENGTH = 8;
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

export type PasswordStrength = 0 | 1 | 2 | 3 | 4;

/** A rough strength score for the meter: length and character classes, penalising repeats. */
export function passwordStrength(password: string): PasswordStrength {
  if (password.length < PASSWORD_MIN_LENGTH) return 0;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  const distinct = new Set(password).size;
  let score = 1;
  if (password.length >= 12) score++;
  if (classes >= 3) score++;
  if (password.length >= 16 && classes >= 2) score++;
  if (distinct < password.length / 3) score = Math.max(1, score - 2);
  return Math.min(4, score) as PasswordStrength;
}
