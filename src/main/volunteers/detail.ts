import { DomainError } from '../../shared/errors';
import {
  certificateState,
  ineligibleReasons,
  serviceHours,
  type VolunteerDetail,
  type VolunteerSummary,
} from '../../shared/volunteers';
import type { Db } from '../db';
import { displayNames, userRef } from '../users';
import {
  certificatesOf,
  certificateWarnings,
  evaluationsOf,
  findVolunteer,
  openVisits,
  serviceFacts,
  trainingsOf,
} from './volunteers.repository';
import type { VolunteerRow } from './volunteers.table';

/* Rows → the contract's volunteer types: the roster row, and the whole file of one volunteer. */

/** A living volunteer, or VOLUNTEER_NOT_FOUND. */
export async function findVolunteerOrThrow(db: Db, volunteerId: string): Promise<VolunteerRow> {
  const row = await findVolunteer(db, volunteerId);
  if (!row) throw new DomainError('VOLUNTEER_NOT_FOUND');
  return row;
}

/** Roster rows with what is derived for each: eligibility, certificate warnings, open visits, account. */
export async function toSummaries(
  db: Db,
  rows: readonly VolunteerRow[],
  today: string,
): Promise<VolunteerSummary[]> {
  const ids = rows.map((r) => r.id);
  const warnings = await certificateWarnings(db, ids, today);
  const visits = await openVisits(db, ids);
  const names = await displayNames(
    db,
    rows.flatMap((r) => (r.user_id === null ? [] : [r.user_id])),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    profession: r.profession,
    professionOther: r.profession_other,
    qualified: r.qualified === 1,
    pledgeSignedDate: r.pledge_signed_date,
    active: r.active === 1,
    ineligibleReasons: ineligibleReasons(
      { active: r.active === 1, pledgeSignedDate: r.pledge_signed_date },
      today,
    ),
    certificateWarnings: warnings.get(r.id) ?? 0,
    openVisits: visits.get(r.id) ?? 0,
    linkedUser: r.user_id === null ? null : userRef(names, r.user_id),
  }));
}

/** Hours to a tenth, summed exactly (half hours in, so tenths are whole). */
function sumHours(hours: readonly number[]): number {
  return Math.round(hours.reduce((sum, h) => sum + h * 10, 0)) / 10;
}

/** Everything 'volunteers.get' shows of one living volunteer. */
export async function volunteerDetail(db: Db, row: VolunteerRow, today: string): Promise<VolunteerDetail> {
  const [summary] = await toSummaries(db, [row], today);
  const certificates = await certificatesOf(db, row.id);
  const trainings = await trainingsOf(db, row.id);
  const evaluations = await evaluationsOf(db, row.id);
  const facts = await serviceFacts(db, row, today);
  return {
    ...(summary as VolunteerSummary),
    sex: row.sex,
    phone: row.phone,
    notes: row.notes,
    inactiveReason: row.inactive_reason,
    certificates: certificates.map((c) => ({
      id: c.id,
      name: c.name,
      number: c.number,
      expiresOn: c.expires_on,
      state: certificateState(c.expires_on, today),
    })),
    trainings: trainings.map((t) => ({ id: t.id, date: t.date, topic: t.topic, hours: t.hours })),
    trainingHours: sumHours(trainings.map((t) => t.hours)),
    evaluations: evaluations.map((e) => ({
      id: e.id,
      date: e.date,
      score: e.score,
      evaluator: e.evaluator,
      notes: e.notes,
    })),
    serviceHours: serviceHours(facts),
    version: row.version,
    today,
  };
}

/** The detail of a living volunteer by id (VOLUNTEER_NOT_FOUND otherwise). */
export async function loadVolunteerDetail(
  db: Db,
  volunteerId: string,
  today: string,
): Promise<VolunteerDetail> {
  return volunteerDetail(db, await findVolunteerOrThrow(db, volunteerId), today);
}
