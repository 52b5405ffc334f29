import { useTranslation } from 'react-i18next';
import { passwordStrength, type PasswordStrength } from '@shared/users';

const WORDS = ['tooShort', 'weak', 'fair', 'good', 'strong'] as const;

const COLOURS: Record<PasswordStrength, string> = {
  0: '#d9d9d9',
  1: '#d4380d',
  2: '#d48806',
  3: '#1677ff',
  4: '#389e0d',
};

/** Four bars and a word (弱/一般/较强/强); only length is enforced, the rest is advice. */
export function StrengthMeter({ password }: { password: string }) {
  const { t } = useTranslation();
  const score = passwordStrength(password);
  return (
    <div className="strength" aria-live="polite">
      <div className="strength-bars" aria-hidden="true">
        {[1, 2, 3, 4].map((bar) => (
          <span key={bar} style={{ background: bar <= score ? COLOURS[score] : COLOURS[0] }} />
        ))}
      </div>
      <span className="strength-text">
        {t('strength.label')}：{password ? t(`strength.${WORDS[score]}`) : '—'}
      </span>
    </div>
  );
}
