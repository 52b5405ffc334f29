import { z } from 'zod';
import type { Permission } from '../roles';

/**
 * Who may call a channel:
 * - 'public'  — no session needed (status, setup, login, recovery);
 * - 'session' — any signed-in user;
 * - a Permission — a signed-in user whose role grants it (src/shared/roles.ts).
 */
export type Access = 'public' | 'session' | Permission;

export interface ChannelSpec<
  I extends z.ZodType = z.ZodType,
  O extends z.ZodType = z.ZodType,
  A extends Access = Access,
> {
  input: I;
  output: O;
  access: A;
  /** Allowed while the user must still replace a temporary password. */
  allowWhilePasswordChangeRequired?: boolean;
  /**
   * The call changes the store and does nothing else slow: the dispatcher opens ONE transaction, runs the
   * handler in it and commits when it returns (rolls back when it throws, so bad input changes nothing).
   * Channels that also touch files, the network or the printer open their own short transactions around
   * that work instead (never held across it), and leave this unset.
   */
  write?: boolean;
  /**
   * Long work (network, a USB stick) that must not hold every other call behind it: the dispatcher runs it
   * outside its one-at-a-time queue. Only for handlers whose service serializes its own state and that a
   * lock waits for (the sync service: session.beforeLock).
   */
  outsideQueue?: boolean;
  /**
   * What a successful call says about the user. Unset: the user asked for it (a click, a keystroke, an
   * autosave of what they typed, a screen they opened), so it counts as activity and postpones the idle
   * lock. 'poll': the renderer calls it by itself on a timer (react-query refetchInterval, a badge), so it
   * must NOT keep the desk unlocked: the dispatcher leaves the session's last activity alone.
   */
  activity?: Activity;
}

/** See ChannelSpec.activity. */
export type Activity = 'user' | 'poll';

/** Declares one channel; keeps its literal access and write flag, which the handler types read. */
export const channel = <const S extends ChannelSpec>(spec: S): S => spec;

export const NoInput = z.null().optional();
export const Done = z.null();
