export { usersContract } from './contract';
export {
  DisplayNameSchema,
  PASSWORD_MIN_LENGTH,
  PasswordSchema,
  passwordStrength,
  SessionUserSchema,
  UserIdSchema,
  UsernameSchema,
  UserSummarySchema,
} from './schemas';
export type { PasswordStrength, SessionUser, UserSummary } from './schemas';
