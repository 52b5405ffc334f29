import { SyncFormatError } from './errors';
import {
  CHANGE_OPS,
  MAX_CHANGES_PER_BATCH,
  isChangedAt,
  readOneChangeLine,
  type ChangeLine,
  type ChangeOp,
} from './changes';
import { isWellFormedUtf8 } from './utf8';
import { asciiText, FIELDS, Kind, LineScanner, type Field } from './change-line-scanner';

const NEWLINE = 0x0a;

/*
 * The batch body reader the county runs on every change (docs/sync-format.md § Batch body: change lines,
 * § Strictness). It reads the UTF-8 bytes in one pass per line, never decoding a row to a JavaScript
 * string nor parsing it into objects: it checks every strictness rule on the bytes, takes the seven
 * fields, and hands the row back as the exact bytes the desk sent (the county stores them as they are).
 *
 * It decides only the common, clean case. Whenever a line is anything else — broken, or merely unusual
 * (an escape in a key or in one of the top-level strings, a field of the wrong type…) — the line is
 * handed to readOneChangeLine (changes.ts: the strict JSON reader and the zod schema), which decides
 * it and names the error. So this reader can only ever accept what the schema accepts, with the same
 * values; tests/unit/sync-change-reader.test.ts checks both against each other on random lines.
 */

/** One change as the county applies it: the line's fields, the row as its JSON text (UTF-8 bytes). */
export interface ChangeRecord {
  seq: number;
  table: string;
  id: string;
  op: ChangeOp;
  version: number;
  changedAt: string;
  /** The row object's JSON text exactly as the line carries it (a view into the body). */
  row: Uint8Array;
  /** The row has a `deleted_at` that is not null. */
  softDeleted: boolean;
}

const F = Object.fromEntries(FIELDS.map((name, i) => [name, i])) as Record<Field, number>;
const OPS: readonly string[] = CHANGE_OPS;

/**
 * The clean case of one scanned line as a ChangeRecord, or null when a field is not plainly what the
 * schema wants (readOneChangeLine then decides).
 */
function cleanRecord(s: LineScanner, b: Uint8Array): ChangeRecord | null {
  const seq = counter(s, b, F.seq);
  const version = counter(s, b, F.version);
  const table = plainString(s, b, F.table, 1, 64, isTableByte);
  const id = plainString(s, b, F.id, 1, 64, isIdByte);
  const op = plainString(s, b, F.op, 6, 6, isTableByte);
  const changedAt = plainString(s, b, F.changedAt, 1, 32, isAscii);
  if (seq < 0 || version < 0 || table === null || id === null || op === null || changedAt === null)
    return null;
  if (!OPS.includes(op) || !isChangedAt(changedAt)) return null;
  if (s.valueKind[F.row] !== Kind.Object || s.rowIdStart < 0 || s.rowIdEscaped) return null;
  const idStart = s.valueStart[F.id] as number;
  const rowIdLength = s.rowIdEnd - s.rowIdStart;
  if (rowIdLength !== id.length) return null;
  for (let i = 0; i < rowIdLength; i += 1) if (b[s.rowIdStart + i] !== b[idStart + 1 + i]) return null;
  return {
    seq,
    table,
    id,
    op: op as ChangeOp,
    version,
    changedAt,
    row: b.subarray(s.valueStart[F.row], s.valueEnd[F.row]),
    softDeleted: s.rowDeletedAt !== -1 && s.rowDeletedAt !== Kind.Null,
  };
}

/** A counter written as a plain integer [1-9][0-9]{0,15} ≤ 2^53 − 1, or −1. */
function counter(s: LineScanner, b: Uint8Array, field: number): number {
  if (s.valueKind[field] !== Kind.Number) return -1;
  const start = s.valueStart[field] as number;
  const end = s.valueEnd[field] as number;
  if (end - start > 16 || b[start] === 0x30) return -1;
  let value = 0;
  for (let i = start; i < end; i += 1) {
    const c = b[i] as number;
    if (c < 0x30 || c > 0x39) return -1;
    value = value * 10 + (c - 0x30);
  }
  return value >= 1 && value <= Number.MAX_SAFE_INTEGER ? value : -1;
}

/** A string field without escapes whose bytes all pass `ok`, of `min`…`max` bytes; else null. */
function plainString(
  s: LineScanner,
  b: Uint8Array,
  field: number,
  min: number,
  max: number,
  ok: (c: number) => boolean,
): string | null {
  if (s.valueKind[field] !== Kind.String || s.valueEscaped[field] === 1) return null;
  const start = (s.valueStart[field] as number) + 1;
  const end = (s.valueEnd[field] as number) - 1;
  if (end - start < min || end - start > max) return null;
  for (let i = start; i < end; i += 1) if (!ok(b[i] as number)) return null;
  return asciiText(b, start, end);
}

const isTableByte = (c: number) => (c >= 0x61 && c <= 0x7a) || c === 0x5f;
const isIdByte = (c: number) => c >= 0x21 && c <= 0x7e;
const isAscii = (c: number) => c < 0x80;

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

/** A line the scanner did not take: the schema's reader decides (and throws its error). */
function slowRecord(b: Uint8Array, start: number, end: number, where: string): ChangeRecord {
  const line: ChangeLine = readOneChangeLine(decoder.decode(b.subarray(start, end)), where);
  const deletedAt = line.row['deleted_at'];
  return {
    seq: line.seq,
    table: line.table,
    id: line.id,
    op: line.op,
    version: line.version,
    changedAt: line.changedAt,
    row: encoder.encode(JSON.stringify(line.row)),
    softDeleted: deletedAt !== null && deletedAt !== undefined,
  };
}

export interface ReadChangeOptions {
  /**
   * The well-formed UTF-8 check (isWellFormedUtf8's rule, RFC 3629) done natively where the runtime has
   * one: the county passes Node's buffer.isUtf8, about 30× faster than this module's byte loop (≈ 1 µs
   * a change). tests/unit/sync-change-reader.test.ts checks that both agree.
   */
  isUtf8?: (bytes: Uint8Array) => boolean;
}

/**
 * Reads a decompressed batch body: strict UTF-8, every line '\n'-terminated, each line one strict JSON
 * object of the change-line schema with plain-integer counters, seqs strictly increasing; `expectedCount`
 * is the header's `count`. Throws SyncFormatError MALFORMED naming the line and field, never a value.
 */
export function readChangeLines(
  body: Uint8Array,
  expectedCount?: number,
  options: ReadChangeOptions = {},
): ChangeRecord[] {
  const wellFormed = options.isUtf8 ?? isWellFormedUtf8;
  if (!wellFormed(body)) throw new SyncFormatError('MALFORMED', 'batch body is not UTF-8');
  if (body.length === 0) throw new SyncFormatError('MALFORMED', 'batch body is empty');
  if (body[body.length - 1] !== NEWLINE)
    throw new SyncFormatError('MALFORMED', 'last change line has no newline');
  let lineCount = 0;
  for (let at = body.indexOf(NEWLINE); at >= 0; at = body.indexOf(NEWLINE, at + 1)) lineCount += 1;
  if (lineCount > MAX_CHANGES_PER_BATCH) throw new SyncFormatError('MALFORMED', 'too many change lines');
  if (expectedCount !== undefined && lineCount !== expectedCount) {
    throw new SyncFormatError('MALFORMED', `${lineCount} change lines, header count ${expectedCount}`);
  }
  const scanner = new LineScanner();
  const records: ChangeRecord[] = new Array<ChangeRecord>(lineCount);
  let previousSeq = 0;
  let start = 0;
  for (let index = 0; index < lineCount; index += 1) {
    const end = body.indexOf(NEWLINE, start);
    const record =
      (scanner.scan(body, start, end) ? cleanRecord(scanner, body) : null) ??
      slowRecord(body, start, end, `change line ${index + 1}`);
    if (record.seq <= previousSeq)
      throw new SyncFormatError('MALFORMED', `change line ${index + 1}: seq not increasing`);
    previousSeq = record.seq;
    records[index] = record;
    start = end + 1;
  }
  return records;
}

/** readChangeLines with each row parsed: the change lines as objects (tests, tools). */
export function parseChangeLines(body: Uint8Array, expectedCount?: number): ChangeLine[] {
  return readChangeLines(body, expectedCount).map(({ row, softDeleted: _, ...fields }) => ({
    ...fields,
    row: JSON.parse(decoder.decode(row)) as Record<string, unknown>,
  }));
}
