import { sql, type Transaction } from 'kysely';
import type { EventListFilter } from '../../shared/events';
import type { DB, Db } from '../db';
import type { EventRow, NewEventRow, NewSpeakerRow, SpeakerRow } from './events.table';

/* Outreach events' queries: the list and its totals (场次 / 人次), one event, and its speakers. */

/** The living events 'events.list' shows (no order, no paging): shared by the page, the count and the totals. */
export function filteredEvents(db: Db, f: Pick<EventListFilter, 'from' | 'to' | 'type'>) {
  let q = db.selectFrom('outreach_events').where('outreach_events.deleted_at', 'is', null);
  if (f.type) q = q.where('outreach_events.type', '=', f.type);
  if (f.from) q = q.where('outreach_events.date', '>=', f.from);
  if (f.to) q = q.where('outreach_events.date', '<=', f.to);
  return q;
}

/**
 * One page, newest date first (outreach_events_date, or outreach_events_type_date for a type); rowid, which
 * both indexes carry, orders the events of one day (the later recorded first) without a sort.
 */
export function eventListPage(db: Db, f: EventListFilter) {
  return filteredEvents(db, f)
    .selectAll('outreach_events')
    .orderBy('outreach_events.date', 'desc')
    .orderBy(sql`outreach_events.rowid`, 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
}

/** 场次 (held events) and 人次 (their attendees) of the whole filter: held means dated on or before today. */
export function eventTotalsQuery(db: Db, f: Pick<EventListFilter, 'from' | 'to' | 'type'>, today: string) {
  return filteredEvents(db, f)
    .where('outreach_events.date', '<=', today)
    .select((eb) => [
      eb.fn.countAll<number>().as('sessions'),
      eb.fn.coalesce(eb.fn.sum<number>('outreach_events.attendee_count'), sql<number>`0`).as('attendees'),
    ]);
}

export async function findEvent(db: Db, eventId: string): Promise<EventRow | undefined> {
  return db
    .selectFrom('outreach_events')
    .selectAll()
    .where('id', '=', eventId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/** The living speakers of the given events, each event's in order (outreach_event_speakers_event). */
export function speakersQuery(db: Db, eventIds: readonly string[]) {
  return db
    .selectFrom('outreach_event_speakers')
    .selectAll()
    .where('event_id', 'in', [...eventIds])
    .where('deleted_at', 'is', null)
    .orderBy('event_id')
    .orderBy('position');
}

export async function speakersOf(db: Db, eventIds: readonly string[]): Promise<SpeakerRow[]> {
  if (eventIds.length === 0) return [];
  return speakersQuery(db, eventIds).execute();
}

export async function insertEvent(trx: Transaction<DB>, row: NewEventRow): Promise<EventRow> {
  return trx.insertInto('outreach_events').values(row).returningAll().executeTakeFirstOrThrow();
}

/** The columns an edit changes. */
export type EventChange = Partial<
  Pick<
    EventRow,
    'type' | 'type_other' | 'date' | 'place' | 'topic' | 'duration_hours' | 'attendee_count' | 'notes'
  >
>;

/** Bumps version and updated_at with every change, as every synced row must. */
export async function updateEvent(
  trx: Transaction<DB>,
  id: string,
  change: EventChange,
  at: Date,
): Promise<EventRow> {
  return trx
    .updateTable('outreach_events')
    .set((eb) => ({ ...change, updated_at: at.toISOString(), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertSpeaker(trx: Transaction<DB>, row: NewSpeakerRow): Promise<void> {
  await trx.insertInto('outreach_event_speakers').values(row).execute();
}

export async function updateSpeaker(
  trx: Transaction<DB>,
  id: string,
  change: Partial<Pick<SpeakerRow, 'position' | 'name'>>,
  at: Date,
): Promise<void> {
  await trx
    .updateTable('outreach_event_speakers')
    .set((eb) => ({ ...change, updated_at: at.toISOString(), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** Soft deletion: deleted_at and the reason together (the tables' CHECK), version bumped. */
export async function softDeleteEvent(
  trx: Transaction<DB>,
  id: string,
  reason: string,
  at: Date,
): Promise<void> {
  const stamp = at.toISOString();
  await trx
    .updateTable('outreach_events')
    .set((eb) => ({
      deleted_at: stamp,
      deleted_reason: reason,
      updated_at: stamp,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .execute();
}

export async function softDeleteSpeakers(
  trx: Transaction<DB>,
  ids: readonly string[],
  reason: string,
  at: Date,
): Promise<void> {
  if (ids.length === 0) return;
  const stamp = at.toISOString();
  await trx
    .updateTable('outreach_event_speakers')
    .set((eb) => ({
      deleted_at: stamp,
      deleted_reason: reason,
      updated_at: stamp,
      version: eb('version', '+', 1),
    }))
    .where('id', 'in', [...ids])
    .where('deleted_at', 'is', null)
    .execute();
}
