import { sql, type Compilable, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/main/desk/ids';
import type { DB } from '../../src/main/db/schema';
import { openPlanStore, planUser, type PlanStore } from '../support/query-plans';
import type { NewCaseRow } from '../../src/main/cases/cases.table';
import {
  deadlineQuery,
  openSupervisionQuery,
  overdueReferralsQuery,
  todaySessionsQuery,
} from '../../src/main/dashboard/dashboard.repository';
import { addDays } from '../../src/shared/calendar/local-date';
import { REGISTRATION_STATUSES } from '../../src/shared/cases/schemas';
import { REFERRAL_STATUSES } from '../../src/shared/referrals';
import type { SessionUser } from '../../src/shared/users/schemas';

/*
 * The dashboard runs on every visit to the 工作台: its queries must stay on indexes as the desk fills up.
 * A few thousand cases (with records, referrals and supervision items) and ANALYZE give the planner real
 * statistics; the queries are built by the same functions the service uses.
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

const explain = (query: Compilable): string => store.explain(query);

/** Uses the named index and never reads a whole table. */
function expectPlan(plan: string, index: RegExp): void {
  expect(plan, plan).toMatch(index);
  expect(plan, plan).not.toMatch(/^SCAN (cases|counselling_records|referrals|supervision_items)$/m);
}

beforeAll(async () => {
  store = await openPlanStore();
  db = store.db;
  for (const u of [director, ...counsellors]) {
    await db
      .insertInto('users')
      .values({ id: u.id, username: u.username, display_name: u.displayName, role: u.role, ...SYNCED })
      .execute();
  }
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < CASES; i++) {
      const received = addDays('2024-01-01', i % 800);
      const status = REGISTRATION_STATUSES[i % REGISTRATION_STATUSES.length] ?? null;
      const counsellor = counsellors[i % counsellors.length] as SessionUser;
      const row: NewCaseRow = {
        id: uuidv7(),
        case_number: `${received.slice(0, 4)}-LH-${String(i + 1).padStart(5, '0')}`,
        type: 'divorce_adjustment',
        received_date: received,
        marriage_date: null,
        children: '[]',
        filing_received_date: received,
        receipt_number: `SL-${i}`,
        reason_categories: '[]',
        reason_text: null,
        risk_domestic_violence: 0,
        risk_self_harm: 0,
        risk_child: 0,
        risk_elderly: 0,
        dv_disclosed: 0,
        consent_by: null,
        consent_at: null,
        consent_method: null,
        counsellor_id: counsellor.id,
        companion_user_id: i % 7 === 0 ? (counsellors[(i + 1) % counsellors.length] as SessionUser).id : null,
        companion_name: null,
        registration_status: status,
        status_changed_at: null,
        withdrawal_deadline: addDays(received, 30),
        certificate_window_start: addDays(received, 31),
        certificate_window_end: addDays(received, 60),
        next_deadline: null,
        withdrawal_by: null,
        withdrawal_date: null,
        withdrawal_confirmation: null,
        registered_date: null,
        refusal_date: null,
        refusal_reason: null,
        result: null,
        created_by: director.id,
        ...SYNCED,
      };
      await trx.insertInto('cases').values(row).execute();
      await trx
        .insertInto('counselling_records')
        .values({
          id: uuidv7(),
          case_id: row.id,
          status: 'draft',
          session_date: addDays(received, 3),
          half_day: 'am',
          channel: 'face_to_face',
          counsellor_ids: '[]',
          volunteer_names: '[]',
          attendees: '{"parties":[],"others":[]}',
          family_situation: null,
          interview_notes: null,
          intervention_assessment: null,
          result: null,
          satisfaction: null,
          remarks: null,
          created_by: counsellor.id,
          signed_by: null,
          signed_at: null,
          draft_audited_at: null,
          ...SYNCED,
        })
        .execute();
      if (i % 3 === 0) {
        await trx
          .insertInto('referrals')
          .values({
            id: uuidv7(),
            case_id: row.id,
            dv_disclosure_id: null,
            reference_number: `ZJ-2026-${String(i + 1).padStart(5, '0')}`,
            ref_year: 2026,
            ref_seq: i + 1,
            target: 'police',
            target_name: null,
            subject: 'both',
            reason: '转介',
            consent_given: 1,
            no_consent_reason: null,
            status: REFERRAL_STATUSES[i % REFERRAL_STATUSES.length] ?? 'created',
            expected_reply_date: addDays(received, 10),
            created_by: counsellor.id,
            ...SYNCED,
          })
          .execute();
      }
      if (i % 4 === 0) {
        await trx
          .insertInto('supervision_items')
          .values({
            id: uuidv7(),
            case_id: row.id,
            kind: 'supervise',
            to_user_id: counsellor.id,
            to_station: null,
            from_user_id: null,
            due_date: addDays(received, 14),
            instructions: null,
            status: i % 40 === 0 ? 'open' : 'done',
            created_by: director.id,
            closed_by: i % 40 === 0 ? null : director.id,
            closed_at: i % 40 === 0 ? null : NOW,
            close_note: null,
            ...SYNCED,
          })
          .execute();
      }
    }
  });
  await sql`ANALYZE`.execute(db);
});

afterAll(() => store.close());

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
      expectPlan(explain(overdueReferralsQuery(db, who, TODAY)), /referrals_status_reply/);
    }
    expectPlan(explain(openSupervisionQuery(db, director)), /supervision_items_status_due/);
    expectPlan(explain(openSupervisionQuery(db, counsellor)), /supervision_items_to_user/);
  });
});
