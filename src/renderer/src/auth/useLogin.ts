import { useEffect } from 'react';
import { useApiMutation } from '../api';
import { retryAfterSeconds, useCountdown } from '../components';

/** auth.login plus the wait main asks for after repeated failures. */
export function useLogin() {
  const login = useApiMutation('auth.login');
  const [wait, startWait] = useCountdown();
  const { error } = login;
  useEffect(() => {
    startWait(retryAfterSeconds(error));
  }, [error, startWait]);
  return { login, wait };
}
