import { sql, type Kysely } from 'kysely';
import type { Migration } from './types';

/*
 * Issue 13 (a desk of 100,000 cases): the case list keeps its keys in memory (src/main/cases/list-index.ts)
 * and reads each page's 50 rows by id. Case rows are wide (reasons, consent, registration) and a page's
 * rows lie all over the file, so each read would fetch and decrypt pages nowhere else in use. Two
 * covering indexes hold exactly what the list reads, compact enough to stay in the page cache:
 * - cases by id: the list's keys (loaded in id order, 5,000 at a time) and a list row's columns;
 * - case parties by case: a list row's party columns (name, sex, the document number it masks, phone).
 * Frozen: do not edit after release — add a new migration instead.
 */
export const m0014CaseList: Migration = {
  version: 14,
  name: 'case_list',
  async up(db: Kysely<unknown>): Promise<void> {
    for (const statement of [
      sql`CREATE INDEX cases_list ON cases (id, deleted_at, type, registration_status, counsellor_id,
        companion_user_id, received_date, next_deadline, created_at, case_number, origin_device,
        risk_domestic_violence, dv_disclosed, risk_self_harm, risk_child, risk_elderly,
        withdrawal_deadline, certificate_window_end, result)`,
      sql`CREATE INDEX case_parties_list ON case_parties
        (case_id, deleted_at, party, name, sex, document_number, phone)`,
    ]) {
      await statement.execute(db);
    }
  },
};
