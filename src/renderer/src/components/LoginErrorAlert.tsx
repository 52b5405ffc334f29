import { localizeError } from '@shared/i18n';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api';
import { currentLocale } from '../i18n';
import { ErrorAlert } from './ErrorAlert';
import { retryAfterSeconds } from './useCountdown';

interface Props {
  error: unknown;
  /** Seconds left before another attempt is allowed (0: none). */
  wait: number;
}

/**
 * A failed sign-in. While main makes the user wait, the alert counts down; a "too many attempts"
 * message whose wait is over is no longer true, so it goes away.
 */
export function LoginErrorAlert({ error, wait }: Props) {
  const { t } = useTranslation();
  if (isApiError(error) && error.code === 'LOGIN_THROTTLED' && retryAfterSeconds(error) > 0) {
    if (wait <= 0) return null;
    const live = new Error(localizeError(currentLocale(), 'LOGIN_THROTTLED', { seconds: wait }));
    return <ErrorAlert error={live} message={live.message} />;
  }
  return <ErrorAlert error={error} extra={wait > 0 ? t('errors.retryIn', { seconds: wait }) : undefined} />;
}
