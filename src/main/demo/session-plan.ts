import { addDays, type LocalDate } from '../../shared/calendar';
import type { PartyKey, RecordResult } from '../../shared/cases';
import type { ChannelKind, Satisfaction } from '../../shared/records';
import { instantAt, later, officeMinute } from './clock';
import type { Random } from './random';
import type { DemoWorld, Eligibility, StaffMember } from './world';

/*
 * The counselling sessions of a case: one to four, a few days apart, inside the cooling-off period for a
 * filing. Sessions before the generation day are signed (the last one may still be an unsigned draft
 * when it is recent); a session planned for today is a draft prepared the evening before (the
 * dashboard's "today's sessions"); later ones have not happened and leave no record. Every session but
 * the last ends in 暂缓离婚; the last in the case's final result.
 */

export interface SessionPlan {
  date: LocalDate;
  /** When the record was created: the session's start (a draft for today: the evening before). */
  startedAt: string;
  half: 'am' | 'pm';
  status: 'signed' | 'draft';
  signedAt: string | null;
  result: RecordResult | null;
  channel: ChannelKind | null;
  satisfaction: Satisfaction | null;
  counsellorIds: string[];
  volunteerName: string | null;
  attendees: PartyKey[];
  otherAttendee: boolean;
  addendum: { date: LocalDate; at: string } | null;
  withSituation: boolean;
  withRemarks: boolean;
}

export interface SessionInput {
  createdDate: LocalDate;
  createdMinute: number;
  /** The last day a session may fall on (the withdrawal deadline of a filing). */
  until: LocalDate;
  finalResult: RecordResult;
  counsellor: StaffMember;
  companion: { userId: string } | { name: string } | null;
  eligibility: Eligibility;
}

function plannedDates(r: Random, world: DemoWorld, input: SessionInput): LocalDate[] {
  const count = r.weighted([
    [1, 50],
    [2, 30],
    [3, 15],
    [4, 5],
  ] as const);
  const dates: LocalDate[] = [];
  let d = r.chance(0.6) ? input.createdDate : world.work.onOrAfter(addDays(input.createdDate, r.int(1, 6)));
  for (let k = 0; k < count && d <= input.until; k++) {
    dates.push(d);
    d = world.work.onOrAfter(addDays(d, r.int(4, 12)));
  }
  return dates.length > 0 ? dates : [input.createdDate];
}

const FIRST_CHANNELS = [
  ['face_to_face', 85],
  ['voice', 12],
  ['text', 3],
] as const;
const LATER_CHANNELS = [
  ['face_to_face', 60],
  ['voice', 30],
  ['text', 10],
] as const;
const SATISFACTION = [
  ['satisfied', 62],
  ['basic', 26],
  ['dissatisfied', 4],
  [null, 8],
] as const;
const ATTENDEES: readonly (readonly [PartyKey[], number])[] = [
  [['party_a', 'party_b'], 80],
  [['party_a'], 8],
  [['party_b'], 12],
];

/** A volunteer named on the record: mostly the case's volunteer companion, now and then another. */
function volunteerOf(r: Random, input: SessionInput, date: LocalDate): string | null {
  if (input.companion && 'name' in input.companion && r.chance(0.7)) return input.companion.name;
  const eligible = input.eligibility.countOn(date);
  return eligible > 0 && r.chance(0.06) ? input.eligibility.at(r.int(0, eligible - 1)).name : null;
}

export function planSessions(r: Random, world: DemoWorld, input: SessionInput): SessionPlan[] {
  const dates = plannedDates(r, world, input);
  const others = world.counsellors.filter((c) => c.id !== input.counsellor.id);
  const sessions: SessionPlan[] = [];
  for (const [k, date] of dates.entries()) {
    if (date > world.today) break;
    const today = date === world.today;
    // A session on the intake day follows the intake.
    const minute =
      date === input.createdDate
        ? input.createdMinute + r.int(10, 40)
        : officeMinute(r, r.chance(0.55) ? 'am' : 'pm');
    // Today's session: its draft was prepared at the end of the previous working day.
    const startedAt = today
      ? instantAt(world.work.onOrBefore(world.lastClosed), 16 * 60 + 40 + r.int(0, 30))
      : instantAt(date, minute);
    const recent = !today && k === dates.length - 1 && date >= addDays(world.today, -20);
    const draft = today || (recent && r.chance(0.05));
    const signedAt = draft ? null : later(startedAt, r.int(40, 100));
    sessions.push({
      date,
      startedAt,
      half: minute < 12 * 60 ? 'am' : 'pm',
      status: draft ? 'draft' : 'signed',
      signedAt,
      result: today ? null : k === dates.length - 1 ? input.finalResult : 'postpone',
      channel: today ? null : r.weighted(k === 0 ? FIRST_CHANNELS : LATER_CHANNELS),
      satisfaction: draft ? null : r.weighted(SATISFACTION),
      counsellorIds: [
        input.counsellor.id,
        ...(others.length > 0 && r.chance(0.12) ? [r.pick(others).id] : []),
      ],
      volunteerName: volunteerOf(r, input, date),
      attendees: r.weighted(ATTENDEES),
      otherAttendee: r.chance(0.04),
      addendum: signedAt ? addendumOf(r, world, date) : null,
      withSituation: k === 0 && r.chance(0.8),
      withRemarks: r.chance(0.25),
    });
  }
  return sessions;
}

function addendumOf(r: Random, world: DemoWorld, date: LocalDate): SessionPlan['addendum'] {
  if (!r.chance(0.04)) return null;
  const day = world.work.onOrAfter(addDays(date, r.int(1, 20)));
  return day <= world.lastClosed ? { date: day, at: instantAt(day, officeMinute(r, 'pm')) } : null;
}
