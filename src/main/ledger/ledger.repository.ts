import { sql } from 'kysely';
import type { SessionUser } from '../../shared/users';
import { caseVisibility } from '../cases';
import type { Db } from '../db';
import { familyVisibility } from '../followups';
import { visibleReferrals } from '../referrals';

/*
 * The ledger's reads (docs/ledger-format.md), one query per register, each over what the user may see
 * (caseVisibility, visibleReferrals, familyVisibility) and narrowed to one counsellor in charge when asked.
 * None reads a note, a reason text, a phone, an address or a DV disclosure.
 */

export interface LedgerScope {
  user: SessionUser;
  from: string;
  to: string;
  counsellorId: string | null;
  /** Office-local today: events dated after it are not held. */
  today: string;
}

/** Instants (ISO-8601 UTC text) whose office-local date (UTC+8) lies in from…to: [from 00:00+08, to+1 00:00+08). */
export function instantRange(from: string, to: string): [string, string] {
  const start = new Date(`${from}T00:00:00+08:00`);
  const end = new Date(Date.parse(`${to}T00:00:00+08:00`) + 86_400_000);
  return [start.toISOString(), end.toISOString()];
}

/** The earliest signed session and the number of signed records of each case with one (living records). */
function signedByCase(db: Db) {
  return db
    .selectFrom('counselling_records')
    .select([
      'case_id',
      (eb) => eb.fn.min('session_date').as('first_session'),
      (eb) => eb.fn.countAll<number>().as('signed_records'),
    ])
    .where('status', '=', 'signed')
    .where('deleted_at', 'is', null)
    .groupBy('case_id');
}

/** 案件登记: cases received (received_date) in the period, oldest first. */
export function ledgerCases(db: Db, s: LedgerScope) {
  let q = db
    .selectFrom('cases')
    .innerJoin('case_parties as pa', (j) =>
      j.onRef('pa.case_id', '=', 'cases.id').on('pa.party', '=', 'party_a'),
    )
    .innerJoin('case_parties as pb', (j) =>
      j.onRef('pb.case_id', '=', 'cases.id').on('pb.party', '=', 'party_b'),
    )
    .leftJoin('users as counsellor', 'counsellor.id', 'cases.counsellor_id')
    .leftJoin('users as companion', 'companion.id', 'cases.companion_user_id')
    // One pass over the signed records, joined by case (a correlated subquery per case would walk the
    // records by status, not by case, and grow with the square of the desk).
    .leftJoin(signedByCase(db).as('f'), 'f.case_id', 'cases.id')
    .select([
      'f.first_session',
      'f.signed_records',
      'cases.id',
      'cases.case_number',
      'cases.type',
      'cases.received_date',
      'cases.filing_received_date',
      'cases.registration_status',
      'cases.withdrawal_date',
      'cases.registered_date',
      'cases.result',
      'cases.companion_name',
      'counsellor.display_name as counsellor_name',
      'companion.display_name as companion_user_name',
      'pa.name as a_name',
      'pa.document_number as a_document',
      'pb.name as b_name',
      'pb.document_number as b_document',
    ])
    .where('cases.deleted_at', 'is', null)
    .where(caseVisibility(s.user))
    .where('cases.received_date', '>=', s.from)
    .where('cases.received_date', '<=', s.to);
  if (s.counsellorId) q = q.where('cases.counsellor_id', '=', s.counsellorId);
  return q.orderBy('cases.received_date').orderBy('cases.case_number');
}

/** 辅导记录: signed records whose session date is in the period (never a note), by date and half day. */
export function ledgerRecords(db: Db, s: LedgerScope) {
  let q = db
    .selectFrom('counselling_records as r')
    .innerJoin('cases', 'cases.id', 'r.case_id')
    .select([
      'r.session_date',
      'r.half_day',
      'r.channel',
      'r.counsellor_ids',
      'r.volunteer_names',
      'r.result',
      'r.satisfaction',
      'cases.case_number',
      'cases.type',
    ])
    .where('r.status', '=', 'signed')
    .where('r.deleted_at', 'is', null)
    .where('r.session_date', '>=', s.from)
    .where('r.session_date', '<=', s.to)
    .where('cases.deleted_at', 'is', null)
    .where(caseVisibility(s.user));
  if (s.counsellorId) q = q.where('cases.counsellor_id', '=', s.counsellorId);
  return q.orderBy('r.session_date').orderBy('r.half_day').orderBy('cases.case_number');
}

/** 转介: referrals created (office-local date) in the period that the user may see (DV-linked: DV rights). */
export function ledgerReferrals(db: Db, s: LedgerScope) {
  const [start, end] = instantRange(s.from, s.to);
  let q = visibleReferrals(db, s.user)
    .select([
      'referrals.reference_number',
      'referrals.created_at',
      'referrals.target',
      'referrals.target_name',
      'referrals.subject',
      'referrals.status',
      'referrals.expected_reply_date',
      'referrals.consent_given',
      'cases.case_number',
    ])
    .where('referrals.created_at', '>=', start)
    .where('referrals.created_at', '<', end);
  if (s.counsellorId) q = q.where('cases.counsellor_id', '=', s.counsellorId);
  return q.orderBy('referrals.created_at').orderBy('referrals.reference_number');
}

/**
 * 回访: visits of the families the user may see that fall due in the period (not cancelled) or were made in
 * it; narrowed to one counsellor's visits when asked.
 */
export function ledgerVisits(db: Db, s: LedgerScope) {
  let q = db
    .selectFrom('followup_visits as v')
    .innerJoin('families', 'families.id', 'v.family_id')
    .innerJoin('followup_plans as p', 'p.id', 'v.plan_id')
    .leftJoin('volunteers as vol', 'vol.id', 'v.volunteer_id')
    .leftJoin('users as counsellor', 'counsellor.id', 'v.counsellor_id')
    .select([
      'families.archive_number',
      'v.seq',
      'v.due_date',
      'v.visit_date',
      'v.status',
      'v.channel',
      'v.duration_minutes',
      'vol.name as volunteer_name',
      'counsellor.display_name as counsellor_name',
    ])
    .where('v.deleted_at', 'is', null)
    .where('p.deleted_at', 'is', null)
    .where('families.deleted_at', 'is', null)
    .where(familyVisibility(s.user))
    .where((eb) =>
      eb.or([
        eb.and([
          eb('v.due_date', '>=', s.from),
          eb('v.due_date', '<=', s.to),
          eb('v.status', '!=', 'cancelled'),
        ]),
        eb.and([
          eb('v.status', '=', 'done'),
          eb('v.visit_date', '>=', s.from),
          eb('v.visit_date', '<=', s.to),
        ]),
      ]),
    );
  if (s.counsellorId) q = q.where('v.counsellor_id', '=', s.counsellorId);
  return q.orderBy('v.due_date').orderBy('families.archive_number').orderBy('v.seq');
}

/** 活动: living events dated in the period, with their speakers' names in order. */
export function ledgerEvents(db: Db, s: LedgerScope) {
  return db
    .selectFrom('outreach_events as e')
    .select([
      'e.date',
      'e.type',
      'e.type_other',
      'e.topic',
      'e.place',
      'e.attendee_count',
      'e.duration_hours',
    ])
    .select(
      sql<string | null>`(SELECT group_concat(name, '、') FROM (SELECT s.name FROM outreach_event_speakers s
        WHERE s.event_id = e.id AND s.deleted_at IS NULL ORDER BY s.position))`.as('speakers'),
    )
    .where('e.deleted_at', 'is', null)
    .where('e.date', '>=', s.from)
    .where('e.date', '<=', s.to)
    .orderBy('e.date')
    .orderBy('e.created_at');
}

/** 志愿者: the living roster, by name. */
export function ledgerVolunteers(db: Db) {
  return db
    .selectFrom('volunteers')
    .select([
      'id',
      'name',
      'sex',
      'profession',
      'profession_other',
      'qualified',
      'pledge_signed_date',
      'active',
    ])
    .where('deleted_at', 'is', null)
    .orderBy('name')
    .orderBy('id');
}

/** Signed records of the period naming each roster name among their volunteers (one hour each). */
export function volunteerSessionsInPeriod(db: Db, s: Pick<LedgerScope, 'from' | 'to'>) {
  return sql<{ name: string; n: number }>`
    SELECT j.value AS name, count(DISTINCT r.id) AS n
    FROM counselling_records r, json_each(r.volunteer_names) j
    WHERE r.status = 'signed' AND r.deleted_at IS NULL
      AND r.session_date >= ${s.from} AND r.session_date <= ${s.to}
    GROUP BY j.value`.execute(db);
}

/** Done visits made in the period, per volunteer: how many and their minutes. */
export function volunteerVisitsInPeriod(db: Db, s: Pick<LedgerScope, 'from' | 'to'>) {
  return db
    .selectFrom('followup_visits')
    .select([
      'volunteer_id',
      (eb) => eb.fn.countAll<number>().as('n'),
      (eb) => eb.fn.sum<number | null>('duration_minutes').as('minutes'),
    ])
    .where('status', '=', 'done')
    .where('deleted_at', 'is', null)
    .where('volunteer_id', 'is not', null)
    .where('visit_date', '>=', s.from)
    .where('visit_date', '<=', s.to)
    .groupBy('volunteer_id');
}

/** Held events (dated in the period, not after today) each volunteer spoke at: how many and their hours. */
export function volunteerEventsInPeriod(db: Db, s: Pick<LedgerScope, 'from' | 'to' | 'today'>) {
  const last = s.to < s.today ? s.to : s.today;
  return sql<{ volunteer_id: string; n: number; hours: number | null }>`
    SELECT sp.volunteer_id, count(*) AS n, sum(e.duration_hours) AS hours
    FROM outreach_events e
    JOIN (SELECT DISTINCT event_id, volunteer_id FROM outreach_event_speakers
          WHERE volunteer_id IS NOT NULL AND deleted_at IS NULL) sp ON sp.event_id = e.id
    WHERE e.deleted_at IS NULL AND e.date >= ${s.from} AND e.date <= ${last}
    GROUP BY sp.volunteer_id`.execute(db);
}
