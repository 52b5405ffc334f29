import type { Insertable, Selectable } from 'kysely';
import type { EventType } from '../../shared/events';
import type { RemovableColumns } from '../db';

/* Outreach events and their speakers (migration 0008). */

export interface OutreachEventsTable extends RemovableColumns {
  id: string;
  type: EventType;
  type_other: string | null;
  date: string;
  place: string;
  topic: string;
  duration_hours: number;
  attendee_count: number;
  notes: string | null;
  created_by: string;
}

export interface OutreachEventSpeakersTable extends RemovableColumns {
  id: string;
  event_id: string;
  /** 1-based order on the event. */
  position: number;
  /** A roster volunteer, or null for someone else. */
  volunteer_id: string | null;
  /** As printed: the roster's name at the time, or the typed name. */
  name: string;
}

export interface EventsTables {
  outreach_events: OutreachEventsTable;
  outreach_event_speakers: OutreachEventSpeakersTable;
}

export type EventRow = Selectable<OutreachEventsTable>;
export type NewEventRow = Insertable<OutreachEventsTable>;
export type SpeakerRow = Selectable<OutreachEventSpeakersTable>;
export type NewSpeakerRow = Insertable<OutreachEventSpeakersTable>;
