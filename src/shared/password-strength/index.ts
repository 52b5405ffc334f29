export { checkPassword, passwordStrength } from './strength';
export type { PasswordCheck, PasswordProblem, PasswordStrength } from './strength';
