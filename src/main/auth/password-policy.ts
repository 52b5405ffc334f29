import { DomainError } from '../../shared/errors';
import { checkPassword } from '../../shared/password-strength';

/**
 * Refuses a new password that is too short, a common password or too easy to guess (checkPassword — the
 * score the renderer's meter shows). `related` are the person's username, display name and office, which
 * an attacker would try first. Used wherever a password is set: setup, new accounts, resets, changes and
 * recovery.
 */
export function assertStrongPassword(password: string, related: readonly string[] = []): void {
  const { problem } = checkPassword(password, related);
  if (problem) throw new DomainError('WEAK_PASSWORD', { reason: problem });
}
