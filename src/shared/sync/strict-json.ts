import { SyncFormatError } from './errors';

/*
 * The JSON rules of docs/sync-format.md § Strictness, checked on the text before JSON.parse sees it (which
 * would quietly take the last of two equal keys, skip whitespace, and read 1.0 and 1e0 as 1):
 * - RFC 8259 grammar, nothing before or after the one value;
 * - no insignificant whitespace, unless the caller allows it (the receipt's outer wrapper);
 * - no object with two equal keys (compared after unescaping), at any depth;
 * - strings: no raw control characters, only the RFC 8259 escapes, no unpaired surrogate (\ud800 alone);
 * - numbers: the RFC 8259 form (-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?), finite as a double.
 * It answers the raw token of every number that is an object member, by its dotted path ("seq",
 * "receipt.epoch"), so a caller can require a plain integer form where JSON.parse could not tell "1.0"
 * from "1".
 */

export interface StrictJsonOptions {
  /** Allow space, tab, CR and LF between tokens (RFC 8259 insignificant whitespace). */
  allowWhitespace?: boolean;
}

export interface StrictJsonResult {
  value: unknown;
  /** Dotted member path ("receipt.epoch") → raw number token, for object members that are numbers. */
  numbers: ReadonlyMap<string, string>;
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const MAX_DEPTH = 64;

/** Checks the text against the rules above, then parses it. Throws SyncFormatError MALFORMED(where). */
export function parseStrictJson(
  text: string,
  where: string,
  options: StrictJsonOptions = {},
): StrictJsonResult {
  const numbers = new Map<string, string>();
  let at = 0;
  const fail = (what: string): never => {
    throw new SyncFormatError('MALFORMED', `${where}: ${what} at character ${at + 1}`);
  };
  const skipSpace = (): void => {
    if (!options.allowWhitespace) return;
    while (at < text.length && ' \t\r\n'.includes(text[at] as string)) at += 1;
  };

  const readString = (): string => {
    // at is on the opening quote
    at += 1;
    let out = '';
    for (;;) {
      if (at >= text.length) fail('unterminated string');
      const code = text.charCodeAt(at);
      if (code === 0x22) {
        at += 1;
        return out;
      }
      if (code < 0x20) fail('control character in a string');
      if (code === 0x5c) {
        const escape = text[at + 1];
        if (escape === 'u') {
          const hex = text.slice(at + 2, at + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('bad \\u escape');
          out += String.fromCharCode(parseInt(hex, 16));
          at += 6;
        } else {
          const simple: Record<string, string> = {
            '"': '"',
            '\\': '\\',
            '/': '/',
            b: '\b',
            f: '\f',
            n: '\n',
            r: '\r',
            t: '\t',
          };
          const decoded = escape === undefined ? undefined : simple[escape];
          if (decoded === undefined) fail('bad escape');
          out += decoded;
          at += 2;
        }
      } else {
        out += text[at];
        at += 1;
      }
    }
  };

  const checkSurrogates = (value: string): void => {
    for (let i = 0; i < value.length; i += 1) {
      const code = value.charCodeAt(i);
      if (code >= 0xd800 && code <= 0xdbff) {
        const next = value.charCodeAt(i + 1);
        if (!(next >= 0xdc00 && next <= 0xdfff)) fail('unpaired surrogate in a string');
        i += 1;
      } else if (code >= 0xdc00 && code <= 0xdfff) {
        fail('unpaired surrogate in a string');
      }
    }
  };

  const readNumber = (): string => {
    NUMBER.lastIndex = at;
    const match = NUMBER.exec(text);
    if (!match || match[0].length === 0) fail('bad number');
    const token = (match as RegExpExecArray)[0];
    if (!Number.isFinite(Number(token))) fail('number out of range');
    at += token.length;
    return token;
  };

  const readValue = (depth: number, path: string | null): void => {
    if (depth > MAX_DEPTH) fail('nested too deeply');
    const c = text[at];
    if (c === '{') {
      at += 1;
      skipSpace();
      const keys = new Set<string>();
      if (text[at] === '}') {
        at += 1;
        return;
      }
      for (;;) {
        if (text[at] !== '"') fail('expected a key');
        const key = readString();
        checkSurrogates(key);
        if (keys.has(key)) fail('duplicate key');
        keys.add(key);
        skipSpace();
        if (text[at] !== ':') fail("expected ':'");
        at += 1;
        skipSpace();
        readValue(depth + 1, path === null ? null : path === '' ? key : `${path}.${key}`);
        skipSpace();
        if (text[at] === ',') {
          at += 1;
          skipSpace();
          continue;
        }
        if (text[at] === '}') {
          at += 1;
          return;
        }
        fail("expected ',' or '}'");
      }
    }
    if (c === '[') {
      at += 1;
      skipSpace();
      if (text[at] === ']') {
        at += 1;
        return;
      }
      for (;;) {
        readValue(depth + 1, null);
        skipSpace();
        if (text[at] === ',') {
          at += 1;
          skipSpace();
          continue;
        }
        if (text[at] === ']') {
          at += 1;
          return;
        }
        fail("expected ',' or ']'");
      }
    }
    if (c === '"') {
      checkSurrogates(readString());
      return;
    }
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, at)) {
        at += literal.length;
        return;
      }
    }
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      const token = readNumber();
      if (path !== null && path !== '') numbers.set(path, token);
      return;
    }
    fail('unexpected character');
  };

  skipSpace();
  readValue(0, '');
  skipSpace();
  if (at !== text.length) fail('text after the value');
  return { value: JSON.parse(text) as unknown, numbers };
}

/** A counter's token as the format writes it: plain decimal, no sign, leading zero, fraction or exponent. */
export function isPlainCounterToken(token: string | undefined): boolean {
  return token !== undefined && /^[1-9][0-9]{0,15}$/.test(token);
}
