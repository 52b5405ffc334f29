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
}

export const channel = <I extends z.ZodType, O extends z.ZodType>(
  spec: ChannelSpec<I, O>,
): ChannelSpec<I, O> => spec;

export const NoInput = z.null().optional();
export const Done = z.null();
