import { z } from 'zod';
import type { Permission } from '../roles';

/**
 * Who may call a channel:
 * - 'public'  — no session needed (status, setup, login, recovery);
 * - 'session' — any signed-in user;
 * - a Permission — a signed-in user whose role grants it (src/shared/roles.ts).
 */
export type Access = 'public' | 'session' | Permission;

export interface ChannelSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  access: Access;
  /** Allowed while the user must still replace a temporary password. */
  allowWhilePasswordChangeRequired?: boolean;
  /**
   * Long work (network, a USB stick) that must not hold every other call behind it: the dispatcher runs it
   * outside its one-at-a-time queue. Only for handlers whose service serializes its own state and that a
   * lock waits for (the sync service: session.beforeLock).
   */
  outsideQueue?: boolean;
}

export const channel = <I extends z.ZodType, O extends z.ZodType>(
  spec: ChannelSpec<I, O>,
): ChannelSpec<I, O> => spec;

export const NoInput = z.null().optional();
export const Done = z.null();
