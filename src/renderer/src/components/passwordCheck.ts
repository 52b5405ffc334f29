import { useEffect, useState } from 'react';
import type { PasswordCheck } from '@shared/password-strength';

/** checkPassword of src/shared/password-strength: the very function main refuses weak passwords with. */
export type CheckPassword = (password: string, related?: readonly string[]) => PasswordCheck;

let loaded: CheckPassword | null = null;

/**
 * checkPassword, loaded on first need: it carries zxcvbn-ts and its dictionaries (about 0.45 MB of script),
 * so it comes in a chunk of its own when a screen that sets a password asks for it, never on the sign-in
 * path (docs/architecture.md "Route split").
 */
export async function loadCheckPassword(): Promise<CheckPassword> {
  const { checkPassword } = await import('@shared/password-strength');
  loaded = checkPassword;
  return checkPassword;
}

/** checkPassword for a component (a meter): null for the moment its chunk takes to arrive. */
export function useCheckPassword(): CheckPassword | null {
  const [check, setCheck] = useState<CheckPassword | null>(() => loaded);
  useEffect(() => {
    if (check) return;
    loadCheckPassword().then(
      (c) => setCheck(() => c),
      // Not loaded (it is a local file): the meter stays empty; the form's validator reports the failure.
      () => undefined,
    );
  }, [check]);
  return check;
}
