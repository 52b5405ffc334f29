import { addDays, type HolidayCalendar, type LocalDate } from '../../shared/calendar';
import type { FollowUpRule } from '../../shared/followups';
import { coolingOffTimeline, type CoolingOffTimeline } from '../../shared/rules';
import type { VolunteerProfession } from '../../shared/volunteers';
import { instantAt, type WorkCalendar } from './clock';

/*
 * What every part of the generator reads: the period, the desk's own rules (holiday table, weekend
 * setting, follow-up rules — as stored in the desk it fills), the staff and the volunteer roster.
 */

export interface StaffMember {
  id: string;
  displayName: string;
}

/** A volunteer of the roster, decided before any case (cases name them, plans assign them). */
export interface RosterVolunteer {
  index: number;
  /** Set when the roster is written, before the cases. */
  id: string;
  name: string;
  sex: 'male' | 'female';
  profession: VolunteerProfession;
  qualified: boolean;
  /** The day the profile was added. */
  joined: LocalDate;
  /** The confidentiality pledge (on or after joining); null: never signed. */
  pledge: LocalDate | null;
  active: boolean;
  /** The desk account of the volunteer (role volunteer), if any. */
  userId: string | null;
}

export interface DemoWorld {
  seed: number;
  cases: number;
  /** Office-local: the last day of the period; the desk was generated at 08:00 on it. */
  today: LocalDate;
  /** The last day whose closing time had passed: yesterday. */
  lastClosed: LocalDate;
  /** The first day of the period (the desk was set up a fortnight before it). */
  start: LocalDate;
  /** The generation instant (ISO): nothing generated happened after it. */
  now: string;
  work: WorkCalendar;
  weekendsExtend: boolean;
  calendar: HolidayCalendar;
  rules: readonly FollowUpRule[];
  /** This desk's device id: every row's origin_device. */
  origin: string;
  director: StaffMember;
  counsellors: readonly StaffMember[];
  /** Working days cases are taken in on, oldest first. */
  intakeDays: readonly LocalDate[];
}

export function timelineOf(world: DemoWorld, received: LocalDate): CoolingOffTimeline {
  return coolingOffTimeline(received, world.calendar, { weekendsExtend: world.weekendsExtend });
}

/** The generation instant of a desk whose last day is `today`: 08:00 office time, before anyone came in. */
export function generationInstant(today: LocalDate): string {
  return instantAt(today, 8 * 60);
}

export function periodOf(today: LocalDate, years: number): { start: LocalDate; lastClosed: LocalDate } {
  return { start: addDays(today, -Math.round(years * 365.25)), lastClosed: addDays(today, -1) };
}

/** Volunteers eligible for an assignment on `date` (active, pledge signed by then), by pledge date. */
export class Eligibility {
  readonly #byPledge: readonly RosterVolunteer[];

  constructor(roster: readonly RosterVolunteer[]) {
    this.#byPledge = roster
      .filter((v) => v.active && v.pledge !== null)
      .sort((a, b) =>
        (a.pledge ?? '') < (b.pledge ?? '') ? -1 : a.pledge === b.pledge ? a.index - b.index : 1,
      );
  }

  /** How many are eligible on `date`: a prefix of the list. */
  countOn(date: LocalDate): number {
    let lo = 0;
    let hi = this.#byPledge.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.#byPledge[mid]?.pledge ?? '') <= date) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The `n`-th eligible volunteer on `date` (n < countOn(date)). */
  at(n: number): RosterVolunteer {
    const v = this.#byPledge[n];
    if (!v) throw new RangeError('no such eligible volunteer');
    return v;
  }
}
