import { z } from 'zod';
import { SyncFormatError } from './errors';
import { counterSchema } from './fields';
import { describe } from './header';
import { isPlainCounterToken, parseStrictJson } from './strict-json';

/*
 * The batch body (docs/sync-format.md § Batch body: change lines): after gunzip, UTF-8 JSON lines, one
 * change each, every line ended by '\n'. The desk writes them with changeLine() (src/main/sync/outbox.ts);
 * the county reads them (change-reader.ts) before applying anything, so one bad line refuses the whole
 * batch. This file holds their definition: the schema and the one-line reader.
 */

export const CHANGE_OPS = ['insert', 'update', 'delete'] as const;
export type ChangeOp = (typeof CHANGE_OPS)[number];

/** A desk instant as SQLite's strftime('%Y-%m-%dT%H:%M:%fZ') writes it (or toISOString): UTC, 'Z'. */
const CHANGED_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
const changedAtSchema = z
  .string()
  .max(32)
  .regex(CHANGED_AT, 'UTC instant')
  .refine(isCalendarInstant, 'a real date and time');

/** Exactly what changedAtSchema accepts (for the county's byte reader). */
export function isChangedAt(text: string): boolean {
  return text.length <= 32 && CHANGED_AT.test(text) && isCalendarInstant(text);
}

/** Year 0001–9999, a month's real days (29 February in leap years only), 00:00:00 to 23:59:59, no leap second. */
function isCalendarInstant(text: string): boolean {
  const [year, month, day, hour, minute, second] = [0, 5, 8, 11, 14, 17].map((at) =>
    Number(text.slice(at, at === 0 ? 4 : at + 2)),
  ) as [number, number, number, number, number, number];
  if (year < 1 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] as number;
  return day <= days;
}

/**
 * The table's name, by its form only: whether the county knows the table is the next check, on the whole
 * parsed batch (assertSyncedTables in tables.ts, UNKNOWN_TABLE), so a format error and a desk newer than
 * the county stay apart.
 */
const tableSchema = z.string().regex(/^[a-z_]{1,64}$/, 'table name');

/** A row id: the desk's are uuidv7; the county keys rows by it (at most 64 characters, no controls). */
const rowIdSchema = z.string().regex(/^[\x21-\x7e]{1,64}$/, 'row id');

const rowSchema = z.record(z.string(), z.unknown());

export const changeLineSchema = z
  .strictObject({
    seq: counterSchema,
    table: tableSchema,
    id: rowIdSchema,
    op: z.enum(CHANGE_OPS),
    version: counterSchema,
    changedAt: changedAtSchema,
    row: rowSchema,
  })
  .refine((line) => line.row.id === line.id, { path: ['row', 'id'], message: 'row id differs from id' });

export type ChangeLine = z.infer<typeof changeLineSchema>;

/** Far above any real batch (the desk seals ≤ 2,000 changes), so a forged count cannot make us loop. */
export const MAX_CHANGES_PER_BATCH = 1_000_000;

/**
 * One change line by the rules alone (strict-json.ts: no whitespace, no duplicate keys, RFC 8259 numbers;
 * then the schema above with plain-integer counters). This is the definition the county's reader
 * (change-reader.ts) falls back on for any line it does not take as plainly clean, so the two always agree.
 * Throws SyncFormatError MALFORMED `where`: the field, never a value.
 */
export function readOneChangeLine(line: string, where: string): ChangeLine {
  // No whitespace between tokens (a CRLF file's '\r' included), no duplicate keys, RFC 8259 numbers.
  const { value, numbers } = parseStrictJson(line, where);
  const checked = changeLineSchema.safeParse(value);
  if (!checked.success) throw new SyncFormatError('MALFORMED', `${where}: ${describe(checked.error)}`);
  for (const counter of ['seq', 'version'] as const) {
    if (!isPlainCounterToken(numbers.get(counter)))
      throw new SyncFormatError('MALFORMED', `${where}: ${counter} is not a plain integer`);
  }
  return checked.data;
}
