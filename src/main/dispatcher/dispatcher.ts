import { can } from '../../shared/roles';
import { DomainError, isDomainError } from '../../shared/errors';
import { logFailure } from '../../shared/failure';
import { fieldIssuesOf, localizeError, localizeFields, localizeMeta } from '../../shared/i18n';
import type { ChannelSpec, Result, WireError } from '../../shared/ipc';
import { contract, isChannel, type Channel } from '../../shared/contract';
import { runDeskCall, SerialQueue, type DeskCall, type DeskContext, type PublicCall } from '../desk';
import type { Handlers } from './handler';

/*
 * Every contract call, whatever the transport (Electron IPC, the harness's HTTP, tests):
 *   channel check → idle lock → session and role → temporary-password gate → zod parse → handler →
 *   output parse → typed result (→ the session's activity mark, unless the channel is a timer's 'poll').
 * A `write` channel's handler runs inside ONE transaction opened here and committed when it returns; a
 * DomainError rolls everything back, so bad input changes nothing (docs/architecture.md "One call").
 * Only DomainErrors cross with their code, translated here, once, into the desk's language; anything else
 * is INTERNAL, logged with the channel name and the error's class only (never its message or the input:
 * either may hold personal data).
 */

export interface Dispatcher {
  dispatch(channel: string, input: unknown): Promise<Result<unknown>>;
  /** Locks the desk if it has been idle for settings.idleLockMinutes (also run by a timer). */
  lockIfIdle(): Promise<void>;
  /** Locks the desk and refuses every later call. */
  close(): Promise<void>;
}

/** How the desk locks (audited, then the store closes): the auth module's, given by the composition root. */
export type LockDesk = (ctx: DeskContext, reason: 'idle' | 'shutdown') => Promise<void>;

type AnyHandler = (input: unknown, call: PublicCall | DeskCall) => Promise<unknown>;

export function createDispatcher(ctx: DeskContext, handlers: Handlers, lockDesk: LockDesk): Dispatcher {
  const queue = new SerialQueue();
  // Background work started by a call (the case list's keys after a sign-in) steps aside for the calls.
  ctx.followUps.waitFor(() => queue.idle());
  let closed = false;

  function failure(e: DomainError): Result<never> {
    const locale = ctx.prefs.language;
    const error: WireError = { code: e.code, message: localizeError(locale, e.code, e.meta) };
    if (e.fields) error.fields = localizeFields(locale, e.fields);
    if (Object.keys(e.meta).length > 0) error.meta = localizeMeta(locale, e.code, e.meta);
    return { ok: false, error };
  }

  function internal(where: string, e: unknown): Result<never> {
    logFailure('ipc', where, e);
    return failure(new DomainError('INTERNAL'));
  }

  async function lockIfIdle(): Promise<void> {
    if (!ctx.session.isIdle()) return;
    try {
      await lockDesk(ctx, 'idle');
    } catch (e) {
      // The desk is locked regardless (lockDesk closes it in `finally`); only the audit entry failed.
      logFailure('ipc', 'idle-lock', e);
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

  /** The handler with what its channel's spec gives it; a write channel's inside one transaction. */
  function run(spec: ChannelSpec, handler: AnyHandler, input: unknown): Promise<unknown> {
    if (spec.access === 'public') return handler(input, { ctx });
    return runDeskCall(ctx, ctx.session.requireOpen(), spec.write === true, (call) => handler(input, call));
  }

  async function handle(channel: Channel, rawInput: unknown): Promise<Result<unknown>> {
    const spec: ChannelSpec = contract[channel];
    try {
      await lockIfIdle();
      // Access before parsing: a locked or unauthorised caller learns nothing about a channel's schema.
      authorize(spec);
      const parsed = spec.input.safeParse(rawInput);
      if (!parsed.success) {
        return failure(new DomainError('VALIDATION', {}, fieldIssuesOf(parsed.error.issues, rawInput)));
      }
      // The parse above produced exactly ChannelParsed<typeof channel>, and `run` builds exactly
      // CallFor<typeof channel>; TypeScript cannot follow the correlation, hence the widening.
      const value = await run(spec, handlers[channel] as AnyHandler, parsed.data);
      const output = spec.output.safeParse(value);
      if (!output.success) return internal(channel, new OutputMismatch());
      // Only what the user asked for postpones the idle lock; a timer's poll (sidebar badge) never does.
      if (spec.access !== 'public' && spec.activity !== 'poll') ctx.session.touch();
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
      const go = () =>
        closed ? Promise.resolve(failure(new DomainError('LOCKED'))) : handle(channel, input);
      const spec: ChannelSpec = contract[channel];
      // What the call left for after its answer runs next, before any later call (FollowUps).
      const followUps = () => ctx.followUps.take().map((task) => () => (closed ? Promise.resolve() : task()));
      return spec.outsideQueue ? go() : queue.run(go, followUps);
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
