import { DomainError, invalidFields } from '../../shared/errors';
import type { EventCreate } from '../../shared/events';
import type { Db } from '../db';
import { newSyncedRow, uuidv7, type WriteCall } from '../desk';
import { findVolunteer } from '../volunteers';
import { insertSpeaker, softDeleteSpeakers, speakersOf, updateSpeaker } from './events.repository';

/*
 * An event's speakers (主讲人): a roster volunteer, stored under their roster name (an event they spoke at
 * counts towards their service hours), or anyone else by the typed name. Rows keep the order as `position`.
 */

/** The reason kept on a speaker row an edit of the event took off (the event itself stays). */
export const SPEAKER_REPLACED = '活动信息更新：主讲人调整';
/** The reason kept on the speaker rows of a removed event (the typed reason stays on the event only). */
export const EVENT_REMOVED = '活动已删除';

export interface Speaker {
  volunteerId: string | null;
  name: string;
}

type SpeakerInput = EventCreate['speakers'][number];

/** A volunteer speaker must be a living volunteer (their roster name is used), and appear once. */
export async function resolveSpeakers(db: Db, input: readonly SpeakerInput[]): Promise<Speaker[]> {
  const seen = new Set<string>();
  const speakers: Speaker[] = [];
  for (const [i, s] of input.entries()) {
    if (s.volunteerId === null) {
      speakers.push({ volunteerId: null, name: s.name ?? '' });
      continue;
    }
    const field = `speakers.${i}.volunteerId`;
    if (seen.has(s.volunteerId)) throw invalidFields({ [field]: 'invalid' });
    seen.add(s.volunteerId);
    const volunteer = await findVolunteer(db, s.volunteerId);
    if (!volunteer)
      throw new DomainError('VOLUNTEER_NOT_FOUND', {}, { [field]: { code: 'VOLUNTEER_NOT_FOUND' } });
    speakers.push({ volunteerId: volunteer.id, name: volunteer.name });
  }
  return speakers;
}

/** A new event's speaker rows, in order. */
export async function insertSpeakers(call: WriteCall, eventId: string, speakers: readonly Speaker[]) {
  const synced = newSyncedRow(call.open.deviceId, call.now.toISOString());
  for (const [i, s] of speakers.entries()) {
    await insertSpeaker(call.db, {
      id: uuidv7(call.now),
      event_id: eventId,
      position: i + 1,
      volunteer_id: s.volunteerId,
      name: s.name,
      deleted_reason: null,
      ...synced,
    });
  }
}

const samePerson = (row: { volunteer_id: string | null; name: string }, s: Speaker) =>
  s.volunteerId !== null
    ? row.volunteer_id === s.volunteerId
    : row.volunteer_id === null && row.name === s.name;

/**
 * Brings an event's speaker rows to `wanted` by diffing, not replacing: a person who stays keeps their row
 * (only its position or roster name may change), a new one gets a row, one taken off is soft-deleted. So a
 * re-saved event sends no speaker changes to the county, and each row stays one person's record of
 * speaking there. Whether anything changed.
 */
export async function syncSpeakers(call: WriteCall, eventId: string, wanted: readonly Speaker[]) {
  const left = await speakersOf(call.db, [eventId]);
  let changed = false;
  const synced = newSyncedRow(call.open.deviceId, call.now.toISOString());
  for (const [i, s] of wanted.entries()) {
    const position = i + 1;
    const at = left.findIndex((row) => samePerson(row, s));
    const row = at >= 0 ? left.splice(at, 1)[0] : undefined;
    if (!row) {
      await insertSpeaker(call.db, {
        id: uuidv7(call.now),
        event_id: eventId,
        position,
        volunteer_id: s.volunteerId,
        name: s.name,
        deleted_reason: null,
        ...synced,
      });
      changed = true;
    } else if (row.position !== position || row.name !== s.name) {
      await updateSpeaker(call.db, row.id, { position, name: s.name }, call.now);
      changed = true;
    }
  }
  await softDeleteSpeakers(
    call.db,
    left.map((row) => row.id),
    SPEAKER_REPLACED,
    call.now,
  );
  return changed || left.length > 0;
}
