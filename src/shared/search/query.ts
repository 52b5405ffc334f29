import { runTokens, tokenRuns } from './tokenize';

/*
 * From what the user typed to how the index is asked (src/main/search/search.ts runs the plan):
 *  - exactly one CJK character (a surname such as 张): 'initial' — a lookup of the names' first character
 *    in an ordinary index; never an FTS prefix scan and never a LIKE '%x%' scan;
 *  - otherwise 'fts': each space-separated part becomes one FTS5 phrase of its tokens (a 3-character word
 *    冷静期 → "冷静 静期", a case number 2026-LH-00012 → "2026 lh 00012"), and all parts must match;
 *  - nothing searchable (only punctuation): 'empty'.
 * Every token is quoted, so nothing the user types is read as FTS5 syntax (NEAR, column filters, *, ^).
 */

export const SEARCH_QUERY_MAX_LENGTH = 64;
/** More parts than this are ignored: a search box, not a query language. */
const MAX_PHRASES = 8;

export type SearchPlan =
  | { readonly kind: 'empty' }
  | { readonly kind: 'initial'; readonly char: string }
  | {
      readonly kind: 'fts';
      /** The FTS5 MATCH expression. */
      readonly match: string;
      /** The phrases' tokens, for telling which field matched. */
      readonly phrases: readonly Phrase[];
    };

export interface Phrase {
  readonly tokens: readonly string[];
  /** The last token is a prefix (a lone CJK character ending the part: 号 should find 号楼). */
  readonly prefix: boolean;
}

export function planSearch(query: string): SearchPlan {
  const parts = query
    .slice(0, SEARCH_QUERY_MAX_LENGTH)
    .split(/\s+/u)
    .map(tokenRuns)
    .filter((runs) => runs.length > 0)
    .slice(0, MAX_PHRASES);
  if (parts.length === 0) return { kind: 'empty' };

  const only = parts.length === 1 && parts[0]?.length === 1 ? parts[0][0] : undefined;
  if (only?.kind === 'cjk' && only.chars.length === 1) return { kind: 'initial', char: only.chars[0] ?? '' };

  const phrases: Phrase[] = parts.map((runs) => {
    const last = runs[runs.length - 1];
    return {
      tokens: runs.flatMap(runTokens),
      prefix: last !== undefined && last.kind === 'cjk' && last.chars.length === 1,
    };
  });
  return { kind: 'fts', match: phrases.map(ftsPhrase).join(' AND '), phrases };
}

/** One quoted FTS5 phrase; quotes are doubled (tokens never hold one, but the rule costs nothing). */
function ftsPhrase(phrase: Phrase): string {
  const body = phrase.tokens.map((t) => t.replace(/"/g, '""')).join(' ');
  return `"${body}"${phrase.prefix ? '*' : ''}`;
}

/** Does a field's token list satisfy the phrase, as FTS5 would judge it. */
export function phraseMatches(field: readonly string[], phrase: Phrase): boolean {
  const n = phrase.tokens.length;
  if (n === 0 || n > field.length) return false;
  for (let i = 0; i + n <= field.length; i++) {
    let ok = true;
    for (let j = 0; j < n && ok; j++) {
      const want = phrase.tokens[j] ?? '';
      const have = field[i + j] ?? '';
      ok = phrase.prefix && j === n - 1 ? have.startsWith(want) : have === want;
    }
    if (ok) return true;
  }
  return false;
}
