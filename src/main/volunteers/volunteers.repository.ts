import { sql, type Transaction } from 'kysely';
import { addDays } from '../../shared/calendar';
import {
  CERTIFICATE_WARNING_DAYS,
  type ServiceHoursFacts,
  type VolunteerListFilter,
} from '../../shared/volunteers';
import type { DB, Db } from '../db';
import type {
  CertificateRow,
  EvaluationRow,
  NewCertificateRow,
  NewEvaluationRow,
  NewTrainingRow,
  NewVolunteerRow,
  TrainingRow,
  VolunteerRow,
  VolunteersTables,
} from './volunteers.table';

/*
 * The roster's queries. Derived figures (open visits, service hours) read the follow-up, event and
 * counselling tables here, read only: those modules own their writes.
 */

/** A living (not removed) volunteer. */
export async function findVolunteer(db: Db, volunteerId: string): Promise<VolunteerRow | undefined> {
  return db
    .selectFrom('volunteers')
    .selectAll()
    .where('id', '=', volunteerId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/** Roster names by id (removed volunteers included: history keeps their name). */
export async function volunteerNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('volunteers').select(['id', 'name']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The living volunteer profile linked to a desk account, or null. */
export async function volunteerIdOfUser(db: Db, userId: string): Promise<string | null> {
  const row = await db
    .selectFrom('volunteers')
    .select('id')
    .where('user_id', '=', userId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row?.id ?? null;
}

// ── the roster list ─────────────────────────────────────────────────────────────────────────────────

/** `%part%` for LIKE, with the user's own % and _ taken literally. */
function containsPattern(part: string): string {
  return `%${part.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/**
 * The living volunteers 'volunteers.list' shows (no order, no paging): shared by the page and the count.
 * eligibleOnly is the shared rule `ineligibleReasons` as SQL: active, pledge signed on or before today.
 */
export function filteredVolunteers(db: Db, f: VolunteerListFilter, today: string) {
  let q = db.selectFrom('volunteers').where('volunteers.deleted_at', 'is', null);
  if (f.query !== '') q = q.where(sql<boolean>`volunteers.name LIKE ${containsPattern(f.query)} ESCAPE '\\'`);
  if (f.status !== 'all') q = q.where('volunteers.active', '=', f.status === 'active' ? 1 : 0);
  if (f.profession) q = q.where('volunteers.profession', '=', f.profession);
  if (f.eligibleOnly) {
    q = q
      .where('volunteers.active', '=', 1)
      .where('volunteers.pledge_signed_date', 'is not', null)
      .where('volunteers.pledge_signed_date', '<=', today);
  }
  return q;
}

/**
 * One page of them by name (the volunteers_name index; rowid, which that index carries, breaks ties
 * between namesakes without a sort).
 */
export function volunteerListPage(db: Db, f: VolunteerListFilter, today: string) {
  return filteredVolunteers(db, f, today)
    .selectAll('volunteers')
    .orderBy('volunteers.name')
    .orderBy(sql`volunteers.rowid`)
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
}

/** The first day a certificate expiring on it is no longer a warning (expired or within 30 days: before). */
function warningHorizon(today: string): string {
  return addDays(today, CERTIFICATE_WARNING_DAYS + 1);
}

/** Certificates expired or expiring within 30 days, per volunteer (volunteer_certificates_volunteer). */
export function certificateWarningsQuery(db: Db, volunteerIds: readonly string[], today: string) {
  return db
    .selectFrom('volunteer_certificates')
    .select((eb) => ['volunteer_id', eb.fn.countAll<number>().as('n')])
    .where('volunteer_id', 'in', [...volunteerIds])
    .where('deleted_at', 'is', null)
    .where('expires_on', 'is not', null)
    .where('expires_on', '<', warningHorizon(today))
    .groupBy('volunteer_id');
}

/**
 * Open visits per volunteer: waiting (scheduled) or on hold while their plan is paused, living
 * (followup_visits_volunteer).
 */
export function openVisitsQuery(db: Db, volunteerIds: readonly string[]) {
  return db
    .selectFrom('followup_visits')
    .select((eb) => ['volunteer_id', eb.fn.countAll<number>().as('n')])
    .where('volunteer_id', 'in', [...volunteerIds])
    .where('status', 'in', ['scheduled', 'on_hold'])
    .where('deleted_at', 'is', null)
    .groupBy('volunteer_id');
}

async function countsBy(
  query: { execute(): Promise<{ volunteer_id: string | null; n: number }[]> },
  ids: readonly string[],
): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await query.execute();
  return new Map(rows.flatMap((r) => (r.volunteer_id === null ? [] : [[r.volunteer_id, Number(r.n)]])));
}

export function certificateWarnings(
  db: Db,
  ids: readonly string[],
  today: string,
): Promise<Map<string, number>> {
  return countsBy(certificateWarningsQuery(db, ids, today), ids);
}

export function openVisits(db: Db, ids: readonly string[]): Promise<Map<string, number>> {
  return countsBy(openVisitsQuery(db, ids), ids);
}

/** One volunteer's open visits. */
export async function openVisitCount(db: Db, volunteerId: string): Promise<number> {
  return (await openVisits(db, [volunteerId])).get(volunteerId) ?? 0;
}

// ── one volunteer's file ────────────────────────────────────────────────────────────────────────────

export function certificatesOf(db: Db, volunteerId: string): Promise<CertificateRow[]> {
  return db
    .selectFrom('volunteer_certificates')
    .selectAll()
    .where('volunteer_id', '=', volunteerId)
    .where('deleted_at', 'is', null)
    .orderBy('expires_on')
    .orderBy('created_at')
    .execute();
}

/** Newest first. */
export function trainingsOf(db: Db, volunteerId: string): Promise<TrainingRow[]> {
  return db
    .selectFrom('volunteer_trainings')
    .selectAll()
    .where('volunteer_id', '=', volunteerId)
    .where('deleted_at', 'is', null)
    .orderBy('date', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
}

/** Newest first. */
export function evaluationsOf(db: Db, volunteerId: string): Promise<EvaluationRow[]> {
  return db
    .selectFrom('volunteer_evaluations')
    .selectAll()
    .where('volunteer_id', '=', volunteerId)
    .where('deleted_at', 'is', null)
    .orderBy('date', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
}

/**
 * Signed counselling records naming the volunteer (their exact roster name) among the record's
 * volunteers. Records name volunteers as text (they predate the roster), so no index can find them: this
 * reads the signed records once, for one volunteer's page.
 */
export function counsellingSessionsQuery(db: Db, name: string) {
  return db
    .selectFrom('counselling_records')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'signed')
    .where('deleted_at', 'is', null)
    .where(
      sql<boolean>`EXISTS (SELECT 1 FROM json_each(counselling_records.volunteer_names) WHERE json_each.value = ${name})`,
    );
}

/** Minutes of each done, living visit the volunteer made (followup_visits_volunteer). */
export function doneVisitsQuery(db: Db, volunteerId: string) {
  return db
    .selectFrom('followup_visits')
    .select('duration_minutes')
    .where('volunteer_id', '=', volunteerId)
    .where('status', '=', 'done')
    .where('deleted_at', 'is', null);
}

/**
 * Hours of each held event (date not after today, living) the volunteer spoke at, each event once
 * (outreach_event_speakers_volunteer).
 */
export function heldEventsQuery(db: Db, volunteerId: string, today: string) {
  return db
    .selectFrom('outreach_events')
    .select('outreach_events.duration_hours')
    .where('outreach_events.deleted_at', 'is', null)
    .where('outreach_events.date', '<=', today)
    .where((eb) =>
      eb(
        'outreach_events.id',
        'in',
        eb
          .selectFrom('outreach_event_speakers')
          .select('outreach_event_speakers.event_id')
          .where('outreach_event_speakers.volunteer_id', '=', volunteerId)
          .where('outreach_event_speakers.deleted_at', 'is', null),
      ),
    );
}

/** What the volunteer's service hours are derived from (shared rule `serviceHours`). */
export async function serviceFacts(
  db: Db,
  volunteer: Pick<VolunteerRow, 'id' | 'name'>,
  today: string,
): Promise<ServiceHoursFacts> {
  const sessions = await counsellingSessionsQuery(db, volunteer.name).executeTakeFirstOrThrow();
  const visits = await doneVisitsQuery(db, volunteer.id).execute();
  const events = await heldEventsQuery(db, volunteer.id, today).execute();
  return {
    counsellingSessions: Number(sessions.n),
    visitMinutes: visits.map((v) => v.duration_minutes ?? 0),
    eventHours: events.map((e) => e.duration_hours),
  };
}

// ── writes ──────────────────────────────────────────────────────────────────────────────────────────

export async function insertVolunteer(trx: Transaction<DB>, row: NewVolunteerRow): Promise<VolunteerRow> {
  return trx.insertInto('volunteers').values(row).returningAll().executeTakeFirstOrThrow();
}

/** The profile columns a director changes. */
export type VolunteerChange = Partial<
  Pick<
    VolunteerRow,
    | 'name'
    | 'sex'
    | 'phone'
    | 'profession'
    | 'profession_other'
    | 'qualified'
    | 'pledge_signed_date'
    | 'user_id'
    | 'notes'
    | 'active'
    | 'inactive_reason'
  >
>;

/** Bumps version and updated_at with every change, as every synced row must. */
export async function updateVolunteer(
  trx: Transaction<DB>,
  id: string,
  change: VolunteerChange,
  at: Date,
): Promise<VolunteerRow> {
  return trx
    .updateTable('volunteers')
    .set((eb) => ({ ...change, updated_at: at.toISOString(), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The tables of a volunteer's file whose rows are removed one by one. */
export type EntryTable = Exclude<keyof VolunteersTables, 'volunteers'>;

export async function insertCertificate(trx: Transaction<DB>, row: NewCertificateRow): Promise<void> {
  await trx.insertInto('volunteer_certificates').values(row).execute();
}

export async function insertTraining(trx: Transaction<DB>, row: NewTrainingRow): Promise<void> {
  await trx.insertInto('volunteer_trainings').values(row).execute();
}

export async function insertEvaluation(trx: Transaction<DB>, row: NewEvaluationRow): Promise<void> {
  await trx.insertInto('volunteer_evaluations').values(row).execute();
}

/** A living entry's volunteer, or undefined. */
export async function entryOwner(db: Db, table: EntryTable, id: string): Promise<string | undefined> {
  const row = await db
    .selectFrom(table)
    .select('volunteer_id')
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row?.volunteer_id;
}

/**
 * Soft deletion of a volunteer or one entry of their file: deleted_at and the typed reason together
 * (the table's CHECK), version bumped. False when the row was not living.
 */
export async function softDelete(
  trx: Transaction<DB>,
  table: keyof VolunteersTables,
  id: string,
  reason: string,
  at: Date,
): Promise<boolean> {
  const stamp = at.toISOString();
  const result = await trx
    .updateTable(table)
    .set((eb) => ({
      deleted_at: stamp,
      deleted_reason: reason,
      updated_at: stamp,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
