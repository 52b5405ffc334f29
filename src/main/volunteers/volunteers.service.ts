import { assertNotAfter, localDateAt } from '../../shared/calendar';
import type { ChannelOutput, ChannelParsed } from '../../shared/contract';
import { DomainError, invalidFields } from '../../shared/errors';
import type { VolunteerCreate, VolunteerDetail } from '../../shared/volunteers';
import { actorOf, appendAudit, type AuditInput } from '../audit';
import { bit, type Db } from '../db';
import { newSyncedRow, uuidv7, type WriteCall } from '../desk';
import { activeRole, activeUsersOfRole } from '../users';
import { findVolunteerOrThrow, loadVolunteerDetail, toSummaries, volunteerDetail } from './detail';
import {
  filteredVolunteers,
  insertVolunteer,
  openVisitCount,
  softDelete,
  updateVolunteer,
  volunteerIdOfUser,
  volunteerListPage,
  type VolunteerChange,
} from './volunteers.repository';
import type { VolunteerRow } from './volunteers.table';

/*
 * The volunteer roster (志愿者, docs/domain.md "Volunteers"): directors keep it; whoever works cases reads
 * it. A profile may be linked to one desk account with the volunteer role. Switching a volunteer off or
 * removing them needs a reason (kept in the row, never in the audit log) and is refused while visits are
 * still assigned to them. Audit entries carry ids, codes and field names only: never a name, a phone or a
 * typed reason.
 */

type AuditWhat = Omit<AuditInput, 'actorId' | 'actorName'>;

async function audit(call: WriteCall, entry: AuditWhat): Promise<void> {
  await appendAudit(call.db, { ...actorOf(call.user), ...entry }, call.now);
}

/** 'volunteers.list': by name, paged. */
export async function listVolunteers(
  db: Db,
  f: ChannelParsed<'volunteers.list'>,
  today: string,
): Promise<ChannelOutput<'volunteers.list'>> {
  const count = await filteredVolunteers(db, f, today)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await volunteerListPage(db, f, today).execute();
  return { rows: await toSummaries(db, rows, today), total: Number(count.n), today };
}

/** The profile columns of a create or update input ('other' keeps its words only for 'other'). */
function profileColumns(input: VolunteerCreate) {
  return {
    name: input.name,
    sex: input.sex,
    phone: input.phone,
    profession: input.profession,
    profession_other: input.profession === 'other' ? input.professionOther : null,
    qualified: bit(input.qualified),
    pledge_signed_date: input.pledgeSignedDate,
    user_id: input.userId,
    notes: input.notes,
  } satisfies VolunteerChange;
}

/** Input field of each profile column, for the audit's list of changed fields. */
const FIELD_OF: Record<keyof ReturnType<typeof profileColumns>, string> = {
  name: 'name',
  sex: 'sex',
  phone: 'phone',
  profession: 'profession',
  profession_other: 'professionOther',
  qualified: 'qualified',
  pledge_signed_date: 'pledgeSignedDate',
  user_id: 'userId',
  notes: 'notes',
};

/**
 * The pledge is not signed in the future; a linked account is an enabled volunteer account that no other
 * living profile holds (the volunteers_user index says the same, this says it in words).
 */
async function checkProfile(db: Db, input: VolunteerCreate, today: string, self: VolunteerRow | null) {
  assertNotAfter(today, { pledgeSignedDate: input.pledgeSignedDate });
  // An unchanged link stays valid even if the account was disabled since (the profile keeps its history).
  if (input.userId === null || input.userId === self?.user_id) return;
  if ((await activeRole(db, input.userId)) !== 'volunteer') {
    throw new DomainError('VOLUNTEER_ACCOUNT_INVALID', {}, { userId: { code: 'VOLUNTEER_ACCOUNT_INVALID' } });
  }
  const holder = await volunteerIdOfUser(db, input.userId);
  if (holder !== null && holder !== self?.id) {
    throw new DomainError('VOLUNTEER_ACCOUNT_TAKEN', {}, { userId: { code: 'VOLUNTEER_ACCOUNT_TAKEN' } });
  }
}

export async function createVolunteer(
  call: WriteCall,
  input: ChannelParsed<'volunteers.create'>,
): Promise<VolunteerDetail> {
  const today = localDateAt(call.now);
  await checkProfile(call.db, input, today, null);
  const row = await insertVolunteer(call.db, {
    id: uuidv7(call.now),
    ...profileColumns(input),
    active: 1,
    inactive_reason: null,
    created_by: call.user.id,
    deleted_reason: null,
    ...newSyncedRow(call.open.deviceId, call.now.toISOString()),
  });
  await audit(call, {
    action: 'volunteer.created',
    targetType: 'volunteer',
    targetId: row.id,
    detail: {
      profession: row.profession,
      qualified: input.qualified,
      pledgeSigned: row.pledge_signed_date !== null,
      userId: row.user_id,
    },
  });
  return volunteerDetail(call.db, row, today);
}

/** Writes only what changed; the audit entry names the changed fields, never their values. */
export async function updateVolunteerProfile(
  call: WriteCall,
  input: ChannelParsed<'volunteers.update'>,
): Promise<VolunteerDetail> {
  const today = localDateAt(call.now);
  const row = await findVolunteerOrThrow(call.db, input.volunteerId);
  await checkProfile(call.db, input, today, row);
  const wanted = profileColumns(input);
  const keys = (Object.keys(wanted) as (keyof typeof wanted)[]).filter((k) => wanted[k] !== row[k]);
  if (keys.length === 0) return volunteerDetail(call.db, row, today);
  const change = Object.fromEntries(keys.map((k) => [k, wanted[k]])) as VolunteerChange;
  const updated = await updateVolunteer(call.db, row.id, change, call.now);
  await audit(call, {
    action: 'volunteer.updated',
    targetType: 'volunteer',
    targetId: row.id,
    detail: { changed: keys.map((k) => FIELD_OF[k]).join(',') },
  });
  return volunteerDetail(call.db, updated, today);
}

/** Visits still assigned to them must go to someone else first. */
async function refuseWithOpenVisits(db: Db, volunteerId: string): Promise<void> {
  const count = await openVisitCount(db, volunteerId);
  if (count > 0) throw new DomainError('VOLUNTEER_HAS_OPEN_VISITS', { count });
}

/** 在岗 / 停止服务: switching off needs a reason (kept as inactive_reason) and no open visits. */
export async function setVolunteerActive(
  call: WriteCall,
  input: ChannelParsed<'volunteers.setActive'>,
): Promise<VolunteerDetail> {
  const today = localDateAt(call.now);
  const row = await findVolunteerOrThrow(call.db, input.volunteerId);
  if (!input.active && !input.reason) throw invalidFields({ reason: 'required' });
  if ((row.active === 1) === input.active) return volunteerDetail(call.db, row, today);
  if (!input.active) await refuseWithOpenVisits(call.db, row.id);
  const updated = await updateVolunteer(
    call.db,
    row.id,
    input.active ? { active: 1, inactive_reason: null } : { active: 0, inactive_reason: input.reason },
    call.now,
  );
  await audit(call, {
    action: input.active ? 'volunteer.activated' : 'volunteer.deactivated',
    targetType: 'volunteer',
    targetId: row.id,
  });
  return volunteerDetail(call.db, updated, today);
}

/** Soft delete with the typed reason; refused while visits are assigned to them. */
export async function removeVolunteer(
  call: WriteCall,
  input: ChannelParsed<'volunteers.remove'>,
): Promise<null> {
  const row = await findVolunteerOrThrow(call.db, input.id);
  await refuseWithOpenVisits(call.db, row.id);
  await softDelete(call.db, 'volunteers', row.id, input.reason, call.now);
  await audit(call, { action: 'volunteer.removed', targetType: 'volunteer', targetId: row.id });
  return null;
}

/** 'volunteers.get'. */
export function getVolunteer(db: Db, volunteerId: string, now: Date): Promise<VolunteerDetail> {
  return loadVolunteerDetail(db, volunteerId, localDateAt(now));
}

/** 'volunteers.accounts': enabled volunteer accounts free to link (or linked to this profile already). */
export async function linkableAccounts(
  db: Db,
  volunteerId: string | undefined,
): Promise<ChannelOutput<'volunteers.accounts'>> {
  const accounts = await activeUsersOfRole(db, 'volunteer');
  const free: ChannelOutput<'volunteers.accounts'> = [];
  for (const a of accounts) {
    const linked = await volunteerIdOfUser(db, a.id);
    if (linked === null || linked === volunteerId) free.push(a);
  }
  return free;
}
