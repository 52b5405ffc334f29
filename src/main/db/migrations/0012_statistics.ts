import { sql, type Kysely } from 'kysely';
import type { Migration } from './types';

/*
 * Issue 12 (statistics): the 统计 page aggregates a period in SQLite, so every figure ranges over an index
 * of its date (docs/indicators.md):
 * - counselling records by session date (then status), covering what the sessions and "first counselled"
 *   read; session date first, so queries on the status alone (a volunteer's page) keep their plans, and
 *   the per-case lookups keep to counselling_records_case (the queries name it, INDEXED BY);
 * - divorce filings by their received date;
 * - registry outcomes by status and their own date (the expression is repeated verbatim by the queries in
 *   src/main/statistics/statistics.repository.ts: OUTCOME_DATE);
 * - DV disclosures by disclosure instant.
 * Frozen: do not edit after release — add a new migration instead.
 */
export const m0012Statistics: Migration = {
  version: 12,
  name: 'statistics',
  async up(db: Kysely<unknown>): Promise<void> {
    for (const statement of [
      sql`CREATE INDEX counselling_records_date_status ON counselling_records
        (session_date, status, case_id, deleted_at, channel, satisfaction)`,
      sql`CREATE INDEX cases_filing_received ON cases (filing_received_date, type)`,
      sql`CREATE INDEX cases_outcome_date ON cases (registration_status, (CASE registration_status
        WHEN 'withdrawn' THEN withdrawal_date WHEN 'deemed_withdrawn' THEN certificate_window_end
        WHEN 'registered' THEN registered_date WHEN 'refused' THEN refusal_date END))`,
      sql`CREATE INDEX dv_disclosures_disclosed ON dv_disclosures (disclosed_at)`,
    ]) {
      await statement.execute(db);
    }
  },
};
