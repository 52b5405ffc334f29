import { Kysely, SqliteDialect, type Compilable } from 'kysely';
import { migrateToLatest } from '../../src/main/db/migrator';
import type { DB } from '../../src/main/db/schema';
import { generateDatabaseKey } from '../../src/main/desk/keyring';
import { openEncryptedDatabase } from '../../src/main/desk/store';
import { uuidv7 } from '../../src/main/desk/ids';
import type { NewCaseRow } from '../../src/main/cases/cases.table';
import { addDays } from '../../src/shared/calendar/local-date';
import { REGISTRATION_STATUSES } from '../../src/shared/cases/schemas';
import { REFERRAL_STATUSES } from '../../src/shared/referrals';
import type { SessionUser } from '../../src/shared/users';
import { tempDir } from './tmp';

/* What the query-plan tests share: a real encrypted store at the latest schema, and EXPLAIN on it. */

export interface PlanStore {
  db: Kysely<DB>;
  /** The planner's steps for a query built by the services' own functions, one per line. */
  explain(query: Compilable): string;
  /** ANALYZE, so the planner decides with the seeded rows' statistics. */
  analyze(): void;
  close(): Promise<void>;
}

export async function openPlanStore(): Promise<PlanStore> {
  const tmp = tempDir();
  const sqlite = openEncryptedDatabase(tmp.dir, generateDatabaseKey(), { create: true });
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrateToLatest(db);
  return {
    db,
    // kysely's sql`` cannot bind a compiled query's parameters; run EXPLAIN on the raw handle instead.
    explain(query) {
      const compiled = query.compile();
      const rows = sqlite
        .prepare(`EXPLAIN QUERY PLAN ${compiled.sql}`)
        .all(...(compiled.parameters as unknown[])) as { detail: string }[];
      return rows.map((r) => r.detail).join('\n');
    },
    analyze: () => void sqlite.exec('ANALYZE'),
    async close() {
      await db.destroy();
      tmp.cleanup();
    },
  };
}

/** A signed-in user as the repositories see one. */
export function planUser(id: string, role: SessionUser['role']): SessionUser {
  return { id, username: `u-${id.slice(-6)}`, displayName: '用户', role, mustChangePassword: false };
}

/** The instant the plan tests' desks are seeded at, its office-local day, and the synced-row columns. */
export const PLAN_NOW = '2026-03-02T01:30:00.000Z';
export const PLAN_TODAY = '2026-03-02';
export const PLAN_SYNCED = {
  created_at: PLAN_NOW,
  updated_at: PLAN_NOW,
  origin_device: 'desk-1',
  deleted_at: null,
};

/** A director and ten counsellors (not yet inserted). */
export function planStaff(): { director: SessionUser; counsellors: SessionUser[] } {
  return {
    director: planUser(uuidv7(), 'director'),
    counsellors: Array.from({ length: 10 }, () => planUser(uuidv7(), 'counsellor')),
  };
}

/**
 * A caseload for the plan tests: the staff, `cases` cases over 800 days in every registration status, a
 * draft record each, a referral for every third case and a supervision item for every fourth (one in ten
 * of those open).
 */
export async function seedCaseload(
  db: Kysely<DB>,
  { director, counsellors }: { director: SessionUser; counsellors: SessionUser[] },
  cases: number,
): Promise<void> {
  for (const u of [director, ...counsellors]) {
    await db
      .insertInto('users')
      .values({ id: u.id, username: u.username, display_name: u.displayName, role: u.role, ...PLAN_SYNCED })
      .execute();
  }
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < cases; i++) {
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
        ...PLAN_SYNCED,
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
          ...PLAN_SYNCED,
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
            ...PLAN_SYNCED,
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
            closed_at: i % 40 === 0 ? null : PLAN_NOW,
            close_note: null,
            ...PLAN_SYNCED,
          })
          .execute();
      }
    }
  });
}
