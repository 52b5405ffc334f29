import type { Transaction } from 'kysely';
import type { DB } from '../db';
import { WriteHooks } from '../desk';

/*
 * Data derived from a case lives in other modules (the search index), which register here instead of the
 * case services importing them: every case, party, record or addendum write runs the hooks inside its
 * transaction, after the write, so the derived data commits or rolls back with it.
 */
/** Runs with the ids of the cases a write changed (one, or a sweep's many). */
export const caseWriteHooks = new WriteHooks<[Transaction<DB>, readonly string[]]>();
