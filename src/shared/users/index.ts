export { usersContract } from './contract';
export {
  checkPassword,
  PASSWORD_MIN_LENGTH,
  PASSWORD_MIN_SCORE,
  passwordStrength,
} from './password-strength';
export type { PasswordCheck, PasswordProblem, PasswordStrength } from './password-strength';
export {
  DisplayNameSchema,
  PasswordSchema,
  SessionUserSchema,
  UserIdSchema,
  UsernameSchema,
  UserSummarySchema,
} from './schemas';
export type { SessionUser, UserSummary } from './schemas';
