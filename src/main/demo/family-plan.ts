import { addDays, daysBetween, type LocalDate } from '../../shared/calendar';
import type { RecordResult } from '../../shared/cases';
import { dueDateOf, ruleFor, type FollowUpFocus, type MarriageStatus } from '../../shared/followups';
import type { ChannelKind } from '../../shared/records';
import type { CasePlan } from './case-plan';
import { instantAt, later, officeMinute } from './clock';
import type { Random } from './random';
import type { DemoWorld, Eligibility, RosterVolunteer } from './world';

/*
 * The family archive a case opens once its result is signed (families.openFromCase): members from the
 * parties and children, the follow-up plan the desk's rules give that result (a child under 18 decides
 * the 选择离婚 rule), one volunteer assigned at once, and the visits: each due by dueDateOf from the
 * previous one, made around its due date, the next opened by recording the last; the queue keeps some
 * recent ones overdue. A finished plan closes as completed; older quiet archives are closed by hand.
 */

export interface VisitPlan {
  seq: number;
  due: LocalDate;
  createdAt: string;
  status: 'scheduled' | 'on_hold' | 'done';
  done: {
    date: LocalDate;
    at: string;
    recordedAt: string;
    channel: ChannelKind;
    minutes: number;
    marriageStatus: MarriageStatus;
    concern: { acknowledgedAt: string | null } | null;
  } | null;
}

export interface FollowPlan {
  months: readonly number[];
  focus: FollowUpFocus;
  volunteer: RosterVolunteer | null;
  assignedAt: string | null;
  status: 'active' | 'paused' | 'closed';
  statusAt: string | null;
  visits: VisitPlan[];
}

export interface FamilyPlan {
  date: LocalDate;
  at: string;
  result: RecordResult;
  resultDate: LocalDate;
  plan: FollowPlan | null;
  closed: { at: string } | null;
  helpLink: {
    kind: 'contact' | 'programme';
    status: 'linked' | 'in_progress' | 'completed' | 'ended';
    start: LocalDate;
    end: LocalDate | null;
  } | null;
  needs: boolean;
}

function planVisits(
  r: Random,
  world: DemoWorld,
  family: Pick<FamilyPlan, 'at' | 'resultDate'>,
  months: readonly number[],
  focus: FollowUpFocus,
): VisitPlan[] {
  const visits: VisitPlan[] = [];
  let previous: VisitPlan['done'] = null;
  for (let k = 0; k < months.length; k++) {
    const due = dueDateOf(family.resultDate, months, k, previous?.date ?? null);
    const createdAt = previous?.recordedAt ?? family.at;
    const visit: VisitPlan = { seq: k + 1, due, createdAt, status: 'scheduled', done: null };
    visits.push(visit);
    if (due > world.lastClosed) break;
    const long = daysBetween(due, world.today) > 120;
    if (!long && !r.chance(0.8)) break;
    let date = world.work.onOrAfter(addDays(due, r.int(-7, 10)));
    const floor = previous?.date ?? family.resultDate;
    if (date < floor) date = floor;
    if (date > world.lastClosed) break;
    const at = instantAt(date, officeMinute(r, r.chance(0.5) ? 'am' : 'pm'));
    const recordedAt = later(at > createdAt ? at : createdAt, r.int(30, 240));
    const concern = r.chance(0.015)
      ? { acknowledgedAt: r.chance(0.8) ? later(recordedAt, r.int(60, 60 * 40)) : null }
      : null;
    if (concern?.acknowledgedAt && concern.acknowledgedAt > world.now) concern.acknowledgedAt = null;
    visit.status = 'done';
    visit.done = {
      date,
      at,
      recordedAt,
      channel: r.weighted([
        ['face_to_face', 50],
        ['voice', 45],
        ['text', 5],
      ] as const),
      minutes: r.int(4, 18) * 5,
      marriageStatus:
        focus === 'children_elderly'
          ? 'divorced'
          : r.weighted([
              ['stable', 55],
              ['improving', 25],
              ['strained', 15],
              ['separated', 5],
            ] as const),
      concern,
    };
    previous = visit.done;
  }
  return visits;
}

function helpLinkOf(r: Random, world: DemoWorld, date: LocalDate): FamilyPlan['helpLink'] {
  if (!r.chance(0.85)) return null;
  const age = daysBetween(date, world.today);
  const status =
    age < 30
      ? 'linked'
      : age < 180
        ? r.weighted([
            ['in_progress', 70],
            ['linked', 30],
          ] as const)
        : r.weighted([
            ['completed', 60],
            ['in_progress', 30],
            ['ended', 10],
          ] as const);
  let end: LocalDate | null = null;
  if (status === 'completed' || status === 'ended') {
    end = addDays(date, r.int(30, 300));
    if (end > world.lastClosed) end = world.lastClosed;
  }
  return {
    kind: r.weighted([
      ['contact', 70],
      ['programme', 30],
    ] as const),
    status,
    start: date,
    end,
  };
}

export function planFamily(
  r: Random,
  world: DemoWorld,
  eligibility: Eligibility,
  c: CasePlan,
): FamilyPlan | null {
  const last = c.sessions.at(-1);
  // Only once every session of the case has happened and is signed: its result is the final one.
  if (
    !c.finalResult ||
    !last ||
    c.sessions.some((s) => s.status !== 'signed') ||
    last.result !== c.finalResult
  )
    return null;
  if (!r.chance(0.65)) return null;
  const date = world.work.onOrAfter(addDays(last.date, r.int(0, 10)));
  if (date > world.lastClosed) return null;
  const signedAt = last.signedAt ?? last.startedAt;
  const at = date === last.date ? later(signedAt, r.int(10, 40)) : instantAt(date, officeMinute(r, 'pm'));
  const family: FamilyPlan = {
    date,
    at,
    result: c.finalResult,
    resultDate: last.date,
    plan: null,
    closed: null,
    helpLink: null,
    needs: r.chance(0.6),
  };
  const rule = ruleFor(
    world.rules,
    c.finalResult,
    c.children.some((child) => child.age < 18),
  );
  if (rule) {
    const eligible = eligibility.countOn(date);
    const volunteer = eligible > 0 && r.chance(0.88) ? eligibility.at(r.int(0, eligible - 1)) : null;
    const visits = planVisits(r, world, family, rule.months, rule.focus);
    const open = visits.find((v) => v.status !== 'done');
    const paused = open !== undefined && r.chance(0.03);
    if (open && paused) open.status = 'on_hold';
    const lastDone = [...visits].reverse().find((v) => v.done)?.done ?? null;
    family.plan = {
      months: rule.months,
      focus: rule.focus,
      volunteer,
      assignedAt: volunteer ? later(at, r.int(5, 30)) : null,
      status: open ? (paused ? 'paused' : 'active') : 'closed',
      statusAt: open ? (paused ? later(open.createdAt, 60) : null) : (lastDone?.recordedAt ?? null),
      visits,
    };
  }
  const finished = !family.plan || family.plan.status === 'closed';
  if (finished && daysBetween(date, world.today) > 400 && r.chance(0.5)) {
    const lastVisit = family.plan?.visits.at(-1)?.done?.date ?? date;
    const day = world.work.onOrAfter(addDays(lastVisit, r.int(10, 60)));
    if (day <= world.lastClosed) family.closed = { at: instantAt(day, officeMinute(r, 'pm')) };
  }
  family.helpLink = helpLinkOf(r, world, date);
  return family;
}
