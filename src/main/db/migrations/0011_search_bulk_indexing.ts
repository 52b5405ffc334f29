import { sql, type Kysely } from 'kysely';
import type { Migration } from './types';

/*
 * Issue 11 (case archives): an import indexes thousands of cases in one transaction. FTS5 keeps the terms
 * of a transaction in an in-memory hash and writes them out as a new index segment each time the hash
 * passes `hashsize` (1 MiB by default), merging segments as they pile up. At 8 MiB it writes and merges
 * far fewer segments: indexing 10,000 cases of notes took ≈1.9 s instead of ≈2.8 s in FTS5 alone
 * (tests/bench/archive.ts measures the whole import). Ordinary writes (one case) never come near it; the
 * memory is held only during such a transaction. A persistent FTS5 setting, stored in search_fts_config.
 * Frozen: do not edit after release — add a new migration instead.
 */
export const SEARCH_HASH_BYTES = 8 * 1024 * 1024;

export const m0011SearchBulkIndexing: Migration = {
  version: 11,
  name: 'search_bulk_indexing',
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`INSERT INTO search_fts (search_fts, rank) VALUES ('hashsize', ${sql.lit(SEARCH_HASH_BYTES)})`.execute(
      db,
    );
  },
};
