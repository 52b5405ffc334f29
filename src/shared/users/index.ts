export { usersContract } from './contract';
export { PASSWORD_MIN_LENGTH, PASSWORD_MIN_SCORE } from './password-rules';
export {
  DisplayNameSchema,
  PasswordSchema,
  SessionUserSchema,
  UserIdSchema,
  UsernameSchema,
  UserSummarySchema,
} from './schemas';
export type { SessionUser, UserSummary } from './schemas';
