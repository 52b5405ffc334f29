import { useTranslation } from 'react-i18next';
import type { PasswordStrength } from '@shared/password-strength';
import { useCheckPassword } from './passwordCheck';

const WORDS = ['tooShort', 'weak', 'fair', 'good', 'strong'] as const;

const COLOURS: Record<PasswordStrength, string> = {
  0: '#d9d9d9',
  1: '#d4380d',
  2: '#d48806',
  3: '#1677ff',
  4: '#389e0d',
};

/**
 * Four bars and a word (弱/一般/较强/强): the score of checkPassword, the very function the main process
 * refuses weak passwords with, so what the meter calls usable the desk accepts. Empty bars until that
 * function's chunk has arrived (useCheckPassword).
 */
export function StrengthMeter({
  password,
  related = [],
  label,
}: {
  password: string;
  related?: string[];
  /** What is measured, when it is not a password (a case archive's passphrase: 口令强度). */
  label?: string;
}) {
  const { t } = useTranslation();
  const checkPassword = useCheckPassword();
  const { strength: score, problem } = checkPassword?.(password, related) ?? { strength: 0, problem: null };
  return (
    <div className="strength" aria-live="polite">
      <div className="strength-bars" aria-hidden="true">
        {[1, 2, 3, 4].map((bar) => (
          <span key={bar} style={{ background: bar <= score ? COLOURS[score] : COLOURS[0] }} />
        ))}
      </div>
      <span className="strength-text">
        {label ?? t('strength.label')}：{password ? t(`strength.${WORDS[score]}`) : '—'}
        {password && problem && problem !== 'tooShort' ? t('strength.refused') : null}
      </span>
    </div>
  );
}
