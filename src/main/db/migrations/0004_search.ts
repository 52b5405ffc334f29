import { sql, type Kysely } from 'kysely';
import type { Migration } from './types';

/*
 * Issue 3: the case search index. Derived, local data: never synced (so no synced columns), rebuilt per
 * case on every case write (src/main/services/search-index.ts) and rebuildable from the cases at any time.
 *
 * - search_docs: one row per indexed case. Its doc_id is also the FTS rowid, and a case gets a new,
 *   larger doc_id whenever its searchable content changes, so `ORDER BY rowid DESC` on the FTS table
 *   walks matches most recently changed first and `LIMIT n` stops early — no sort over every match.
 *   content_hash lets a write that changes nothing searchable (a status sweep) skip the FTS rewrite.
 * - search_fts: contentless FTS5 (the text is not stored twice; contentless_delete allows per-row delete)
 *   over text rewritten as CJK bigrams (src/shared/search/tokenize.ts), split again by unicode61.
 *   pgsz 3900 keeps the index ~12% smaller under SQLCipher (docs: /work/shared/TOOLCHAIN.md).
 * - search_name_initials: the first character of each party's name, for 1-character (surname) queries:
 *   an equality lookup on the primary key, in doc_id order, instead of any scan.
 * DV disclosures are never indexed: nothing here has a column for them.
 * Frozen: do not edit after release — add a new migration instead.
 */
const STATEMENTS = [
  sql`CREATE TABLE search_docs (
    doc_id INTEGER PRIMARY KEY NOT NULL,
    case_id TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL
  ) STRICT`,

  sql`CREATE VIRTUAL TABLE search_fts USING fts5(
    names, pinyin, case_number, receipt_number, id_last4, notes,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
  )`,
  sql`INSERT INTO search_fts (search_fts, rank) VALUES ('pgsz', 3900)`,

  sql`CREATE TABLE search_name_initials (
    first_char TEXT NOT NULL,
    doc_id INTEGER NOT NULL,
    PRIMARY KEY (first_char, doc_id)
  ) STRICT, WITHOUT ROWID`,
  // Re-indexing a case deletes its rows by doc_id.
  sql`CREATE INDEX search_name_initials_doc ON search_name_initials (doc_id)`,
];

export const m0004Search: Migration = {
  version: 4,
  name: 'search',
  async up(db: Kysely<unknown>): Promise<void> {
    for (const statement of STATEMENTS) await statement.execute(db);
  },
};
