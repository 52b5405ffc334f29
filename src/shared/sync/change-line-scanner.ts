/*
 * The byte-level half of the change-line reader (change-reader.ts): one pass over a line's UTF-8 bytes that
 * checks the strictness rules of docs/sync-format.md § Strictness on the bytes themselves and notes where
 * the seven top-level fields and the row's `id` and `deleted_at` are. Whatever is not the clean case it
 * only reports as such (scan() is false); the reader then hands the line to the strict schema reader.
 */

const MAX_DEPTH = 64;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Top-level member names, as their bytes. */
export const FIELDS = ['seq', 'table', 'id', 'op', 'version', 'changedAt', 'row'] as const;
export type Field = (typeof FIELDS)[number];
const FIELD_BYTES = FIELDS.map((name) => Array.from(name, (c) => c.charCodeAt(0)));
const ROW_ID = Array.from('id', (c) => c.charCodeAt(0));
const ROW_DELETED_AT = Array.from('deleted_at', (c) => c.charCodeAt(0));

/** What a scanned value was. */
export const enum Kind {
  Object,
  Array,
  String,
  Number,
  True,
  False,
  Null,
}

/**
 * Thrown inside the scanner: "not the clean case", decided again by readOneChangeLine. One instance,
 * made once, so a line that is not clean costs no stack capture.
 */
class NotClean extends Error {
  override readonly name = 'NotClean';
}
const NOT_CLEAN = new NotClean('not the clean case');

/** 1 for the bytes a JSON string may hold raw (U+0020 and up, but not '"' or '\'). */
const PLAIN = new Uint8Array(256).map((_, b) => (b >= 0x20 && b !== QUOTE && b !== BACKSLASH ? 1 : 0));
/** The characters after a backslash that are an escape by themselves. */
const SIMPLE_ESCAPE = new Uint8Array(256).map((_, b) =>
  '"\\/bfnrt'.includes(String.fromCharCode(b)) ? 1 : 0,
);
const HEX = new Int8Array(256).map((_, b) => {
  const c = String.fromCharCode(b);
  return /[0-9a-fA-F]/.test(c) ? parseInt(c, 16) : -1;
});

/**
 * Scans one line's bytes. Knows the strictness rules (no whitespace, no duplicate keys at any depth,
 * RFC 8259 strings, escapes and numbers, surrogates paired, depth ≤ 64) and remembers the top-level
 * members and, inside the row, `id` and `deleted_at`.
 */
export class LineScanner {
  private b: Uint8Array = new Uint8Array(0);
  private at = 0;
  private end = 0;
  /** Keys of the objects being scanned (start, length), a stack of frames. */
  private keyStart = new Int32Array(256);
  private keyLength = new Int32Array(256);
  private keys = 0;
  /** Value spans of the top-level fields (index of FIELDS), -1 when absent. */
  readonly valueStart = new Int32Array(FIELDS.length);
  readonly valueEnd = new Int32Array(FIELDS.length);
  readonly valueKind = new Int8Array(FIELDS.length);
  readonly valueEscaped = new Uint8Array(FIELDS.length);
  rowIdStart = -1;
  rowIdEnd = -1;
  rowIdEscaped = false;
  rowDeletedAt: Kind | -1 = -1;
  private lastStringEscaped = false;
  /** The byte length of the key memberKey read last. */
  private memberKeyLength = 0;

  /** Scans b[start, end); false when the line is not the clean case. */
  scan(b: Uint8Array, start: number, end: number): boolean {
    this.b = b;
    this.at = start;
    this.end = end;
    this.keys = 0;
    this.valueStart.fill(-1);
    this.valueKind.fill(-1);
    this.rowIdStart = -1;
    this.rowDeletedAt = -1;
    try {
      if (b[start] !== 0x7b) return false;
      this.topObject();
      return this.at === end;
    } catch (e) {
      if (e === NOT_CLEAN) return false;
      throw e;
    }
  }

  private topObject(): void {
    this.at += 1; // '{'
    const frame = this.keys;
    if (this.b[this.at] === 0x7d) throw NOT_CLEAN; // {} lacks every field
    for (let members = 1; ; members += 1) {
      const keyStart = this.memberKey(frame);
      const field = fieldOf(this.b, keyStart, this.memberKeyLength);
      if (field < 0) throw NOT_CLEAN; // a member the schema does not have
      const valueStart = this.at;
      const kind = FIELDS[field] === 'row' ? this.rowValue() : this.value(1);
      this.valueStart[field] = valueStart;
      this.valueEnd[field] = this.at;
      this.valueKind[field] = kind;
      this.valueEscaped[field] = kind === Kind.String && this.lastStringEscaped ? 1 : 0;
      // Known and distinct (addKey), so seven members are exactly the seven fields.
      if (this.after(frame, 0x7d)) {
        if (members !== FIELDS.length) throw NOT_CLEAN;
        return;
      }
    }
  }

  /** The row: an object whose `id` and `deleted_at` are remembered; anything else is not clean. */
  private rowValue(): Kind {
    if (this.b[this.at] !== 0x7b) throw NOT_CLEAN;
    this.at += 1;
    const frame = this.keys;
    if (this.b[this.at] === 0x7d) {
      this.at += 1;
      return Kind.Object;
    }
    for (;;) {
      const keyStart = this.memberKey(frame);
      const keyLength = this.memberKeyLength;
      const valueStart = this.at;
      const kind = this.value(2);
      if (sameBytes(this.b, keyStart, keyLength, ROW_ID)) {
        this.rowIdStart = kind === Kind.String ? valueStart + 1 : -1;
        this.rowIdEnd = this.at - 1;
        this.rowIdEscaped = this.lastStringEscaped;
        if (kind !== Kind.String) throw NOT_CLEAN;
      } else if (sameBytes(this.b, keyStart, keyLength, ROW_DELETED_AT)) {
        this.rowDeletedAt = kind;
      }
      if (this.after(frame, 0x7d)) return Kind.Object;
    }
  }

  /**
   * An object member's key and the ':' after it: a string without escapes that the object whose keys
   * start at `frame` has not had before, else not clean. Returns where the key's bytes start (its length
   * is left in memberKeyLength); `at` is then on the member's value.
   */
  private memberKey(frame: number): number {
    if (this.b[this.at] !== QUOTE) throw NOT_CLEAN;
    const start = this.at + 1;
    this.string();
    if (this.lastStringEscaped) throw NOT_CLEAN;
    this.memberKeyLength = this.at - 1 - start;
    this.addKey(frame, start, this.memberKeyLength);
    if (this.b[this.at] !== 0x3a) throw NOT_CLEAN;
    this.at += 1;
    return start;
  }

  /** After a member or element: ',' goes on (false), `close` ends the container (true). */
  private after(frame: number, close: number): boolean {
    const c = this.b[this.at];
    if (c === 0x2c) {
      this.at += 1;
      return false;
    }
    if (c === close) {
      this.at += 1;
      this.keys = frame;
      return true;
    }
    throw NOT_CLEAN;
  }

  /** Remembers a key of the object whose keys start at `frame`; a second equal key is not clean. */
  private addKey(frame: number, start: number, length: number): void {
    const b = this.b;
    for (let k = frame; k < this.keys; k += 1) {
      if (this.keyLength[k] !== length) continue;
      const other = this.keyStart[k] as number;
      let i = 0;
      while (i < length && b[start + i] === b[other + i]) i += 1;
      if (i === length) throw NOT_CLEAN;
    }
    if (this.keys === this.keyStart.length) {
      const grow = (a: Int32Array) => {
        const bigger = new Int32Array(a.length * 2);
        bigger.set(a);
        return bigger;
      };
      this.keyStart = grow(this.keyStart);
      this.keyLength = grow(this.keyLength);
    }
    this.keyStart[this.keys] = start;
    this.keyLength[this.keys] = length;
    this.keys += 1;
  }

  private value(depth: number): Kind {
    if (depth > MAX_DEPTH) throw NOT_CLEAN;
    const b = this.b;
    const c = b[this.at];
    if (c === QUOTE) {
      this.string();
      return Kind.String;
    }
    if (c === 0x7b) {
      this.at += 1;
      const frame = this.keys;
      if (b[this.at] === 0x7d) {
        this.at += 1;
        return Kind.Object;
      }
      for (;;) {
        this.memberKey(frame);
        this.value(depth + 1);
        if (this.after(frame, 0x7d)) return Kind.Object;
      }
    }
    if (c === 0x5b) {
      this.at += 1;
      if (b[this.at] === 0x5d) {
        this.at += 1;
        return Kind.Array;
      }
      for (;;) {
        this.value(depth + 1);
        if (this.after(this.keys, 0x5d)) return Kind.Array;
      }
    }
    if (c === 0x74) return this.literal('true', Kind.True);
    if (c === 0x66) return this.literal('false', Kind.False);
    if (c === 0x6e) return this.literal('null', Kind.Null);
    this.number();
    return Kind.Number;
  }

  private literal(word: string, kind: Kind): Kind {
    for (let i = 0; i < word.length; i += 1) {
      if (this.b[this.at + i] !== word.charCodeAt(i)) throw NOT_CLEAN;
    }
    this.at += word.length;
    return kind;
  }

  /** RFC 8259 number, finite as a double: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
  private number(): void {
    const b = this.b;
    const start = this.at;
    let at = start;
    if (b[at] === 0x2d) at += 1;
    const first = b[at];
    if (first === 0x30) at += 1;
    else if (first !== undefined && first >= 0x31 && first <= 0x39) {
      while (isDigit(b[at])) at += 1;
    } else throw NOT_CLEAN;
    const integerDigits = at - start;
    let exponent = false;
    if (b[at] === 0x2e) {
      at += 1;
      if (!isDigit(b[at])) throw NOT_CLEAN;
      while (isDigit(b[at])) at += 1;
    }
    if (b[at] === 0x65 || b[at] === 0x45) {
      exponent = true;
      at += 1;
      if (b[at] === 0x2b || b[at] === 0x2d) at += 1;
      if (!isDigit(b[at])) throw NOT_CLEAN;
      while (isDigit(b[at])) at += 1;
    }
    // Only an exponent or more than 308 integer digits can leave the double range.
    if ((exponent || integerDigits > 300) && !Number.isFinite(Number(asciiText(b, start, at))))
      throw NOT_CLEAN;
    this.at = at;
  }

  /**
   * A string from its opening quote to after its closing one: no raw control character, only the
   * RFC 8259 escapes, UTF-16 surrogates from \u escapes paired (raw UTF-8 holds none: the body is
   * well-formed UTF-8, checked first). Sets lastStringEscaped.
   */
  private string(): void {
    const b = this.b;
    const end = this.end;
    let at = this.at + 1;
    let escaped = false;
    let highPending = false;
    for (;;) {
      if (at >= end) throw NOT_CLEAN;
      const c = b[at] as number;
      if (PLAIN[c] === 1) {
        if (highPending) throw NOT_CLEAN;
        at += 1;
        continue;
      }
      if (c === QUOTE) {
        if (highPending) throw NOT_CLEAN;
        this.at = at + 1;
        this.lastStringEscaped = escaped;
        return;
      }
      if (c !== BACKSLASH) throw NOT_CLEAN; // a raw control character
      escaped = true;
      const e = b[at + 1] as number;
      if (e === 0x75) {
        const unit = hexUnit(b, at + 2, end);
        if (unit < 0) throw NOT_CLEAN;
        const high = unit >= 0xd800 && unit <= 0xdbff;
        const low = unit >= 0xdc00 && unit <= 0xdfff;
        if (highPending ? !low : low) throw NOT_CLEAN;
        highPending = high;
        at += 6;
      } else {
        if (highPending || SIMPLE_ESCAPE[e] !== 1) throw NOT_CLEAN;
        at += 2;
      }
    }
  }
}

function isDigit(c: number | undefined): boolean {
  return c !== undefined && c >= 0x30 && c <= 0x39;
}

/** The UTF-16 unit of the 4 hex digits at b[at] (before `end`), or −1. */
function hexUnit(b: Uint8Array, at: number, end: number): number {
  if (at + 4 > end) return -1;
  let unit = 0;
  for (let i = 0; i < 4; i += 1) {
    const digit = HEX[b[at + i] as number] as number;
    if (digit < 0) return -1;
    unit = unit * 16 + digit;
  }
  return unit;
}

function sameBytes(b: Uint8Array, start: number, length: number, name: readonly number[]): boolean {
  if (length !== name.length) return false;
  for (let i = 0; i < length; i += 1) if (b[start + i] !== name[i]) return false;
  return true;
}

function fieldOf(b: Uint8Array, start: number, length: number): number {
  for (let f = 0; f < FIELD_BYTES.length; f += 1) {
    if (sameBytes(b, start, length, FIELD_BYTES[f] as number[])) return f;
  }
  return -1;
}

/** ASCII bytes as a string (callers checked they are ASCII). */
export function asciiText(b: Uint8Array, start: number, end: number): string {
  return String.fromCharCode.apply(null, b.subarray(start, end) as unknown as number[]);
}
