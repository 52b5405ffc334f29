/*
 * The case search index (migration 0004). Derived local data, never synced: see the migration for why
 * each table looks the way it does. Written only by src/main/search/search-index.ts.
 */

export interface SearchDocsTable {
  /** Also the FTS rowid; grows whenever a case's searchable content changes (larger = more recent). */
  doc_id: number;
  case_id: string;
  /** SHA-256 of the indexed columns: an unchanged case is not rewritten. */
  content_hash: string;
}

/**
 * The contentless FTS5 table. Its columns can be written and matched but read back only as NULL; kysely
 * sees them so inserts are typed. `rowid` is the doc_id.
 */
export interface SearchFtsTable {
  rowid: number;
  names: string;
  pinyin: string;
  case_number: string;
  receipt_number: string;
  id_last4: string;
  notes: string;
}

export interface SearchNameInitialsTable {
  first_char: string;
  doc_id: number;
}

/** The search module's tables (migration 0004). */
export interface SearchTables {
  search_docs: SearchDocsTable;
  search_fts: SearchFtsTable;
  search_name_initials: SearchNameInitialsTable;
}
