import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ledgerCases,
  ledgerRecords,
  ledgerReferrals,
  ledgerVisits,
  type LedgerScope,
} from '../../src/main/ledger/ledger.repository';
import { openPlanStore, planUser, PLAN_TODAY, type PlanStore } from '../support/query-plans';

/*
 * The ledger's reads range over an index of their date and never walk the records once per case: a year's
 * ledger at 10,000 cases must stay a few seconds (tests/bench/ledger.ts). The plans are those of a desk that
 * never ran ANALYZE, as a real desk.
 */

let store: PlanStore;
beforeAll(async () => {
  store = await openPlanStore();
});
afterAll(async () => {
  await store.close();
});

const director = planUser('0190f0a0-0000-7000-8000-000000000001', 'director');
const counsellor = planUser('0190f0a0-0000-7000-8000-000000000002', 'counsellor');
const scope = (user = director): LedgerScope => ({
  user,
  from: '2026-01-01',
  to: '2026-12-31',
  counsellorId: null,
  today: PLAN_TODAY,
});

describe('ledger query plans', () => {
  it('reads the cases of the period by their received date, the records per case in one pass', () => {
    const plan = store.explain(ledgerCases(store.db, scope()));
    expect(plan).toMatch(/SEARCH cases USING INDEX cases_received \(received_date>\? AND received_date<\?\)/);
    expect(plan).not.toMatch(/CORRELATED/);
    expect(plan).toMatch(/SEARCH pa USING INDEX/);
    const mine = store.explain(ledgerCases(store.db, scope(counsellor)));
    expect(mine).not.toMatch(/CORRELATED/);
    expect(mine).not.toMatch(/SCAN cases\b/);
  });

  it('reads the records, referrals and visits of the period by an index of their date', () => {
    expect(store.explain(ledgerRecords(store.db, scope()))).toMatch(
      /SEARCH r USING (COVERING )?INDEX \w+ \((status=\? AND )?session_date>\? AND session_date<\?\)/,
    );
    expect(store.explain(ledgerReferrals(store.db, scope()))).not.toMatch(/SCAN referrals\b/);
    expect(store.explain(ledgerVisits(store.db, scope()))).not.toMatch(/CORRELATED/);
  });
});
