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
  | { kind: 'failed'; error: ApiError }
  /**
   * Main refused the draft for good (RECORD_STALE: saved elsewhere since; RECORD_AUTHOR_ONLY; signed): no
   * retry, nothing overwritten. `unsaved` is what the user typed and could not be saved: kept, and kept
   * up to date while they go on typing, so the editor can show it and offer to copy it.
   */
  | { kind: 'refused'; error: ApiError; unsaved: RecordValues };

/** Refusals a retry cannot cure: the editor must let the user decide (reload, copy their text). */
const FINAL_REFUSALS: ReadonlySet<string> = new Set([
  'RECORD_STALE',
  'RECORD_AUTHOR_ONLY',
  'RECORD_SIGNED',
  'RECORD_NOT_FOUND',
  'CASE_NOT_FOUND',
]);

/**
 * Saves a record draft as the user types: debounced, one save at a time (the first creates the record,
 * later ones must carry its id and the version they are based on), the latest values always win, failures
 * retried. Pending text is saved when the editor closes, when the window is hidden, and before the session
 * locks or ends. A final refusal (the draft changed elsewhere) stops saving until the editor `adopt`s the
 * current record; what the user typed stays in `state.unsaved` meanwhile.
 */
export function useAutosave(
  caseId: string,
  initialRecordId: string | null,
  initialVersion: number | null,
  onSaved: (r: CounsellingRecord) => void,
) {
  const [state, setState] = useState<AutosaveState>({ kind: 'idle' });
  const recordId = useRef<string | null>(initialRecordId);
  /** The version of the draft the form's text is based on (null before the first save creates it). */
  const version = useRef<number | null>(initialVersion);
  const refusal = useRef<{ error: ApiError; unsaved: RecordValues } | null>(null);
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
        const record = await call(
          'records.saveDraft',
          toDraftInput(caseId, recordId.current, version.current, values),
        );
        recordId.current = record.id;
        version.current = record.version;
        savedRef.current(record);
        report(pending.current ? { kind: 'pending' } : { kind: 'saved', at: new Date() });
        return true;
      } catch (e) {
        const error = e as ApiError;
        // Keep what was typed: newer values if any arrived meanwhile, else these.
        const unsaved = pending.current ?? values;
        if (FINAL_REFUSALS.has(error.code)) {
          pending.current = null;
          refusal.current = { error, unsaved };
          report({ kind: 'refused', error, unsaved });
        } else {
          pending.current = unsaved;
          report({ kind: 'failed', error });
        }
        return false;
      }
    },
    [caseId, report],
  );

  const flush = useCallback(async (): Promise<void> => {
    window.clearTimeout(timer.current);
    for (;;) {
      // Refused for good: nothing is sent until the editor adopts the current record.
      if (refusal.current) return;
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
        if (!refusal.current) timer.current = window.setTimeout(() => void flush(), RETRY_MS);
        return;
      }
    }
  }, [saveOnce]);

  const schedule = useCallback(
    (values: RecordValues) => {
      if (refusal.current) {
        // Saving is stopped: what they type now is still theirs, kept with the refusal.
        refusal.current = { ...refusal.current, unsaved: values };
        report({ kind: 'refused', ...refusal.current });
        return;
      }
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

  /** Continues from `record` as it now is (after a reload): saving resumes, based on its version. */
  const adopt = useCallback(
    (record: CounsellingRecord) => {
      window.clearTimeout(timer.current);
      refusal.current = null;
      pending.current = null;
      recordId.current = record.id;
      version.current = record.version;
      savedRef.current(record);
      report({ kind: 'idle' });
    },
    [report],
  );

  return {
    state,
    schedule,
    flush,
    adopt,
    recordId: () => recordId.current,
    version: () => version.current,
    isRefused: () => refusal.current !== null,
  };
}
