import type { Compilable, Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/main/db/schema';
import { uuidv7 } from '../../src/main/desk/ids';
import { familyListPage, filteredFamilies } from '../../src/main/families/families.repository';
import {
  queuePage,
  queueVisits,
  unacknowledgedConcerns,
  type QueueScope,
} from '../../src/main/followups/followups.repository';
import { addDays } from '../../src/shared/calendar/local-date';
import { QUEUE_BUCKETS } from '../../src/shared/followups';
import {
  openPlanStore,
  PLAN_SYNCED,
  PLAN_TODAY,
  planStaff,
  seedCaseload,
  type PlanStore,
} from '../support/query-plans';

/*
 * The family archive and follow-up queries, built by the repositories' own functions, on a desk with a few
 * thousand families, three visits each and a roster (ANALYZE gives the planner real statistics): each
 * walks an index, never a whole table. Everyone's queue and a volunteer's pages come in index order; a
 * counsellor's may sort the visits of their own families. (An archive's own members, cases, plans and
 * visits are read by family or plan key: family_members_family, family_cases_family, followup_plans_family,
 * followup_visits_plan.)
 */

const FAMILIES = 3000;
const VOLUNTEERS = 60;
const TODAY = PLAN_TODAY;
const SYNCED = { ...PLAN_SYNCED, deleted_reason: null };

let store: PlanStore;
let db: Kysely<DB>;
const { director, counsellors } = planStaff();
const counsellor = counsellors[0] as (typeof counsellors)[number];
const volunteerIds: string[] = [];

const explain = (query: Compilable): string => store.explain(query);
const BIG = 'families|family_members|family_cases|followup_plans|followup_visits|volunteers|cases';

function expectIndexed(plan: string, index: RegExp, { sorts = false } = {}): void {
  expect(plan, plan).toMatch(index);
  expect(plan, plan).not.toMatch(new RegExp(`^SCAN (${BIG})$`, 'm'));
  if (!sorts) expect(plan, plan).not.toMatch(/USE TEMP B-TREE/);
}

beforeAll(async () => {
  store = await openPlanStore();
  db = store.db;
  await seedCaseload(db, { director, counsellors }, FAMILIES);
  const cases = await db.selectFrom('cases').select(['id', 'counsellor_id']).execute();
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < VOLUNTEERS; i++) {
      const id = uuidv7();
      volunteerIds.push(id);
      await trx
        .insertInto('volunteers')
        .values({
          id,
          name: `志愿者${i}`,
          profession: 'lawyer',
          qualified: 1,
          pledge_signed_date: '2026-01-01',
          active: 1,
          created_by: director.id,
          ...SYNCED,
        })
        .execute();
    }
    for (const [i, c] of cases.entries()) {
      const familyId = uuidv7();
      const planId = uuidv7();
      const volunteerId = volunteerIds[i % VOLUNTEERS] as string;
      const start = addDays(TODAY, -(i % 400));
      await trx
        .insertInto('families')
        .values({
          id: familyId,
          archive_number: `JT-2026-${String(i + 1).padStart(5, '0')}`,
          archive_year: 2026,
          archive_seq: i + 1,
          name: `家庭${i}`,
          focus: 'marriage',
          result: 'reconcile',
          counsellor_id: c.counsellor_id,
          status: i % 10 === 0 ? 'closed' : 'open',
          closed_reason: i % 10 === 0 ? '已稳定' : null,
          closed_at: i % 10 === 0 ? PLAN_SYNCED.created_at : null,
          created_by: c.counsellor_id,
          ...SYNCED,
        })
        .execute();
      await trx
        .insertInto('family_cases')
        .values({ id: uuidv7(), family_id: familyId, case_id: c.id, linked_by: c.counsellor_id, ...SYNCED })
        .execute();
      await trx
        .insertInto('family_members')
        .values({
          id: uuidv7(),
          family_id: familyId,
          kind: 'spouse',
          relation: '丈夫',
          name: `成员${i}`,
          ...SYNCED,
        })
        .execute();
      await trx
        .insertInto('followup_plans')
        .values({
          id: planId,
          family_id: familyId,
          case_id: c.id,
          result: 'reconcile',
          focus: 'marriage',
          start_date: start,
          months: '[1,3,6,12]',
          volunteer_id: volunteerId,
          status: 'active',
          created_by: c.counsellor_id,
          ...SYNCED,
        })
        .execute();
      for (const seq of [1, 2, 3]) {
        const done = seq < 3;
        await trx
          .insertInto('followup_visits')
          .values({
            id: uuidv7(),
            plan_id: planId,
            family_id: familyId,
            counsellor_id: c.counsellor_id,
            seq,
            due_date: addDays(start, seq * 60),
            status: done ? 'done' : 'scheduled',
            volunteer_id: volunteerId,
            visit_date: done ? addDays(start, seq * 60) : null,
            channel: done ? 'voice' : null,
            duration_minutes: done ? 30 : null,
            met_whom: done ? '夫妻双方' : null,
            recorded_by: done ? c.counsellor_id : null,
            recorded_at: done ? PLAN_SYNCED.created_at : null,
            safety_concern: done && i % 50 === 0 ? 1 : 0,
            safety_note: done && i % 50 === 0 ? '需联系' : null,
            ...SYNCED,
          })
          .execute();
      }
    }
  });
  store.analyze();
}, 120_000);

afterAll(() => store.close());

describe('family archive queries', () => {
  it('the list and its count walk families_status_updated (director) or families_counsellor', () => {
    const f = { query: '', status: 'open' as const, page: 1, pageSize: 50 };
    expectIndexed(explain(familyListPage(db, director, f)), /families_status_updated/);
    expectIndexed(explain(familyListPage(db, counsellor, f)), /families_counsellor/);
    expectIndexed(
      explain(filteredFamilies(db, counsellor, f).select((eb) => eb.fn.countAll().as('n'))),
      /families_counsellor/,
    );
  });
});

describe('the follow-up queue', () => {
  const page = { page: 1, pageSize: 50 };
  const scopes: [string, QueueScope, RegExp][] = [
    ['everyone', { kind: 'all' }, /followup_visits_(status_due|done)/],
    ['a volunteer', { kind: 'volunteer', volunteerId: null }, /followup_visits_volunteer/],
    ['a counsellor', { kind: 'counsellor', userId: counsellor.id }, /followup_visits_counsellor/],
  ];

  it.each(scopes)(
    "%s: every bucket's page comes in index order, its count from the index alone",
    (_name, scope, index) => {
      // The volunteer's id is known only once the roster is seeded.
      const s = scope.kind === 'volunteer' ? { ...scope, volunteerId: volunteerIds[0] ?? null } : scope;
      for (const bucket of QUEUE_BUCKETS) {
        expectIndexed(explain(queuePage(db, s, bucket, TODAY, page)), index);
        const count = explain(queueVisits(db, s, bucket, TODAY).select((eb) => eb.fn.countAll().as('n')));
        // The planner may count from any of the visits' covering indexes (a skip-scan of another one too).
        expectIndexed(count, /followup_visits_/);
        expect(count, count).toMatch(/USING COVERING INDEX/);
      }
    },
  );

  it('a director filtering by volunteer walks followup_visits_volunteer', () => {
    const plan = explain(
      queuePage(db, { kind: 'all' }, 'overdue', TODAY, { ...page, volunteerId: volunteerIds[1] }),
    );
    expectIndexed(plan, /followup_visits_volunteer/);
  });

  it("the dashboard's safety concerns walk the partial index of unacknowledged concerns", () => {
    expectIndexed(explain(unacknowledgedConcerns(db, director)), /followup_visits_concern/, { sorts: true });
  });
});
