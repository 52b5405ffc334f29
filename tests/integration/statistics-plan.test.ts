import type { Compilable, Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/main/db/schema';
import {
  counselledGroupsQuery,
  disclosuresQuery,
  eventCountsQuery,
  evaluationCountsQuery,
  filingsByMonthQuery,
  outcomeCountsQuery,
  outcomesQuery,
  referralCountsQuery,
  sessionCountsQuery,
  visitCountsQuery,
  visitsDoneQuery,
  volunteerEventMinutesQuery,
  volunteerRecordMinutesQuery,
  volunteerVisitMinutesQuery,
  type Scope,
} from '../../src/main/statistics/statistics.repository';
import { yearPeriod } from '../../src/shared/statistics';
import type { SessionUser } from '../../src/shared/users';
import { openPlanStore, type PlanStore } from '../support/query-plans';
import { insertStaff, seedGenerated, type StatStaff } from '../support/statistics-dataset';

/*
 * The 统计 page aggregates a year in SQLite: each of its queries must range over an index of its date
 * (migration 0012 and earlier), never read the whole cases or records table. A generated caseload and
 * ANALYZE give the planner real statistics; the queries are built by the functions the service uses.
 */

const TODAY = '2026-03-02';
const YEAR = yearPeriod(2023);

let store: PlanStore;
let db: Kysely<DB>;
let staff: StatStaff;

const explain = (query: Compilable): string => store.explain(query);

/** Uses the named index and never scans cases or counselling records whole. */
function expectPlan(plan: string, index: RegExp | null): void {
  if (index) expect(plan, plan).toMatch(index);
  expect(plan, plan).not.toMatch(
    /^SCAN (cases|counselling_records|r|dv_disclosures|d|referrals|f|v|e)( |$)/m,
  );
  expect(plan, plan).not.toMatch(/^SCAN (cases|counselling_records|r) USING (COVERING )?INDEX/m);
  // Nor an index built on the fly over a table (one over a CTE's few rows is fine).
  expect(plan, plan).not.toMatch(/SEARCH (cases|counselling_records|r|e|d|f|v) USING AUTOMATIC/);
}

beforeAll(async () => {
  store = await openPlanStore();
  db = store.db;
  staff = await insertStaff(db, 5);
  // Six years of work: a year is a sixth of every table, as on a desk in use.
  await seedGenerated(db, staff, 3000, 7, { start: '2020-01-01', days: 6 * 365 });
});
afterAll(() => store.close());

function planChecks(): void {
  /**
   * The director's whole desk must take the date index; a counsellor's (or one counsellor's) figures may
   * equally start from that counsellor's cases (cases_counsellor_received) — never from a whole table.
   */
  const scopes = (): [Scope, boolean][] => [
    [{ user: staff.director, counsellorId: null }, true],
    [{ user: staff.counsellors[0] as SessionUser, counsellorId: null }, false],
    [{ user: staff.director, counsellorId: (staff.counsellors[1] as SessionUser).id }, false],
  ];
  const on = (whole: boolean, index: RegExp): RegExp | null => (whole ? index : null);

  it('filings range over cases_filing_received; outcomes over cases_outcome_date', () => {
    for (const [scope, whole] of scopes()) {
      expectPlan(
        explain(filingsByMonthQuery(db, scope, YEAR)),
        on(whole, /INDEX cases_filing_received \(filing_received_date>\? AND filing_received_date<\?\)/),
      );
      expectPlan(
        explain(outcomeCountsQuery(db, scope, YEAR)),
        on(whole, /INDEX cases_outcome_date \(registration_status=\? AND <expr>>\? AND <expr><\?\)/),
      );
      expectPlan(
        explain(outcomesQuery(db, scope, YEAR, ['withdrawn']).selectAll('cases')),
        on(whole, /INDEX cases_outcome_date/),
      );
    }
  });

  it('first counselled and sessions range over the signed records by session date', () => {
    for (const [scope, whole] of scopes()) {
      // The per-case lookup ("counselled before the period") reads the case's records only.
      for (const [plan, lookup] of [[explain(counselledGroupsQuery(db, scope, YEAR)), 'e']] as const) {
        expect(plan, plan).toMatch(
          new RegExp(`SEARCH ${lookup} USING INDEX counselling_records_case \\(case_id=\\?`),
        );
        expect(plan, plan).not.toMatch(
          new RegExp(`SEARCH ${lookup} USING (COVERING )?INDEX counselling_records_date_status`),
        );
      }
      expectPlan(
        explain(counselledGroupsQuery(db, scope, YEAR)),
        on(whole, /COVERING INDEX counselling_records_date_status \(session_date>\? AND session_date<\?\)/),
      );
      expectPlan(
        explain(sessionCountsQuery(db, scope, YEAR)),
        on(whole, /COVERING INDEX counselling_records_date_status \(session_date>\? AND session_date<\?\)/),
      );
      expectPlan(
        explain(volunteerRecordMinutesQuery(db, scope, YEAR)),
        on(
          whole,
          /SEARCH r USING (COVERING )?INDEX counselling_records_(date_status|session_date) \(session_date>\?/,
        ),
      );
    }
  });

  it('disclosures, referrals, visits, events and evaluations range over their dates', () => {
    for (const [scope, whole] of scopes()) {
      expectPlan(
        explain(disclosuresQuery(db, scope, YEAR).selectAll('d')),
        on(whole, /INDEX dv_disclosures_disclosed/),
      );
      expectPlan(explain(referralCountsQuery(db, scope, YEAR)), on(whole, /INDEX referrals_created/));
      expectPlan(
        explain(visitCountsQuery(db, scope, YEAR, TODAY)),
        on(whole, /INDEX followup_visits_(counsellor_)?status_due|INDEX followup_visits_counsellor/),
      );
      expectPlan(
        explain(visitsDoneQuery(db, scope, YEAR).selectAll('v')),
        on(whole, /INDEX followup_visits_(counsellor_)?done/),
      );
      expectPlan(
        explain(volunteerVisitMinutesQuery(db, scope, YEAR)),
        on(whole, /INDEX followup_visits_(counsellor_done|done|volunteer_done)/),
      );
    }
    expectPlan(explain(eventCountsQuery(db, YEAR, TODAY)), /INDEX outreach_events_(type_)?date/);
    expectPlan(
      explain(volunteerEventMinutesQuery(db, YEAR, TODAY)),
      /INDEX outreach_events_(type_)?date|outreach_event_speakers_volunteer/,
    );
    expectPlan(
      explain(evaluationCountsQuery(db, YEAR)),
      // A roster's evaluations: a few per volunteer a year, read whole.
      /INDEX volunteer_evaluations_volunteer|SCAN (vol|ev)/,
    );
  });
}

describe('statistics query plans (EXPLAIN QUERY PLAN, one year), as a desk runs them: no ANALYZE', () => {
  planChecks();
});

describe('statistics query plans (EXPLAIN QUERY PLAN, one year), after ANALYZE', () => {
  beforeAll(() => store.analyze());
  planChecks();
});
