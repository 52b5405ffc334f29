import { z } from 'zod';
import { ERROR_CODES, type ErrorCode, type ErrorMeta } from '../errors';

export interface WireError {
  code: ErrorCode;
  /** Localized message in the desk's current language. */
  message: string;
  /** Per-field localized messages for VALIDATION, keyed by dotted input path. */
  fields?: Record<string, string>;
  meta?: ErrorMeta;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: WireError };

export const WireErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  fields: z.record(z.string(), z.string()).optional(),
  meta: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});
