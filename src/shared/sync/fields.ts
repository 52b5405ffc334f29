import { z } from 'zod';

/** Field schemas shared by the batch header and the receipt. All are ASCII, so canonical JSON is trivial. */
export const hex64Schema = z.string().regex(/^[0-9a-f]{64}$/, 'lowercase hex, 64 digits');

export const uuidSchema = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'lowercase UUID');

/** A positive integer that every language's JSON reads exactly (≤ 2^53 − 1). */
export const counterSchema = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

/** An instant exactly as Date.prototype.toISOString writes it: UTC, milliseconds, 'Z'. */
export const instantSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, 'YYYY-MM-DDTHH:mm:ss.sssZ')
  .refine((text) => {
    const time = Date.parse(text);
    return !Number.isNaN(time) && new Date(time).toISOString() === text;
  }, 'a real UTC instant');
