import { sql, type Compilable, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/main/db/schema';
import { openPlanStore, PLAN_TODAY, planStaff, seedCaseload, type PlanStore } from '../support/query-plans';
import {
  deadlineCountQuery,
  deadlineQuery,
  openSupervisionCountQuery,
  openSupervisionQuery,
  overdueReferralsCountQuery,
  overdueReferralsQuery,
  safetyConcernsCountQuery,
  todaySessionsCountQuery,
  todaySessionsQuery,
} from '../../src/main/dashboard/dashboard.repository';
import { DASHBOARD_FIRST_ROWS } from '../../src/shared/dashboard';
import { AWAITING_REPLY_STATUSES } from '../../src/shared/referrals';
import { addDays } from '../../src/shared/calendar/local-date';
import type { SessionUser } from '../../src/shared/users/schemas';

/*
 * The dashboard runs on every visit to the 工作台: its queries must stay on indexes as the desk fills up.
 * A few thousand cases (with records, referrals and supervision items) and ANALYZE give the planner real
 * statistics; the queries are built by the same functions the service uses.
 */

const CASES = 3000;
const TODAY = PLAN_TODAY;

let store: PlanStore;
let db: Kysely<DB>;
const { director, counsellors } = planStaff();

const explain = (query: Compilable): string => store.explain(query);

/** Uses the named index and never reads a whole table. */
function expectPlan(plan: string, index: RegExp): void {
  expect(plan, plan).toMatch(index);
  expect(plan, plan).not.toMatch(/^SCAN (cases|counselling_records|referrals|supervision_items)$/m);
}

beforeAll(async () => {
  store = await openPlanStore();
  db = store.db;
  await seedCaseload(db, { director, counsellors }, CASES);
  await seedFamilies();
  await sql`ANALYZE`.execute(db);
});

afterAll(() => store.close());

/**
 * Family archives as a long-serving counsellor has them: 1,500 of their own (a few with follow-up visits),
 * 300 of others; a few dozen visits with an unacknowledged safety concern in all.
 */
async function seedFamilies(): Promise<void> {
  const at = '2026-01-05T02:00:00.000Z';
  const synced = { created_at: at, updated_at: at, origin_device: 'desk-1', deleted_at: null };
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < 1800; i++) {
      const counsellorId = (i < 1500 ? counsellors[0] : counsellors[1 + (i % 2)])!.id;
      const familyId = `family-${String(i).padStart(5, '0')}`;
      await trx
        .insertInto('families')
        .values({
          id: familyId,
          archive_number: `JT-2025-${i + 1}`,
          archive_year: 2025,
          archive_seq: i + 1,
          name: `家庭${i}`,
          focus: 'marriage',
          counsellor_id: counsellorId,
          status: 'open',
          created_by: director.id,
          ...synced,
        })
        .execute();
      if (i % 30 !== 0) continue;
      const planId = `plan-${i}`;
      await trx
        .insertInto('followup_plans')
        .values({
          id: planId,
          family_id: familyId,
          result: 'reconcile',
          focus: 'marriage',
          start_date: '2025-06-01',
          months: '[1]',
          status: 'active',
          created_by: director.id,
          ...synced,
        })
        .execute();
      await trx
        .insertInto('followup_visits')
        .values({
          id: `visit-${i}`,
          plan_id: planId,
          family_id: familyId,
          counsellor_id: counsellorId,
          seq: 1,
          due_date: '2025-07-01',
          status: 'done',
          visit_date: '2025-07-01',
          channel: 'voice',
          duration_minutes: 20,
          met_whom: '夫妻双方',
          recorded_by: counsellorId,
          recorded_at: at,
          safety_concern: i % 60 === 0 ? 1 : 0,
          safety_note: i % 60 === 0 ? '需要关注' : null,
          ...synced,
        })
        .execute();
    }
  });
}

describe('dashboard query plans (EXPLAIN QUERY PLAN)', () => {
  const until = addDays(TODAY, 7);
  const counsellor = counsellors[0] as SessionUser;

  it('the deadline queries range over the status + deadline indexes, in index order', async () => {
    for (const who of [director, counsellor]) {
      const withdrawal = explain(deadlineQuery(db, who, 'withdrawal_deadline', TODAY, until));
      expectPlan(
        withdrawal,
        /USING (COVERING )?INDEX cases_status_deadline \(registration_status=\? AND withdrawal_deadline>\? AND withdrawal_deadline<\?\)/,
      );
      expect(withdrawal).not.toMatch(/TEMP B-TREE/);
      const certificate = explain(deadlineQuery(db, who, 'certificate_window_end', TODAY, until));
      expectPlan(
        certificate,
        /USING (COVERING )?INDEX cases_status_certificate_end \(registration_status=\?/,
      );
      expect(certificate).not.toMatch(/TEMP B-TREE/);
    }
    // And they return what they should.
    const rows = await deadlineQuery(
      db,
      director,
      'withdrawal_deadline',
      '2024-03-01',
      '2024-03-10',
    ).execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.date !== null && r.date >= '2024-03-01' && r.date <= '2024-03-10')).toBe(true);
  });

  it("today's sessions, overdue referrals and open supervision items are index lookups", () => {
    for (const who of [director, counsellor]) {
      expectPlan(explain(todaySessionsQuery(db, who, TODAY)), /counselling_records_session_date/);
      // One status at a time, in index order: the first rows are read, not every overdue referral.
      for (const status of AWAITING_REPLY_STATUSES) {
        const plan = explain(overdueReferralsQuery(db, who, TODAY, status));
        expectPlan(plan, /referrals_status_reply \(status=\? AND expected_reply_date<\?\)/);
        expect(plan).not.toMatch(/TEMP B-TREE/);
      }
    }
    expectPlan(explain(openSupervisionQuery(db, director)), /supervision_items_status_due/);
    expectPlan(explain(openSupervisionQuery(db, counsellor)), /supervision_items_to_user/);
  });

  it('each true count is COUNT(*) over the same index range as its rows, not over the rows read', () => {
    for (const who of [director, counsellor]) {
      for (const [kind, index] of [
        ['withdrawal_deadline', /cases_status_deadline \(registration_status=\? AND withdrawal_deadline>\?/],
        [
          'certificate_window_end',
          /cases_status_certificate_end \(registration_status=\? AND certificate_window_end>\?/,
        ],
      ] as const) {
        const count = deadlineCountQuery(db, who, kind, TODAY, until);
        expect(count.compile().sql).toMatch(/^select count\(\*\)/);
        expect(count.compile().sql).not.toMatch(/limit/i);
        expectPlan(explain(count), index);
      }
      expectPlan(
        explain(todaySessionsCountQuery(db, who, TODAY)),
        /counselling_records_(session_date|date_status) \(session_date=\?/,
      );
      expectPlan(explain(overdueReferralsCountQuery(db, who, TODAY)), /referrals_status_reply/);
      // The partial index of unacknowledged concerns: only those visits are read.
      expectPlan(
        explain(safetyConcernsCountQuery(db, who)),
        /followup_visits USING (COVERING )?INDEX followup_visits_concern/,
      );
    }
    expectPlan(explain(openSupervisionCountQuery(db, director)), /supervision_items_status_due/);
    expectPlan(explain(openSupervisionCountQuery(db, counsellor)), /supervision_items_to_user/);
  });

  it('the rows stop at the first few while the count goes on', async () => {
    const [from, to] = ['2024-01-01', '2025-12-31'];
    const rows = await deadlineQuery(db, director, 'withdrawal_deadline', from, to).execute();
    const count = await deadlineCountQuery(
      db,
      director,
      'withdrawal_deadline',
      from,
      to,
    ).executeTakeFirstOrThrow();
    expect(rows).toHaveLength(DASHBOARD_FIRST_ROWS);
    expect(Number(count.n)).toBeGreaterThan(DASHBOARD_FIRST_ROWS);
    const all = await db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('registration_status', '=', 'accepted_cooling')
      .where('withdrawal_deadline', '>=', from)
      .where('withdrawal_deadline', '<=', to)
      .where('deleted_at', 'is', null)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(Number(all.n));
  });

  it('safety concerns: the few unacknowledged visits first, then each family by key — with or without ANALYZE', async () => {
    // The desk never runs ANALYZE: without statistics SQLite would start from a counsellor's 1,500
    // families (an equality on families_counsellor looks cheap) and read every one of them.
    for (const analyzed of [true, false]) {
      if (!analyzed) {
        const stats = await sql<{ name: string }>`SELECT name FROM sqlite_schema
          WHERE name LIKE 'sqlite_stat%'`.execute(db);
        for (const { name } of stats.rows) await sql`DELETE FROM ${sql.table(name)}`.execute(db);
      }
      await sql`ANALYZE sqlite_schema`.execute(db); // (re)loads the statistics the planner uses
      for (const who of [director, counsellor]) {
        const concerns = explain(safetyConcernsCountQuery(db, who));
        expect(concerns.split('\n')[0], concerns).toMatch(
          /^SCAN followup_visits USING (COVERING )?INDEX followup_visits_concern/,
        );
        expect(concerns).toMatch(
          /SEARCH families USING (COVERING )?INDEX sqlite_autoindex_families_1 \(id=\?\)/,
        );
      }
    }
    await sql`ANALYZE`.execute(db);
  });
});
