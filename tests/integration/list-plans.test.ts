import type { Compilable, Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditListQuery } from '../../src/main/audit/audit.repository';
import { AUDIT_GENESIS_HASH } from '../../src/main/audit/chain';
import type { DB } from '../../src/main/db/schema';
import {
  openPlanStore,
  PLAN_NOW,
  PLAN_SYNCED,
  PLAN_TODAY,
  planStaff,
  seedCaseload,
  type PlanStore,
} from '../support/query-plans';
import { uuidv7 } from '../../src/main/desk/ids';
import { disclosuresOfCase } from '../../src/main/dv/dv.repository';
import { addendaOf, recordsOfCase } from '../../src/main/records/records.repository';
import { referralListPage } from '../../src/main/referrals/referrals.repository';
import { supervisionListQuery } from '../../src/main/supervision/supervision.repository';
import { batchHistoryQuery } from '../../src/main/sync/link';
import { activeCounsellorsQuery, listUsersQuery } from '../../src/main/users/users.repository';
import { AuditFilterSchema } from '../../src/shared/audit';
import type { SessionUser } from '../../src/shared/users';

/*
 * Every list query a screen runs, built by the same repository function the service uses, on a desk with a
 * few thousand cases and their records, addenda, disclosures, referrals, supervision items and audit entries
 * (ANALYZE gives the planner real statistics): each walks an index, never a whole table, and pages without
 * sorting every match. The case list, the search and the dashboard have their own plan tests
 * (cases-list-plan, search-plan, dashboard-plan).
 */

const CASES = 3000;
const NOW = PLAN_NOW;
const TODAY = PLAN_TODAY;
const SYNCED = PLAN_SYNCED;

let store: PlanStore;
let db: Kysely<DB>;
const { director, counsellors } = planStaff();
const someCase: { id: string } = { id: '' };

const explain = (query: Compilable): string => store.explain(query);

const BIG_TABLES =
  'cases|counselling_records|record_addenda|dv_disclosures|referrals|supervision_items|audit_log';

/** Walks `index` and never reads a whole big table, nor sorts every row it finds. */
function expectIndexed(plan: string, index: RegExp): void {
  expect(plan, plan).toMatch(index);
  expect(plan, plan).not.toMatch(new RegExp(`^SCAN (${BIG_TABLES})$`, 'm'));
  expect(plan, plan).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
}

beforeAll(async () => {
  store = await openPlanStore();
  db = store.db;
  await seedCaseload(db, { director, counsellors }, CASES);
  // What the dashboard's caseload lacks: an addendum per record, a disclosure for every fifth case, an audit log.
  await db.transaction().execute(async (trx) => {
    const records = await trx
      .selectFrom('counselling_records')
      .select(['id', 'case_id', 'created_by'])
      .execute();
    for (const r of records) {
      await trx
        .insertInto('record_addenda')
        .values({
          id: uuidv7(),
          record_id: r.id,
          case_id: r.case_id,
          date: TODAY,
          author_id: r.created_by,
          text: '补充',
          ...SYNCED,
        })
        .execute();
    }
    const cases = await trx
      .selectFrom('cases')
      .select(['id', 'received_date', 'counsellor_id'])
      .orderBy('case_number')
      .execute();
    someCase.id = (cases[0] as { id: string }).id;
    for (const [i, c] of cases.entries()) {
      if (i % 5 !== 0) continue;
      await trx
        .insertInto('dv_disclosures')
        .values({
          id: uuidv7(),
          case_id: c.id,
          disclosed_by: 'party_a',
          disclosed_at: c.received_date,
          recorded_by: c.counsellor_id,
          facts: '事实',
          risk_level: 'medium',
          minors_involved: 0,
          victim_lacks_capacity: 0,
          help_info_given: 1,
          ...SYNCED,
        })
        .execute();
    }
    let prev = AUDIT_GENESIS_HASH;
    for (let seq = 1; seq <= 6000; seq++) {
      const hash = seq.toString(16).padStart(64, '0');
      await trx
        .insertInto('audit_log')
        .values({
          seq,
          at: new Date(Date.parse(NOW) - (6000 - seq) * 60_000).toISOString(),
          actor_id: (counsellors[seq % counsellors.length] as SessionUser).id,
          actor_name: '用户',
          action: seq % 3 === 0 ? 'case.viewed' : 'record.draft_saved',
          target_type: 'case',
          target_id: null,
          detail: '{}',
          prev_hash: prev,
          hash,
        })
        .execute();
      prev = hash;
    }
  });
  store.analyze();
});

afterAll(() => store.close());

describe('list query plans', () => {
  it('records.list: a case’s records and their addenda', () => {
    expectIndexed(explain(recordsOfCase(db, someCase.id)), /counselling_records_case/);
    // The addenda of one case's records, found by index; only those few rows are put in order.
    const addenda = explain(addendaOf(db, [uuidv7(), uuidv7()]));
    expect(addenda, addenda).toMatch(/SEARCH record_addenda USING INDEX record_addenda_record/);
    expect(addenda, addenda).not.toMatch(/^SCAN record_addenda$/m);
  });

  it('dv.list: a case’s disclosures', () => {
    expectIndexed(explain(disclosuresOfCase(db, someCase.id)), /dv_disclosures_case/);
  });

  it('referrals.list: of a case, every visible one newest first, and the overdue ones', () => {
    const page = { page: 1, pageSize: 50 };
    for (const who of [director, counsellors[0] as SessionUser]) {
      expectIndexed(
        explain(referralListPage(db, who, { ...page, caseId: someCase.id }, TODAY)),
        /referrals_case/,
      );
    }
    expectIndexed(explain(referralListPage(db, director, { ...page, page: 3 }, TODAY)), /referrals_created/);
    const overdue = explain(referralListPage(db, director, { ...page, overdueOnly: true }, TODAY));
    expect(overdue, overdue).toMatch(/referrals_(status_reply|created)/);
    expect(overdue, overdue).not.toMatch(/^SCAN referrals$/m);
  });

  it('supervision.list: mine, every open item, and a case’s items', () => {
    expectIndexed(
      explain(supervisionListQuery(db, counsellors[0] as SessionUser, { kind: 'mine' }).limit(1000)),
      /supervision_items_to_user/,
    );
    expectIndexed(
      explain(supervisionListQuery(db, director, { kind: 'all_open' }).limit(1000)),
      /supervision_items_status_due/,
    );
    expectIndexed(
      explain(supervisionListQuery(db, director, { kind: 'case', caseId: someCase.id }).limit(1000)),
      /supervision_items_case/,
    );
  });

  it('audit.list: newest first, unfiltered and by action, by actor and by day', () => {
    const page = (filter: object) =>
      auditListQuery(db, AuditFilterSchema.parse(filter)).selectAll().orderBy('seq', 'desc').limit(50);
    // Unfiltered: the table itself in seq (rowid) order, newest first; LIMIT stops the walk at the page.
    const newest = explain(page({}));
    expect(newest, newest).toBe('SCAN audit_log');
    expectIndexed(explain(page({ action: 'case.viewed' })), /audit_log_action/);
    expectIndexed(explain(page({ actorId: (counsellors[1] as SessionUser).id })), /audit_log_actor/);
    // By day: the planner walks the log newest first and stops at the page (no sort of every match); the
    // walk passes every newer entry, which is why the day filter is the screen's second choice to action
    // or person.
    const byDay = explain(page({ from: '2026-02-27', to: '2026-02-28' }));
    expect(byDay, byDay).toMatch(/audit_log/);
    expect(byDay, byDay).not.toMatch(/TEMP B-TREE/);
  });

  it('users.list and the counsellor pickers read only the (small) users table', () => {
    // A desk has dozens of accounts, not thousands: reading them all is the plan, and nothing else is read.
    for (const plan of [explain(listUsersQuery(db)), explain(activeCounsellorsQuery(db))]) {
      expect(plan, plan).not.toMatch(new RegExp(`\\b(${BIG_TABLES})\\b`));
    }
  });

  it('the 同步 page’s batch history: the newest batches by primary key', () => {
    const plan = explain(batchHistoryQuery(db));
    expect(plan, plan).toMatch(/SCAN sync_batches/);
    expect(plan, plan).not.toMatch(/TEMP B-TREE/);
  });
});
