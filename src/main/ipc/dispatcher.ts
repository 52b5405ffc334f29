import { can } from '../../shared/roles';
import { DomainError, isDomainError } from '../../shared/errors';
import { localizeError, localizeIssues } from '../../shared/i18n';
import type { ChannelSpec, Result, WireError } from '../../shared/ipc';
import { contract, isChannel, type Channel } from '../../shared/contract';
import { lockDesk } from '../auth';
import { type DeskContext, SerialQueue } from '../desk';
import type { Handlers } from './handler';

/*
 * Every contract call, whatever the transport (Electron IPC, the harness's HTTP, tests):
 *   channel check → idle lock → session and role → temporary-password gate → zod parse → handler →
 *   output parse → typed result.
 * Only DomainErrors cross with their code; anything else is INTERNAL, logged with the channel name and
 * the error's class only (never its message or the input: either may hold personal data).
 */

export interface Dispatcher {
  dispatch(channel: string, input: unknown): Promise<Result<unknown>>;
  /** Locks the desk if it has been idle for settings.idleLockMinutes (also run by a timer). */
  lockIfIdle(): Promise<void>;
  /** Locks the desk and refuses every later call. */
  close(): Promise<void>;
}

type AnyHandler = (input: unknown, ctx: DeskContext) => Promise<unknown>;

export function createDispatcher(ctx: DeskContext, handlers: Handlers): Dispatcher {
  const queue = new SerialQueue();
  let closed = false;

  function failure(e: DomainError): Result<never> {
    const error: WireError = { code: e.code, message: localizeError(ctx.prefs.language, e.code, e.meta) };
    if (e.fields) error.fields = e.fields;
    if (Object.keys(e.meta).length > 0) error.meta = e.meta;
    return { ok: false, error };
  }

  function internal(where: string, e: unknown): Result<never> {
    logInternal(where, e);
    return failure(new DomainError('INTERNAL'));
  }

  async function lockIfIdle(): Promise<void> {
    if (!ctx.session.isIdle()) return;
    try {
      await lockDesk(ctx, 'idle');
    } catch (e) {
      // The desk is locked regardless (lockDesk closes it in `finally`); only the audit entry failed.
      logInternal('idle-lock', e);
    }
  }

  /** Throws LOCKED / SETUP_REQUIRED / FORBIDDEN / PASSWORD_CHANGE_REQUIRED. */
  function authorize(spec: ChannelSpec): void {
    if (spec.access === 'public') return;
    const { user } = ctx.session.requireOpen();
    if (spec.access !== 'session' && !can(user.role, spec.access)) throw new DomainError('FORBIDDEN');
    if (user.mustChangePassword && !spec.allowWhilePasswordChangeRequired) {
      throw new DomainError('PASSWORD_CHANGE_REQUIRED');
    }
  }

  async function handle(channel: Channel, rawInput: unknown): Promise<Result<unknown>> {
    const spec: ChannelSpec = contract[channel];
    try {
      await lockIfIdle();
      // Access before parsing: a locked or unauthorised caller learns nothing about a channel's schema.
      authorize(spec);
      const parsed = spec.input.safeParse(rawInput);
      if (!parsed.success) {
        const fields = localizeIssues(ctx.prefs.language, parsed.error.issues, rawInput);
        return failure(new DomainError('VALIDATION', {}, fields));
      }
      // The parse above produced exactly ChannelParsed<typeof channel>; TypeScript cannot follow the
      // correlation between `channel` and `handlers[channel]`, hence the widening.
      const handler = handlers[channel] as AnyHandler;
      const value = await handler(parsed.data, ctx);
      const output = spec.output.safeParse(value);
      if (!output.success) return internal(channel, new OutputMismatch());
      if (spec.access !== 'public') ctx.session.touch();
      return { ok: true, value: output.data };
    } catch (e) {
      if (isDomainError(e)) return failure(e);
      return internal(channel, e);
    }
  }

  return {
    dispatch(channel, input) {
      // Unknown names are answered without queueing or logging (the name is caller-controlled text).
      if (!isChannel(channel)) return Promise.resolve(failure(new DomainError('UNKNOWN_CHANNEL')));
      const run = () =>
        closed ? Promise.resolve(failure(new DomainError('LOCKED'))) : handle(channel, input);
      const spec: ChannelSpec = contract[channel];
      return spec.outsideQueue ? run() : queue.run(run);
    },
    lockIfIdle: () => queue.run(() => (closed ? Promise.resolve() : lockIfIdle())),
    close: () =>
      queue.run(async () => {
        if (closed) return;
        closed = true;
        await lockDesk(ctx, 'shutdown');
      }),
  };
}

/** A handler returned something its contract's output schema rejects: a bug on our side. */
class OutputMismatch extends Error {
  override readonly name = 'OutputMismatch';
}

function logInternal(where: string, e: unknown): void {
  const kind = e instanceof Error ? e.constructor.name : typeof e;
  // A system or SQLite error code (ENOENT, SQLITE_BUSY) helps support and carries no personal data.
  const code = (e as { code?: unknown } | null)?.code;
  const suffix = typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(code) ? ` (${code})` : '';
  console.error(`[ipc] ${where} failed: ${kind}${suffix}`);
}
