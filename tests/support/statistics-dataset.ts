import type { Kysely } from 'kysely';
import type { DB } from '../../src/main/db/schema';
import type { NewCaseRow } from '../../src/main/cases/cases.table';
import { mulberry32 } from '../../src/main/demo/random';
import { uuidv7 } from '../../src/main/desk/ids';
import { addDays, type LocalDate } from '../../src/shared/calendar/local-date';
import {
  COUNSELLING_TYPES,
  REASON_CATEGORIES,
  type CounsellingType,
  type RecordResult,
} from '../../src/shared/cases/schemas';
import { REFERRAL_STATUSES, REFERRAL_TARGETS } from '../../src/shared/referrals';
import { statisticsRowsOf, type StatisticsRows, type StatisticsTable } from '../../src/shared/statistics';
import type { SessionUser } from '../../src/shared/users';
import { PLAN_SYNCED, planUser } from './query-plans';

/*
 * The statistics tests' data: rows written straight into a real store (no service rules in the way, so
 * every edge can be built: deleted rows, registry outcomes, records on the same day, DV-linked referrals),
 * and the same rows read back as the shared pure functions take them, with the visibility rule applied
 * here independently of the SQL (docs/domain.md "Who sees what").
 */

const SYNCED = PLAN_SYNCED;
const DELETED = { deleted_at: '2026-01-01T00:00:00.000Z' };
const REMOVED = { deleted_at: '2026-01-01T00:00:00.000Z', deleted_reason: '录入错误' };

export interface StatStaff {
  director: SessionUser;
  counsellors: SessionUser[];
}

export async function insertStaff(db: Kysely<DB>, counsellors = 3): Promise<StatStaff> {
  const staff = {
    director: planUser(uuidv7(), 'director'),
    counsellors: Array.from({ length: counsellors }, () => planUser(uuidv7(), 'counsellor')),
  };
  for (const u of [staff.director, ...staff.counsellors]) {
    await db
      .insertInto('users')
      .values({ id: u.id, username: u.username, display_name: u.displayName, role: u.role, ...SYNCED })
      .execute();
  }
  return staff;
}

let caseSeq = 0;

export interface CaseSpec {
  type?: CounsellingType;
  counsellorId: string;
  companionId?: string | null;
  filing?: LocalDate | null;
  status?: NewCaseRow['registration_status'];
  /** The outcome's own date (withdrawal, registration, refusal; deemed: the certificate window end). */
  outcomeDate?: LocalDate;
  reasons?: string[];
  result?: RecordResult | null;
  deleted?: boolean;
}

export async function insertCase(db: Kysely<DB>, spec: CaseSpec): Promise<string> {
  const id = uuidv7();
  caseSeq += 1;
  const filing = spec.filing ?? null;
  const status = filing === null ? null : (spec.status ?? 'accepted_cooling');
  const outcome = spec.outcomeDate ?? null;
  await db
    .insertInto('cases')
    .values({
      id,
      case_number: `2026-LH-${String(caseSeq).padStart(5, '0')}`,
      type: spec.type ?? 'divorce_adjustment',
      received_date: filing ?? '2025-01-01',
      filing_received_date: filing,
      receipt_number: filing ? `SL-${caseSeq}` : null,
      reason_categories: JSON.stringify(spec.reasons ?? []),
      counsellor_id: spec.counsellorId,
      companion_user_id: spec.companionId ?? null,
      registration_status: status,
      withdrawal_deadline: filing ? addDays(filing, 30) : null,
      certificate_window_start: filing ? addDays(filing, 31) : null,
      certificate_window_end:
        filing === null ? null : status === 'deemed_withdrawn' && outcome ? outcome : addDays(filing, 60),
      withdrawal_date: status === 'withdrawn' ? outcome : null,
      registered_date: status === 'registered' ? outcome : null,
      refusal_date: status === 'refused' ? outcome : null,
      result: spec.result ?? null,
      created_by: spec.counsellorId,
      ...SYNCED,
      ...(spec.deleted ? DELETED : {}),
    })
    .execute();
  return id;
}

export interface RecordSpec {
  caseId: string;
  counsellorId: string;
  date: LocalDate;
  signed?: boolean;
  result?: RecordResult;
  halfDay?: 'am' | 'pm' | null;
  channel?: 'face_to_face' | 'voice' | 'text' | null;
  satisfaction?: 'satisfied' | 'basic' | 'dissatisfied' | null;
  volunteers?: string[];
  signedAt?: string;
  deleted?: boolean;
}

export async function insertRecord(db: Kysely<DB>, spec: RecordSpec): Promise<string> {
  const id = uuidv7();
  const signed = spec.signed ?? true;
  await db
    .insertInto('counselling_records')
    .values({
      id,
      case_id: spec.caseId,
      status: signed ? 'signed' : 'draft',
      session_date: spec.date,
      half_day: spec.halfDay === undefined ? 'am' : spec.halfDay,
      channel: spec.channel === undefined ? 'face_to_face' : spec.channel,
      volunteer_names: JSON.stringify(spec.volunteers ?? []),
      attendees: '{"parties":[],"others":[]}',
      result: signed ? (spec.result ?? 'reconcile') : (spec.result ?? null),
      satisfaction: spec.satisfaction === undefined ? 'satisfied' : spec.satisfaction,
      created_by: spec.counsellorId,
      signed_by: signed ? spec.counsellorId : null,
      signed_at: signed ? (spec.signedAt ?? `${spec.date}T08:00:00.000Z`) : null,
      ...SYNCED,
      ...(spec.deleted ? DELETED : {}),
    })
    .execute();
  return id;
}

export async function insertDisclosure(
  db: Kysely<DB>,
  caseId: string,
  disclosedAt: string,
  by: string,
  deleted = false,
): Promise<string> {
  const id = uuidv7();
  await db
    .insertInto('dv_disclosures')
    .values({
      id,
      case_id: caseId,
      disclosed_by: 'party_b',
      disclosed_by_name: null,
      disclosed_at: disclosedAt,
      recorded_by: by,
      facts: '推搡',
      injuries_evidence: null,
      risk_level: 'high',
      victim_wishes: null,
      minors_involved: 0,
      victim_lacks_capacity: 0,
      help_info_given: 1,
      warning_letter_number: null,
      warning_letter_issued_at: null,
      protection_order_number: null,
      protection_order_issued_at: null,
      protection_order_expires_at: null,
      mandatory_report_at: null,
      mandatory_report_to: null,
      mandatory_report_reference: null,
      mandatory_report_recorded_by: null,
      ...SYNCED,
      ...(deleted ? DELETED : {}),
    })
    .execute();
  return id;
}

let refSeq = 0;

export async function insertReferral(
  db: Kysely<DB>,
  spec: {
    caseId: string;
    createdAt: string;
    by: string;
    target?: (typeof REFERRAL_TARGETS)[number];
    status?: (typeof REFERRAL_STATUSES)[number];
    disclosureId?: string | null;
    deleted?: boolean;
  },
): Promise<string> {
  const id = uuidv7();
  refSeq += 1;
  await db
    .insertInto('referrals')
    .values({
      id,
      case_id: spec.caseId,
      dv_disclosure_id: spec.disclosureId ?? null,
      reference_number: `ZJ-2026-${String(refSeq).padStart(5, '0')}`,
      ref_year: 2026,
      ref_seq: refSeq,
      target: spec.target ?? 'police',
      target_name: null,
      subject: 'both',
      reason: '转介',
      consent_given: 1,
      no_consent_reason: null,
      status: spec.status ?? 'created',
      expected_reply_date: '2026-12-31',
      created_by: spec.by,
      ...SYNCED,
      created_at: spec.createdAt,
      ...(spec.deleted ? DELETED : {}),
    })
    .execute();
  return id;
}

export async function insertVolunteer(
  db: Kysely<DB>,
  name: string,
  by: string,
  deleted = false,
): Promise<string> {
  const id = uuidv7();
  await db
    .insertInto('volunteers')
    .values({
      id,
      name,
      sex: null,
      phone: null,
      profession: 'lawyer',
      profession_other: null,
      qualified: 1,
      pledge_signed_date: '2025-01-01',
      active: 1,
      inactive_reason: null,
      user_id: null,
      notes: null,
      created_by: by,
      ...SYNCED,
      deleted_reason: null,
      ...(deleted ? REMOVED : {}),
    })
    .execute();
  return id;
}

let archiveSeq = 0;

export async function insertFamily(db: Kysely<DB>, counsellorId: string, deleted = false): Promise<string> {
  const id = uuidv7();
  archiveSeq += 1;
  await db
    .insertInto('families')
    .values({
      id,
      archive_number: `JT-2026-${String(archiveSeq).padStart(5, '0')}`,
      archive_year: 2026,
      archive_seq: archiveSeq,
      name: '某家庭',
      focus: 'marriage',
      result: 'reconcile',
      needs: null,
      safety_notes: null,
      counsellor_id: counsellorId,
      status: 'open',
      closed_reason: null,
      closed_at: null,
      created_by: counsellorId,
      ...SYNCED,
      deleted_reason: null,
      ...(deleted ? REMOVED : {}),
    })
    .execute();
  return id;
}

export interface VisitSpec {
  familyId: string;
  counsellorId: string;
  due: LocalDate;
  status: 'scheduled' | 'on_hold' | 'done' | 'cancelled';
  visitDate?: LocalDate;
  minutes?: number;
  volunteerId?: string | null;
  deleted?: boolean;
  planDeleted?: boolean;
}

/** A visit on a plan of its own (a plan has at most one open visit). */
export async function insertVisit(db: Kysely<DB>, spec: VisitSpec): Promise<string> {
  const planId = uuidv7();
  await db
    .insertInto('followup_plans')
    .values({
      id: planId,
      family_id: spec.familyId,
      case_id: null,
      result: 'reconcile',
      focus: 'marriage',
      start_date: '2025-01-01',
      months: '[1,3,6]',
      volunteer_id: null,
      status: 'active',
      status_reason: null,
      close_cause: null,
      created_by: spec.counsellorId,
      ...SYNCED,
      deleted_reason: null,
      ...(spec.planDeleted ? REMOVED : {}),
    })
    .execute();
  const id = uuidv7();
  const done = spec.status === 'done';
  await db
    .insertInto('followup_visits')
    .values({
      id,
      plan_id: planId,
      family_id: spec.familyId,
      counsellor_id: spec.counsellorId,
      seq: 1,
      due_date: spec.due,
      status: spec.status,
      volunteer_id: spec.volunteerId ?? null,
      visit_date: done ? (spec.visitDate ?? spec.due) : null,
      channel: done ? 'voice' : null,
      duration_minutes: done ? (spec.minutes ?? 30) : null,
      met_whom: done ? '双方' : null,
      marriage_status: null,
      children_wellbeing: null,
      elderly: null,
      problems: null,
      help_given: null,
      next_step: null,
      safety_concern: 0,
      safety_note: null,
      safety_acknowledged_at: null,
      safety_acknowledged_by: null,
      recorded_by: done ? spec.counsellorId : null,
      recorded_at: done ? SYNCED.created_at : null,
      ...SYNCED,
      deleted_reason: null,
      ...(spec.deleted ? REMOVED : {}),
    })
    .execute();
  return id;
}

export async function insertEvent(
  db: Kysely<DB>,
  spec: {
    date: LocalDate;
    attendees: number;
    hours: number;
    by: string;
    speakers?: { volunteerId: string | null; deleted?: boolean }[];
    deleted?: boolean;
  },
): Promise<string> {
  const id = uuidv7();
  await db
    .insertInto('outreach_events')
    .values({
      id,
      type: 'happiness_class',
      type_other: null,
      date: spec.date,
      place: '辅导室',
      topic: `幸福课堂 ${spec.date}`,
      duration_hours: spec.hours,
      attendee_count: spec.attendees,
      notes: null,
      created_by: spec.by,
      ...SYNCED,
      deleted_reason: null,
      ...(spec.deleted ? REMOVED : {}),
    })
    .execute();
  let position = 0;
  for (const s of spec.speakers ?? []) {
    position += 1;
    await db
      .insertInto('outreach_event_speakers')
      .values({
        id: uuidv7(),
        event_id: id,
        position,
        volunteer_id: s.volunteerId,
        name: s.volunteerId ? '志愿者' : '外请讲师',
        ...SYNCED,
        deleted_reason: null,
        ...(s.deleted ? REMOVED : {}),
      })
      .execute();
  }
  return id;
}

export async function insertEvaluation(
  db: Kysely<DB>,
  spec: { volunteerId: string; date: LocalDate; score: number; deleted?: boolean },
): Promise<string> {
  const id = uuidv7();
  await db
    .insertInto('volunteer_evaluations')
    .values({
      id,
      volunteer_id: spec.volunteerId,
      date: spec.date,
      score: spec.score,
      evaluator: '李主任',
      notes: null,
      ...SYNCED,
      deleted_reason: null,
      ...(spec.deleted ? REMOVED : {}),
    })
    .execute();
  return id;
}

// ── a generated dataset ─────────────────────────────────────────────────────────────────────────────

/** A small seeded generator (mulberry32), so the dataset is the same on every run. */
export function random(seed: number) {
  const next = mulberry32(seed);
  const int = (n: number): number => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;
  return { next, int, pick, chance: (p: number) => next() < p };
}

/** The generated caseload's days: from `start`, over `days` (by default 2025 to mid-April 2026). */
export interface Span {
  start: LocalDate;
  days: number;
}
const SPAN: Span = { start: '2025-01-01', days: 470 };

/** A random instant on an office-local day, sometimes right at the day's edges (CST midnight). */
function instantOn(r: ReturnType<typeof random>, day: LocalDate): string {
  const edge = r.int(4);
  if (edge === 0) return `${addDays(day, -1)}T16:00:00.000Z`; // 00:00 CST
  if (edge === 1) return `${day}T15:59:59.999Z`; // 23:59:59.999 CST
  return `${addDays(day, -1)}T${String(16 + r.int(8)).padStart(2, '0')}:30:00.000Z`;
}

const halfRank = (h: 'am' | 'pm' | null) => (h === null ? 0 : h === 'am' ? 1 : 2);

/**
 * A varied caseload over 2025 and early 2026: every counselling type, filings in every registration status
 * with their outcome dates, records signed and draft (some on the same day, some deleted), deleted cases,
 * DV disclosures at the edges of days, referrals (some DV-linked), follow-up visits of every status (some
 * of deleted plans and archives), events past and future, volunteers (one removed) and their evaluations.
 * The case's result is set from its latest signed record, as the records service keeps it.
 */
export async function seedGenerated(
  db: Kysely<DB>,
  staff: StatStaff,
  cases: number,
  seed = 12,
  span: Span = SPAN,
): Promise<void> {
  const r = random(seed);
  const counsellors = staff.counsellors;
  const day = () => addDays(span.start, r.int(span.days));
  await db.transaction().execute(async (trx) => {
    const names = ['志愿者甲', '志愿者乙', '志愿者丙', '志愿者丁'];
    const volunteers: string[] = [];
    for (const n of names) volunteers.push(await insertVolunteer(trx, n, staff.director.id));
    await insertVolunteer(trx, '已删志愿者', staff.director.id, true);
    const recordNames = [...names, '已删志愿者', '不在名册'];

    for (let i = 0; i < cases; i++) {
      const type: CounsellingType = r.chance(0.7) ? 'divorce_adjustment' : r.pick(COUNSELLING_TYPES);
      const counsellor = r.pick(counsellors);
      const companion = r.chance(0.2) ? r.pick(counsellors).id : null;
      const filing = type === 'divorce_adjustment' && r.chance(0.85) ? day() : null;
      const status = filing
        ? r.pick([
            'accepted_cooling',
            'withdrawn',
            'awaiting_certificate',
            'deemed_withdrawn',
            'registered',
            'refused',
          ] as const)
        : null;
      const outcome =
        filing === null
          ? undefined
          : status === 'withdrawn'
            ? addDays(filing, 1 + r.int(30))
            : status === 'deemed_withdrawn'
              ? addDays(filing, 60)
              : status === 'registered' || status === 'refused'
                ? addDays(filing, 31 + r.int(30))
                : undefined;
      const reasons =
        type === 'divorce_adjustment' && r.chance(0.8)
          ? [...new Set(Array.from({ length: 1 + r.int(3) }, () => r.pick(REASON_CATEGORIES)))]
          : [];
      // Records: 0–3, in date order; the case's result is the latest living signed one's.
      const recs: RecordSpec[] = [];
      let d = filing ?? day();
      const n = r.int(4);
      for (let k = 0; k < n; k++) {
        d = addDays(d, r.int(40));
        recs.push({
          caseId: '',
          counsellorId: counsellor.id,
          date: d,
          signed: r.chance(0.8),
          result: r.pick(['reconcile', 'postpone', 'divorce'] as const),
          halfDay: r.pick(['am', 'pm', null] as const),
          channel: r.pick(['face_to_face', 'voice', 'text', null] as const),
          satisfaction: r.pick(['satisfied', 'basic', 'dissatisfied', null] as const),
          volunteers: r.chance(0.3) ? [r.pick(recordNames), r.pick(recordNames)] : [],
          signedAt: `${d}T0${r.int(10)}:00:00.000Z`,
          deleted: r.chance(0.05),
        });
      }
      const living = recs.filter((x) => x.signed && !x.deleted);
      const latest = living.reduce<RecordSpec | null>((best, x) => {
        if (best === null) return x;
        if (x.date !== best.date) return x.date > best.date ? x : best;
        const [hx, hb] = [halfRank(x.halfDay ?? null), halfRank(best.halfDay ?? null)];
        if (hx !== hb) return hx > hb ? x : best;
        return (x.signedAt ?? '') > (best.signedAt ?? '') ? x : best;
      }, null);
      const caseId = await insertCase(trx, {
        type,
        counsellorId: counsellor.id,
        companionId: companion,
        filing,
        status,
        outcomeDate: outcome,
        reasons,
        result: latest?.result ?? null,
        deleted: r.chance(0.04),
      });
      for (const rec of recs) await insertRecord(trx, { ...rec, caseId });
      let disclosure: string | null = null;
      if (r.chance(0.12)) {
        disclosure = await insertDisclosure(trx, caseId, instantOn(r, day()), counsellor.id, r.chance(0.1));
      }
      if (r.chance(0.25)) {
        await insertReferral(trx, {
          caseId,
          createdAt: instantOn(r, day()),
          by: counsellor.id,
          target: r.pick(REFERRAL_TARGETS),
          status: r.pick(REFERRAL_STATUSES),
          disclosureId: disclosure && r.chance(0.6) ? disclosure : null,
          deleted: r.chance(0.08),
        });
      }
    }

    const families: { id: string; counsellorId: string }[] = [];
    for (let f = 0; f < Math.max(4, Math.floor(cases / 15)); f++) {
      const counsellorId = r.pick(counsellors).id;
      families.push({ id: await insertFamily(trx, counsellorId, r.chance(0.1)), counsellorId });
    }
    for (let v = 0; v < Math.max(10, Math.floor(cases / 4)); v++) {
      const family = r.pick(families);
      const status = r.pick(['scheduled', 'on_hold', 'done', 'cancelled'] as const);
      const due = day();
      await insertVisit(trx, {
        familyId: family.id,
        counsellorId: family.counsellorId,
        due,
        status,
        visitDate: addDays(due, r.int(20) - 5),
        minutes: 5 + r.int(90),
        volunteerId: r.chance(0.6) ? r.pick(volunteers) : null,
        deleted: r.chance(0.05),
        planDeleted: r.chance(0.05),
      });
    }
    for (let e = 0; e < Math.max(8, Math.floor(cases / 20)); e++) {
      await insertEvent(trx, {
        date: day(),
        attendees: r.int(80),
        hours: 0.5 * (1 + r.int(6)),
        by: staff.director.id,
        speakers: [
          { volunteerId: r.pick(volunteers) },
          { volunteerId: r.chance(0.5) ? r.pick(volunteers) : null, deleted: r.chance(0.2) },
        ],
        deleted: r.chance(0.1),
      });
    }
    for (let e = 0; e < Math.max(8, Math.floor(cases / 15)); e++) {
      await insertEvaluation(trx, {
        volunteerId: r.pick(volunteers),
        date: day(),
        score: 50 + r.int(51),
        deleted: r.chance(0.1),
      });
    }
  });
}

// ── the rows as the shared functions take them ──────────────────────────────────────────────────────

/**
 * Every row the user may see, as the shared functions take them: the store's rows narrowed by the
 * visibility rule (below), then read by the county's own `statisticsRowsOf` (living rows, parsed). A row it
 * cannot read is a fault of this dataset, never a row to leave uncounted.
 */
export async function rowsFor(db: Kysely<DB>, user: SessionUser): Promise<StatisticsRows> {
  const read = statisticsRowsOf(visibleTo(user, await storeRows(db)));
  if (read.unreadable > 0) throw new Error(`statistics dataset: ${read.unreadable} rows do not parse`);
  return read.rows;
}

/** Every row of the statistics' tables, soft-deleted ones too (statisticsRowsOf leaves those out). */
async function storeRows(db: Kysely<DB>) {
  return {
    cases: await db.selectFrom('cases').selectAll().execute(),
    counselling_records: await db.selectFrom('counselling_records').selectAll().execute(),
    dv_disclosures: await db.selectFrom('dv_disclosures').selectAll().execute(),
    referrals: await db.selectFrom('referrals').selectAll().execute(),
    families: await db.selectFrom('families').selectAll().execute(),
    followup_plans: await db.selectFrom('followup_plans').selectAll().execute(),
    followup_visits: await db.selectFrom('followup_visits').selectAll().execute(),
    volunteers: await db.selectFrom('volunteers').selectAll().execute(),
    volunteer_evaluations: await db.selectFrom('volunteer_evaluations').selectAll().execute(),
    outreach_events: await db.selectFrom('outreach_events').selectAll().execute(),
    outreach_event_speakers: await db.selectFrom('outreach_event_speakers').selectAll().execute(),
  } satisfies Record<StatisticsTable, unknown[]>;
}

/**
 * The desk's visibility rule, written here independently of its SQL (docs/domain.md "Who sees what"): a
 * director sees everything; a counsellor the cases they are in charge of or accompany, DV disclosures (and
 * the referrals linked to one) only on cases in their charge, and the family archives in their charge.
 * Records of cases out of sight stay: the shared functions drop rows of a case they are not given.
 */
function visibleTo(user: SessionUser, rows: Awaited<ReturnType<typeof storeRows>>) {
  if (user.role === 'director') return rows;
  const cases = rows.cases.filter((c) => c.counsellor_id === user.id || c.companion_user_id === user.id);
  const seen = new Set(cases.map((c) => c.id));
  const inCharge = new Set(cases.filter((c) => c.counsellor_id === user.id).map((c) => c.id));
  return {
    ...rows,
    cases,
    dv_disclosures: rows.dv_disclosures.filter((d) => inCharge.has(d.case_id)),
    referrals: rows.referrals.filter(
      (f) => seen.has(f.case_id) && (f.dv_disclosure_id === null || inCharge.has(f.case_id)),
    ),
    families: rows.families.filter((f) => f.counsellor_id === user.id),
  };
}
