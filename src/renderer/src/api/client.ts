import type { Channel, ChannelInput, ChannelOutput } from '@shared/contract';
import type { WireError } from '@shared/ipc';
import type { ErrorCode, ErrorMeta } from '@shared/errors';
import { i18n } from '../i18n';

/** A failed contract call. `message` is already localized by main; show it as it is. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: ErrorCode;
  readonly fields: Record<string, string> | undefined;
  readonly meta: ErrorMeta;

  constructor(error: WireError) {
    super(error.message);
    this.code = error.code;
    this.fields = error.fields;
    this.meta = error.meta ?? {};
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** Listeners told when main says the session is gone (idle lock in main, or lock from elsewhere). */
type SessionListener = (code: 'LOCKED' | 'PASSWORD_CHANGE_REQUIRED') => void;
const sessionListeners = new Set<SessionListener>();

export function onSessionChange(listener: SessionListener): () => void {
  sessionListeners.add(listener);
  return () => {
    sessionListeners.delete(listener);
  };
}

/** Calls one contract channel; resolves with its value or throws an ApiError. */
export async function call<K extends Channel>(channel: K, input: ChannelInput<K>): Promise<ChannelOutput<K>> {
  let result;
  try {
    result = await window.api[channel](input);
  } catch {
    // The transport itself failed (main gone, harness stopped): nothing was done on our side.
    throw new ApiError({ code: 'INTERNAL', message: i18n.t('errors.transport') });
  }
  if (result.ok) return result.value;
  const { code } = result.error;
  if (code === 'LOCKED' || code === 'PASSWORD_CHANGE_REQUIRED') {
    for (const listener of sessionListeners) listener(code);
  }
  throw new ApiError(result.error);
}

/** The message to show for anything thrown by a call (or by our own code). */
export function errorMessage(e: unknown): string {
  return isApiError(e) ? e.message : i18n.t('errors.unexpected');
}
