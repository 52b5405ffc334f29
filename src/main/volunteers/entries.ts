import { assertNotAfter, localDateAt } from '../../shared/calendar';
import type { AuditAction } from '../../shared/audit';
import type { ChannelParsed } from '../../shared/contract';
import { DomainError } from '../../shared/errors';
import type { VolunteerDetail } from '../../shared/volunteers';
import { actorOf, appendAudit, type AuditDetailInput, type AuditDetailKey } from '../audit';
import { newSyncedRow, uuidv7, type WriteCall } from '../desk';
import { findVolunteerOrThrow, volunteerDetail } from './detail';
import {
  entryOwner,
  insertCertificate,
  insertEvaluation,
  insertTraining,
  softDelete,
  type EntryTable,
} from './volunteers.repository';

/*
 * The entries of a volunteer's file (志愿服务活动档案): qualification certificates, training sessions and
 * evaluations (考核评估). Training and evaluations happened, so they are not dated after today; a
 * certificate's expiry date may lie ahead (that is its point). Removing an entry keeps it, with the
 * typed reason, as a soft-deleted row. Each answers with the volunteer's whole file.
 */

function newEntry(call: WriteCall, volunteerId: string) {
  return {
    id: uuidv7(call.now),
    volunteer_id: volunteerId,
    deleted_reason: null,
    ...newSyncedRow(call.open.deviceId, call.now.toISOString()),
  };
}

async function added(
  call: WriteCall,
  volunteerId: string,
  action: AuditAction,
  detail: AuditDetailInput,
): Promise<VolunteerDetail> {
  await appendAudit(
    call.db,
    { ...actorOf(call.user), action, targetType: 'volunteer', targetId: volunteerId, detail },
    call.now,
  );
  return volunteerDetail(call.db, await findVolunteerOrThrow(call.db, volunteerId), localDateAt(call.now));
}

export async function addCertificate(
  call: WriteCall,
  input: ChannelParsed<'volunteers.addCertificate'>,
): Promise<VolunteerDetail> {
  await findVolunteerOrThrow(call.db, input.volunteerId);
  const entry = newEntry(call, input.volunteerId);
  await insertCertificate(call.db, {
    ...entry,
    name: input.name,
    number: input.number,
    expires_on: input.expiresOn,
  });
  return added(call, input.volunteerId, 'volunteer.certificate_added', { certificateId: entry.id });
}

export async function addTraining(
  call: WriteCall,
  input: ChannelParsed<'volunteers.addTraining'>,
): Promise<VolunteerDetail> {
  await findVolunteerOrThrow(call.db, input.volunteerId);
  assertNotAfter(localDateAt(call.now), { date: input.date });
  const entry = newEntry(call, input.volunteerId);
  await insertTraining(call.db, { ...entry, date: input.date, topic: input.topic, hours: input.hours });
  return added(call, input.volunteerId, 'volunteer.training_added', {
    trainingId: entry.id,
    date: input.date,
    hours: input.hours,
  });
}

export async function addEvaluation(
  call: WriteCall,
  input: ChannelParsed<'volunteers.addEvaluation'>,
): Promise<VolunteerDetail> {
  await findVolunteerOrThrow(call.db, input.volunteerId);
  assertNotAfter(localDateAt(call.now), { date: input.date });
  const entry = newEntry(call, input.volunteerId);
  await insertEvaluation(call.db, {
    ...entry,
    date: input.date,
    score: input.score,
    evaluator: input.evaluator,
    notes: input.notes,
  });
  return added(call, input.volunteerId, 'volunteer.evaluation_added', {
    evaluationId: entry.id,
    date: input.date,
  });
}

/** What removing an entry of each kind is audited as, and the detail key naming the entry. */
const REMOVAL: Record<EntryTable, { action: AuditAction; key: AuditDetailKey }> = {
  volunteer_certificates: { action: 'volunteer.certificate_removed', key: 'certificateId' },
  volunteer_trainings: { action: 'volunteer.training_removed', key: 'trainingId' },
  volunteer_evaluations: { action: 'volunteer.evaluation_removed', key: 'evaluationId' },
};

/**
 * Soft-deletes one entry of a living volunteer's file with the typed reason. An entry that does not
 * exist, was removed, or belongs to a removed volunteer is VOLUNTEER_NOT_FOUND: it is part of the file.
 */
export async function removeEntry(
  call: WriteCall,
  table: EntryTable,
  input: ChannelParsed<'volunteers.removeCertificate'>,
): Promise<VolunteerDetail> {
  const volunteerId = await entryOwner(call.db, table, input.id);
  if (volunteerId === undefined) throw new DomainError('VOLUNTEER_NOT_FOUND');
  const volunteer = await findVolunteerOrThrow(call.db, volunteerId);
  await softDelete(call.db, table, input.id, input.reason, call.now);
  const { action, key } = REMOVAL[table];
  await appendAudit(
    call.db,
    {
      ...actorOf(call.user),
      action,
      targetType: 'volunteer',
      targetId: volunteer.id,
      detail: { [key]: input.id },
    },
    call.now,
  );
  return volunteerDetail(call.db, await findVolunteerOrThrow(call.db, volunteerId), localDateAt(call.now));
}
