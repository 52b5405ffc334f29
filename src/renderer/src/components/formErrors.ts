import { useCallback, useState } from 'react';
import type { FormInstance } from 'antd';
import { isApiError } from '../api';

/** Dotted input path ('office.county', 'items.0.name') → antd name path. */
function toNamePath(path: string): (string | number)[] {
  return path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Puts a VALIDATION error's per-field messages onto the form's fields. `mapPath` renames or drops
 * (returns null) an input path whose field lives elsewhere. Returns the paths that were applied.
 */
export function applyFieldErrors(
  form: FormInstance,
  error: unknown,
  mapPath: (path: string) => string | null = (p) => p,
): string[] {
  if (!isApiError(error) || !error.fields) return [];
  const applied: string[] = [];
  const updates = Object.entries(error.fields).flatMap(([path, message]) => {
    const target = mapPath(path);
    if (target === null) return [];
    applied.push(path);
    return [{ name: toNamePath(target), errors: [message] }];
  });
  form.setFields(updates);
  return applied;
}

/**
 * The form-level error to show: none when every message landed on a field (each field's message is
 * already announced as an alert), otherwise the call's own message.
 */
export function useFormError(form: FormInstance) {
  const [error, setError] = useState<unknown>(null);
  const report = useCallback(
    (e: unknown, mapPath?: (path: string) => string | null) => {
      const applied = applyFieldErrors(form, e, mapPath);
      setError(applied.length > 0 ? null : e);
    },
    [form],
  );
  const clear = useCallback(() => setError(null), []);
  return { error, report, clear };
}
