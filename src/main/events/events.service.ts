import { localDateAt } from '../../shared/calendar';
import type { ChannelOutput, ChannelParsed } from '../../shared/contract';
import { DomainError } from '../../shared/errors';
import type { EventCreate, OutreachEvent } from '../../shared/events';
import type { Settings } from '../../shared/settings';
import { actorOf, appendAudit, type AuditInput } from '../audit';
import type { Db } from '../db';
import { newSyncedRow, uuidv7, type WriteCall } from '../desk';
import { displayNames, userRef } from '../users';
import {
  eventListPage,
  eventTotalsQuery,
  filteredEvents,
  findEvent,
  insertEvent,
  softDeleteEvent,
  softDeleteSpeakers,
  speakersOf,
  updateEvent,
  type EventChange,
} from './events.repository';
import type { EventRow } from './events.table';
import { EVENT_REMOVED, insertSpeakers, resolveSpeakers, syncSpeakers } from './speakers';

/*
 * Outreach events (活动, docs/domain.md "Outreach events"): 婚前辅导培训, 幸福课堂, 民法典宣传 … An event may
 * be recorded ahead (its sign-in sheet is printed before); only held events — dated on or before today —
 * count in 场次 and 人次. Every write is audited with ids and codes only; removing one keeps it, with the
 * typed reason, as a soft-deleted row.
 */

async function toEvents(db: Db, rows: readonly EventRow[], today: string): Promise<OutreachEvent[]> {
  const speakers = await speakersOf(
    db,
    rows.map((r) => r.id),
  );
  const names = await displayNames(
    db,
    rows.map((r) => r.created_by),
  );
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    typeOther: r.type_other,
    date: r.date,
    place: r.place,
    topic: r.topic,
    durationHours: r.duration_hours,
    speakers: speakers
      .filter((s) => s.event_id === r.id)
      .map((s) => ({ volunteerId: s.volunteer_id, name: s.name })),
    attendeeCount: r.attendee_count,
    notes: r.notes,
    held: r.date <= today,
    createdBy: userRef(names, r.created_by),
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

async function toEvent(db: Db, row: EventRow, today: string): Promise<OutreachEvent> {
  return (await toEvents(db, [row], today))[0] as OutreachEvent;
}

export async function findEventOrThrow(db: Db, eventId: string): Promise<EventRow> {
  const row = await findEvent(db, eventId);
  if (!row) throw new DomainError('EVENT_NOT_FOUND');
  return row;
}

/** 'events.list': newest first, paged; the totals count the held events of the whole filter. */
export async function listEvents(
  db: Db,
  f: ChannelParsed<'events.list'>,
  today: string,
): Promise<ChannelOutput<'events.list'>> {
  const count = await filteredEvents(db, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const totals = await eventTotalsQuery(db, f, today).executeTakeFirstOrThrow();
  const rows = await eventListPage(db, f).execute();
  return {
    rows: await toEvents(db, rows, today),
    total: Number(count.n),
    totals: { sessions: Number(totals.sessions), attendees: Number(totals.attendees) },
    today,
  };
}

export async function getEvent(db: Db, eventId: string, now: Date): Promise<OutreachEvent> {
  return toEvent(db, await findEventOrThrow(db, eventId), localDateAt(now));
}

/** The event columns of a create or update input ('other' keeps its words only for 'other'). */
function eventColumns(input: EventCreate) {
  return {
    type: input.type,
    type_other: input.type === 'other' ? input.typeOther : null,
    date: input.date,
    place: input.place,
    topic: input.topic,
    duration_hours: input.durationHours,
    attendee_count: input.attendeeCount,
    notes: input.notes,
  } satisfies EventChange;
}

const FIELD_OF: Record<keyof ReturnType<typeof eventColumns>, string> = {
  type: 'type',
  type_other: 'typeOther',
  date: 'date',
  place: 'place',
  topic: 'topic',
  duration_hours: 'durationHours',
  attendee_count: 'attendeeCount',
  notes: 'notes',
};

type AuditWhat = Omit<AuditInput, 'actorId' | 'actorName'>;

async function audit(call: WriteCall, entry: AuditWhat): Promise<void> {
  await appendAudit(call.db, { ...actorOf(call.user), ...entry }, call.now);
}

export async function createEvent(
  call: WriteCall,
  input: ChannelParsed<'events.create'>,
): Promise<OutreachEvent> {
  const speakers = await resolveSpeakers(call.db, input.speakers);
  const row = await insertEvent(call.db, {
    id: uuidv7(call.now),
    ...eventColumns(input),
    created_by: call.user.id,
    deleted_reason: null,
    ...newSyncedRow(call.open.deviceId, call.now.toISOString()),
  });
  await insertSpeakers(call, row.id, speakers);
  await audit(call, {
    action: 'event.created',
    targetType: 'event',
    targetId: row.id,
    detail: {
      type: row.type,
      date: row.date,
      attendeeCount: row.attendee_count,
      speakers: speakers.length,
      volunteerSpeakers: speakers.filter((s) => s.volunteerId !== null).length,
    },
  });
  return toEvent(call.db, row, localDateAt(call.now));
}

/** Writes only what changed (speakers by diff); the audit entry names the changed fields. */
export async function updateEventDetails(
  call: WriteCall,
  input: ChannelParsed<'events.update'>,
): Promise<OutreachEvent> {
  const row = await findEventOrThrow(call.db, input.eventId);
  const speakers = await resolveSpeakers(call.db, input.speakers);
  const wanted = eventColumns(input);
  const keys = (Object.keys(wanted) as (keyof typeof wanted)[]).filter((k) => wanted[k] !== row[k]);
  const speakersChanged = await syncSpeakers(call, row.id, speakers);
  if (keys.length === 0 && !speakersChanged) return toEvent(call.db, row, localDateAt(call.now));
  const change = Object.fromEntries(keys.map((k) => [k, wanted[k]])) as EventChange;
  // A speaker change alone still makes a new version of the event (its printed sheet changes).
  const updated = await updateEvent(call.db, row.id, change, call.now);
  const changed = [...keys.map((k) => FIELD_OF[k]), ...(speakersChanged ? ['speakers'] : [])];
  await audit(call, {
    action: 'event.updated',
    targetType: 'event',
    targetId: row.id,
    detail: { changed: changed.join(',') },
  });
  return toEvent(call.db, updated, localDateAt(call.now));
}

/** Soft delete with the typed reason (kept on the event row); its speaker rows go with it. */
export async function removeEvent(call: WriteCall, input: ChannelParsed<'events.remove'>): Promise<null> {
  const row = await findEventOrThrow(call.db, input.id);
  await softDeleteEvent(call.db, row.id, input.reason, call.now);
  const speakers = await speakersOf(call.db, [row.id]);
  await softDeleteSpeakers(
    call.db,
    speakers.map((s) => s.id),
    EVENT_REMOVED,
    call.now,
  );
  await audit(call, {
    action: 'event.removed',
    targetType: 'event',
    targetId: row.id,
    detail: { type: row.type, date: row.date },
  });
  return null;
}

/** What the printed sign-in sheet (签到表) shows of an event. */
export interface SignInSheetView {
  eventId: string;
  office: Pick<Settings['office'], 'registryOffice' | 'centreName'>;
  type: EventRow['type'];
  typeOther: string | null;
  date: string;
  place: string;
  topic: string;
  durationHours: number;
  speakers: string[];
  attendeeCount: number;
}

export async function signInSheetView(
  db: Db,
  eventId: string,
  office: Settings['office'],
): Promise<SignInSheetView> {
  const row = await findEventOrThrow(db, eventId);
  const speakers = await speakersOf(db, [row.id]);
  return {
    eventId: row.id,
    office: { registryOffice: office.registryOffice, centreName: office.centreName },
    type: row.type,
    typeOther: row.type_other,
    date: row.date,
    place: row.place,
    topic: row.topic,
    durationHours: row.duration_hours,
    speakers: speakers.map((s) => s.name),
    attendeeCount: row.attendee_count,
  };
}
