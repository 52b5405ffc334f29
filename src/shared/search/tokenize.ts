/*
 * Search tokens, the way Lucene's CJKAnalyzer makes them: a run of CJK characters becomes its overlapping
 * bigrams ('张晓梅说调解' → 张晓 晓梅 梅说 说调 调解), a lone CJK character stays a unigram, and runs of
 * letters and digits stay whole words (lower-cased). Punctuation and spaces only separate.
 *
 * Why: SQLite's trigram tokenizer cannot find 2-character words (调解, 张三), and unicode61 alone would
 * index a whole CJK run as one token. The index stores text rewritten into these tokens joined by spaces
 * and lets unicode61 split it again; a query goes through the same function, so index and query always
 * agree (src/shared/search/query.ts). Pure: no Node, no DOM.
 */

/** Han ideographs plus the other scripts Lucene's CJK analyzer bigrams (kana, hangul). */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
/** Characters that belong to a token; everything else separates tokens. */
const WORD = /[\p{L}\p{N}]/u;

export interface TokenRun {
  readonly kind: 'cjk' | 'word';
  /** The run's characters (code points), already normalised. */
  readonly chars: readonly string[];
}

/**
 * Full-width letters and digits to ASCII (NFKC), lower case. The same folding for index and query, so
 * '２０２６－ＬＨ' typed with a Chinese input method finds '2026-LH'.
 */
export function normalizeSearchText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** What a character is to the tokenizer: part of a CJK run, of a letter/digit word, or a separator. */
export type CharKind = 'cjk' | 'word' | null;

/** Non-ASCII characters already classified: notes use a few thousand distinct characters at most. */
const KINDS = new Map<string, CharKind>();

/**
 * The CJK / WORD regular expressions above, answered without running a regular expression for ASCII and
 * for the CJK Unified Ideographs block (U+4E00–U+9FFF, all Han) — nearly every character of a note — and
 * remembered for the rest. Same answers for every character (tests/unit/search-tokenizer.test.ts checks
 * every BMP code point).
 */
export function charKind(ch: string): CharKind {
  const code = ch.charCodeAt(0);
  if (code < 0x80) {
    const lower = code | 0x20;
    return (code >= 0x30 && code <= 0x39) || (lower >= 0x61 && lower <= 0x7a) ? 'word' : null;
  }
  if (code >= 0x4e00 && code <= 0x9fff) return 'cjk';
  let kind = KINDS.get(ch);
  if (kind === undefined) {
    kind = CJK.test(ch) ? 'cjk' : WORD.test(ch) ? 'word' : null;
    KINDS.set(ch, kind);
  }
  return kind;
}

/** Splits normalised text into CJK runs and letter/digit runs; anything else ends a run. */
export function tokenRuns(text: string): TokenRun[] {
  const runs: TokenRun[] = [];
  let kind: TokenRun['kind'] | null = null;
  let chars: string[] = [];
  const flush = (): void => {
    if (kind && chars.length > 0) runs.push({ kind, chars });
    kind = null;
    chars = [];
  };
  for (const ch of normalizeSearchText(text)) {
    const next = charKind(ch);
    if (next !== kind) flush();
    if (next) {
      kind = next;
      chars.push(ch);
    }
  }
  flush();
  return runs;
}

/** The tokens of one run: CJK bigrams (or the single character), or the whole word. */
export function runTokens(run: TokenRun): string[] {
  if (run.kind === 'word' || run.chars.length === 1) return [run.chars.join('')];
  const tokens: string[] = [];
  for (let i = 0; i + 1 < run.chars.length; i++) tokens.push(`${run.chars[i]}${run.chars[i + 1]}`);
  return tokens;
}

/** Every token of a text, in order. */
export function searchTokens(text: string): string[] {
  return tokenRuns(text).flatMap(runTokens);
}

/**
 * Text rewritten for the FTS5 unicode61 tokenizer: the tokens joined by single spaces. The same as
 * `searchTokens(text).join(' ')`, built in one pass without the intermediate runs: the indexer calls it
 * on every note of every case it indexes (an import of 10,000 cases: tens of millions of characters).
 */
export function toIndexText(text: string): string {
  const normalized = normalizeSearchText(text);
  return SURROGATE.test(normalized) || !LITTLE_ENDIAN
    ? codePointIndexText(normalized)
    : codeUnitIndexText(normalized);
}

const SURROGATE = /[\uD800-\uDFFF]/;
const SPACE = 0x20;
/** Uint16Array's byte order, for reading its units back as UTF-16LE (every platform the desk runs on). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const UTF16 = new TextDecoder('utf-16le');

/**
 * toIndexText for text without surrogate pairs (nearly every note: the CJK Unified Ideographs, Latin,
 * digits and punctuation are all in the BMP): one pass over the UTF-16 units into one buffer, decoded
 * once, instead of a string per bigram. Output is at most three units per input unit (a CJK run of n
 * characters gives n − 1 bigrams of two characters and a separator each).
 */
function codeUnitIndexText(s: string): string {
  const out = new Uint16Array(s.length * 3);
  let length = 0;
  let kind: CharKind = null;
  let previous = 0;
  let runLength = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    const next: CharKind = code < 0x80 || code < 0x4e00 || code > 0x9fff ? charKind(s.charAt(i)) : 'cjk';
    if (next !== kind) {
      // A lone CJK character is a token of its own; a word's units were written as they came.
      if (kind === 'cjk' && runLength === 1) {
        if (length > 0) out[length++] = SPACE;
        out[length++] = previous;
      }
      if (next === 'word' && length > 0) out[length++] = SPACE;
      runLength = 0;
      kind = next;
    }
    if (next === 'cjk') {
      if (runLength > 0) {
        if (length > 0) out[length++] = SPACE;
        out[length++] = previous;
        out[length++] = code;
      }
      previous = code;
      runLength += 1;
    } else if (next === 'word') {
      out[length++] = code;
    }
  }
  if (kind === 'cjk' && runLength === 1) {
    if (length > 0) out[length++] = SPACE;
    out[length++] = previous;
  }
  return UTF16.decode(new Uint8Array(out.buffer, 0, length * 2));
}

/** toIndexText by code points (text with characters outside the BMP, such as 𠮷). */
function codePointIndexText(normalized: string): string {
  const out: string[] = [];
  let kind: CharKind = null;
  let word = '';
  let previous = '';
  let runLength = 0;
  const flush = (): void => {
    if (kind === 'cjk' && runLength === 1) out.push(previous);
    else if (kind === 'word') out.push(word);
    kind = null;
    word = '';
    previous = '';
    runLength = 0;
  };
  for (const ch of normalized) {
    const next = charKind(ch);
    if (next !== kind) flush();
    if (next === 'cjk') {
      if (runLength > 0) out.push(previous + ch);
      previous = ch;
      runLength += 1;
    } else if (next === 'word') {
      word += ch;
    }
    kind = next;
  }
  flush();
  return out.join(' ');
}

/**
 * A prefix made searchable by exact token ("edge n-grams"): 'zxm' → 'z zx zxm'. Used for pinyin initials
 * only, so typing 'zx' finds 张晓梅 by an exact term lookup. An FTS5 `prefix=` index would do the same for
 * every column and roughly double the index of the notes' CJK bigrams.
 */
export function edgeNgrams(word: string): string[] {
  const chars = Array.from(word);
  return chars.map((_, i) => chars.slice(0, i + 1).join(''));
}
