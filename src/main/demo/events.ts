import { addDays, daysBetween } from '../../shared/calendar';
import type { EventType } from '../../shared/events';
import { uuidv7 } from '../desk';
import { EVENT_PLACES, EVENT_TOPICS, GUEST_SPEAKERS } from './aftercare-prose';
import { instantAt } from './clock';
import { Random } from './random';
import type { DemoWorld, Eligibility } from './world';
import type { RowWriter } from './writer';

/*
 * Outreach events (活动): pre-marital training, 幸福课堂, Civil Code talks and online courses, about one
 * for every fifty cases, with their speakers (volunteers of the roster, or guests by name), and a few
 * ahead of today whose sign-in sheets are printed but whose attendance is not counted yet.
 */

const TYPES: readonly (readonly [EventType, number])[] = [
  ['premarital_training', 30],
  ['happiness_class', 30],
  ['civil_code_promotion', 20],
  ['online_course', 10],
  ['other', 10],
];

export interface EventTally {
  /** Events dated on or before today (场次) and their attendees (人次). */
  held: number;
  attendees: number;
}

export function writeEvents(w: RowWriter, world: DemoWorld, eligibility: Eligibility): EventTally {
  const r = Random.stream(world.seed, 'events');
  const span = daysBetween(world.start, world.lastClosed);
  const count = Math.max(12, Math.round(world.cases / 50));
  const tally: EventTally = { held: 0, attendees: 0 };
  const staff = [world.director, ...world.counsellors];
  const dates = Array.from({ length: count }, () => addDays(world.start, r.int(14, span)))
    .concat(Array.from({ length: 3 }, () => addDays(world.today, r.int(3, 30))))
    .sort();
  for (const date of dates) {
    const type = r.weighted(TYPES);
    let day = r.chance(0.8) ? world.work.onOrAfter(date) : date;
    // Nothing is held on the generation day itself (it has not begun): such an event is tomorrow's.
    if (day === world.today) day = addDays(day, 1);
    const held = day <= world.lastClosed;
    const created = addDays(held ? day : world.lastClosed, -r.int(3, 14));
    const at = instantAt(created < world.start ? world.start : created, 9 * 60 + r.int(0, 420));
    const online = type === 'online_course';
    const attendees = held ? (online ? r.int(80, 600) : r.int(15, 120)) : 0;
    const id = uuidv7(new Date(at));
    w.insert('outreach_events', {
      id,
      type,
      type_other: type === 'other' ? r.pick(['家庭教育讲座', '亲子活动', '志愿者交流会']) : null,
      date: day,
      place: online ? '线上（微信视频号）' : r.pick(EVENT_PLACES.slice(0, -1)),
      topic: r.pick(EVENT_TOPICS[type] ?? ['家庭教育讲座']),
      duration_hours: r.pick([1, 1.5, 2, 2.5, 3]),
      attendee_count: attendees,
      notes: r.chance(0.3)
        ? r.pick(['活动反响良好', '现场发放宣传资料200份', '与社区联合举办', '部分群众现场咨询'])
        : null,
      created_by: r.pick(staff).id,
      created_at: at,
      updated_at: at,
      origin_device: world.origin,
      version: 1,
      deleted_at: null,
      deleted_reason: null,
    });
    if (held) {
      tally.held++;
      tally.attendees += attendees;
    }
    const eligible = eligibility.countOn(held ? day : world.lastClosed);
    const speakers = r.int(1, 2);
    const named = new Set<string>();
    for (let position = 1; position <= speakers; position++) {
      let volunteer = eligible > 0 && r.chance(0.75) ? eligibility.at(r.int(0, eligible - 1)) : null;
      if (volunteer && named.has(volunteer.id)) volunteer = null;
      if (volunteer) named.add(volunteer.id);
      w.insert('outreach_event_speakers', {
        id: uuidv7(new Date(at)),
        event_id: id,
        position,
        volunteer_id: volunteer?.id ?? null,
        name: volunteer?.name ?? r.pick(GUEST_SPEAKERS),
        created_at: at,
        updated_at: at,
        origin_device: world.origin,
        version: 1,
        deleted_at: null,
        deleted_reason: null,
      });
    }
  }
  return tally;
}
