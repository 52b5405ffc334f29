import { useCallback, useEffect, useRef, useState } from 'react';
import { call, registerPendingWrite, type ApiError } from '../api';
import type { CounsellingRecord } from '@shared/records';
import { toDraftInput, type RecordValues } from './recordForm';

/** Pause in typing before a draft is saved. */
const DEBOUNCE_MS = 1_200;
/** After a failed save, try again this much later (the values stay in memory meanwhile). */
const RETRY_MS = 5_000;

export type AutosaveState =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'failed'; error: ApiError };

/**
 * Saves a record draft as the user types: debounced, one save at a time (the first creates the record,
 * later ones must carry its id), the latest values always win, failures retried. Pending text is saved
 * when the editor closes, when the window is hidden, and before the session locks or ends.
 */
export function useAutosave(
  caseId: string,
  initialRecordId: string | null,
  onSaved: (r: CounsellingRecord) => void,
) {
  const [state, setState] = useState<AutosaveState>({ kind: 'idle' });
  const recordId = useRef<string | null>(initialRecordId);
  const pending = useRef<RecordValues | null>(null);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const mounted = useRef(true);
  const savedRef = useRef(onSaved);
  useEffect(() => {
    savedRef.current = onSaved;
  }, [onSaved]);

  const report = useCallback((next: AutosaveState) => {
    if (mounted.current) setState(next);
  }, []);

  const saveOnce = useCallback(
    async (values: RecordValues): Promise<boolean> => {
      report({ kind: 'saving' });
      try {
        const record = await call('records.saveDraft', toDraftInput(caseId, recordId.current, values));
        recordId.current = record.id;
        savedRef.current(record);
        report(pending.current ? { kind: 'pending' } : { kind: 'saved', at: new Date() });
        return true;
      } catch (e) {
        // Keep what was typed: newer values if any arrived meanwhile, else these.
        pending.current ??= values;
        report({ kind: 'failed', error: e as ApiError });
        return false;
      }
    },
    [caseId, report],
  );

  const flush = useCallback(async (): Promise<void> => {
    window.clearTimeout(timer.current);
    for (;;) {
      if (inFlight.current) {
        await inFlight.current;
        continue;
      }
      const values = pending.current;
      if (!values) return;
      pending.current = null;
      const attempt = saveOnce(values);
      inFlight.current = attempt;
      const ok = await attempt.finally(() => {
        inFlight.current = null;
      });
      if (!ok) {
        timer.current = window.setTimeout(() => void flush(), RETRY_MS);
        return;
      }
    }
  }, [saveOnce]);

  const schedule = useCallback(
    (values: RecordValues) => {
      pending.current = values;
      report({ kind: 'pending' });
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void flush(), DEBOUNCE_MS);
    },
    [flush, report],
  );

  useEffect(() => {
    mounted.current = true;
    const unregister = registerPendingWrite(flush);
    const onHidden = () => {
      if (document.visibilityState === 'hidden') void flush();
    };
    document.addEventListener('visibilitychange', onHidden);
    return () => {
      mounted.current = false;
      document.removeEventListener('visibilitychange', onHidden);
      unregister();
      // Closing the editor saves whatever is still waiting.
      void flush();
    };
  }, [flush]);

  return { state, schedule, flush, recordId: () => recordId.current };
}
