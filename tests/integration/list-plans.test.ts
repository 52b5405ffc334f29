import type { Compilable, Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditListQuery } from '../../src/main/audit/audit.repository';
import { AUDIT_GENESIS_HASH } from '../../src/main/audit/chain';
import type { DB } from '../../src/main/db/schema';
import { openPlanStore, planUser, type PlanStore } from '../support/query-plans';
import { uuidv7 } from '../../src/main/desk/ids';
import { disclosuresOfCase } from '../../src/main/dv/dv.repository';
import { addendaOf, recordsOfCase } from '../../src/main/records/records.repository';
import { referralListPage } from '../../src/main/referrals/referrals.repository';
import { supervisionListQuery } from '../../src/main/supervision/supervision.repository';
import { batchHistoryQuery } from '../../src/main/sync/link';
import { activeCounsellorsQuery, listUsersQuery } from '../../src/main/users/users.repository';
import { AuditFilterSchema } from '../../src/shared/audit';
import { addDays } from '../../src/shared/calendar/local-date';
import { REFERRAL_STATUSES } from '../../src/shared/referrals';
import type { SessionUser } from '../../src/shared/users';

/*
 * Every list query a screen runs, built by the same repository function the service uses, on a desk with a
 * few thousand cases and their records, addenda, disclosures, referrals, supervision items and audit entries
 * (ANALYZE gives the planner real statistics): each walks an index, never a whole table, and pages without
 * sorting every match. The case list, the search and the dashboard have their own plan tests
 * (cases-list-plan, search-plan, dashboard-plan).
 */

const CASES = 3000;
const NOW = '2026-03-02T01:30:00.000Z';
const TODAY = '2026-03-02';
const SYNCED = { created_at: NOW, updated_at: NOW, origin_device: 'desk-1', deleted_at: null };

let store: PlanStore;
let db: Kysely<DB>;
const user = planUser;
const director = user(uuidv7(), 'director');
const counsellors = Array.from({ length: 10 }, () => user(uuidv7(), 'counsellor'));
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
  await db.transaction().execute(async (trx) => {
    for (const u of [director, ...counsellors]) {
      await trx
        .insertInto('users')
        .values({ id: u.id, username: u.username, display_name: u.displayName, role: u.role, ...SYNCED })
        .execute();
    }
    for (let i = 0; i < CASES; i++) {
      const received = addDays('2024-01-01', i % 800);
      const caseId = uuidv7();
      if (i === 0) someCase.id = caseId;
      const counsellor = counsellors[i % counsellors.length] as SessionUser;
      await trx
        .insertInto('cases')
        .values({
          id: caseId,
          case_number: `${received.slice(0, 4)}-LH-${String(i + 1).padStart(5, '0')}`,
          type: 'divorce_adjustment',
          received_date: received,
          children: '[]',
          reason_categories: '[]',
          counsellor_id: counsellor.id,
          created_by: counsellor.id,
          result: null,
          ...SYNCED,
        })
        .execute();
      for (let r = 0; r < 2; r++) {
        const recordId = uuidv7();
        await trx
          .insertInto('counselling_records')
          .values({
            id: recordId,
            case_id: caseId,
            status: 'draft',
            session_date: addDays(received, r * 7),
            attendees: '{"parties":[],"others":[]}',
            created_by: counsellor.id,
            signed_by: null,
            signed_at: null,
            draft_audited_at: null,
            ...SYNCED,
          })
          .execute();
        await trx
          .insertInto('record_addenda')
          .values({
            id: uuidv7(),
            record_id: recordId,
            case_id: caseId,
            date: received,
            author_id: counsellor.id,
            text: '补充',
            ...SYNCED,
          })
          .execute();
      }
      if (i % 5 === 0) {
        await trx
          .insertInto('dv_disclosures')
          .values({
            id: uuidv7(),
            case_id: caseId,
            disclosed_by: 'party_a',
            disclosed_at: received,
            recorded_by: counsellor.id,
            facts: '事实',
            risk_level: 'medium',
            minors_involved: 0,
            victim_lacks_capacity: 0,
            help_info_given: 1,
            ...SYNCED,
          })
          .execute();
      }
      if (i % 2 === 0) {
        await trx
          .insertInto('referrals')
          .values({
            id: uuidv7(),
            case_id: caseId,
            reference_number: `ZJ-2026-${String(i + 1).padStart(5, '0')}`,
            ref_year: 2026,
            ref_seq: i + 1,
            target: 'police',
            subject: 'party_a',
            reason: '原因',
            consent_given: 1,
            status: REFERRAL_STATUSES[i % REFERRAL_STATUSES.length] ?? 'created',
            expected_reply_date: addDays(received, 14),
            created_by: counsellor.id,
            ...SYNCED,
            created_at: `${received}T02:00:00.000Z`,
          })
          .execute();
      }
      if (i % 3 === 0) {
        await trx
          .insertInto('supervision_items')
          .values({
            id: uuidv7(),
            case_id: caseId,
            kind: 'supervise',
            to_user_id: counsellor.id,
            due_date: addDays(received, 10),
            status: i % 2 === 0 ? 'open' : 'done',
            created_by: director.id,
            closed_by: i % 2 === 0 ? null : director.id,
            closed_at: i % 2 === 0 ? null : NOW,
            ...SYNCED,
          })
          .execute();
      }
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
