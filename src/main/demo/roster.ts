import { addDays, daysBetween, type LocalDate } from '../../shared/calendar';
import type { VolunteerProfession } from '../../shared/volunteers';
import { uuidv7 } from '../desk';
import { CERTIFICATES, EVALUATION_NOTES, TRAINING_TOPICS } from './aftercare-prose';
import { instantAt, officeInstant, officeMinute, type WorkCalendar } from './clock';
import { mobile, personName } from './people';
import { Random } from './random';
import type { DemoWorld, RosterVolunteer, StaffMember } from './world';
import type { RowWriter } from './writer';

/*
 * The volunteer roster (志愿者): judges, police officers, lawyers, psychologists, marriage counsellors,
 * registrars, social workers and teachers, about four in ten professionally qualified (the Shandong
 * figure), most with the confidentiality pledge signed; certificates (some expiring soon), training,
 * and a yearly evaluation. The demo's volunteer accounts each have their profile.
 */

const PROFESSIONS: readonly (readonly [VolunteerProfession, number])[] = [
  ['judge', 6],
  ['police_officer', 10],
  ['lawyer', 14],
  ['psychological_counsellor', 18],
  ['marriage_family_counsellor', 16],
  ['marriage_registrar', 6],
  ['social_worker', 12],
  ['teacher', 12],
  ['other', 6],
];
/** Professions that count as qualified more often (a licence comes with the job). */
const LICENSED: ReadonlySet<VolunteerProfession> = new Set([
  'judge',
  'lawyer',
  'police_officer',
  'psychological_counsellor',
]);

export function rosterSize(cases: number): number {
  return Math.min(150, Math.max(12, Math.round(cases / 1000) + 10));
}

interface RosterInput {
  seed: number;
  cases: number;
  start: LocalDate;
  lastClosed: LocalDate;
  /** The volunteers with a desk account: the first profiles are theirs. */
  accounts: readonly StaffMember[];
  work: WorkCalendar;
}

/** The roster, decided before any case: who joined when, and who may be assigned from when. */
export function planRoster(input: RosterInput): RosterVolunteer[] {
  const r = Random.stream(input.seed, 'roster');
  const size = rosterSize(input.cases);
  const span = daysBetween(input.start, input.lastClosed);
  return Array.from({ length: size }, (_, index): RosterVolunteer => {
    const account = input.accounts[index];
    const sex = r.chance(0.6) ? 'female' : 'male';
    // Half were on the roster when the desk started; the rest joined over the years.
    const joined = input.work.onOrAfter(
      addDays(input.start, index < size / 2 || account ? r.int(0, 20) : r.int(21, Math.max(21, span - 30))),
    );
    const profession = r.weighted(PROFESSIONS);
    const pledged = account !== undefined || r.chance(0.92);
    return {
      index,
      id: '',
      name: account?.displayName ?? personName(r, sex),
      sex,
      profession,
      qualified: r.chance(LICENSED.has(profession) ? 0.7 : 0.3),
      joined,
      pledge: pledged ? input.work.onOrAfter(addDays(joined, r.int(0, 14))) : null,
      active: account !== undefined || r.chance(0.94),
      userId: account?.id ?? null,
    };
  });
}

/** Writes the roster (assigning each volunteer's id) with certificates, training and evaluations. */
export function writeRoster(w: RowWriter, world: DemoWorld, roster: RosterVolunteer[]): void {
  const r = Random.stream(world.seed, 'roster', 1);
  const origin = world.origin;
  for (const v of roster) {
    const at = officeInstant(r, v.joined);
    v.id = uuidv7(new Date(at));
    const synced = { created_at: at, origin_device: origin, deleted_at: null, deleted_reason: null } as const;
    const leftAt = v.active
      ? null
      : instantAt(world.work.onOrAfter(addDays(v.joined, r.int(60, 400))), officeMinute(r, 'pm'));
    const inactiveSince = leftAt && leftAt < world.now ? leftAt : null;
    w.insert('volunteers', {
      id: v.id,
      name: v.name,
      sex: v.sex,
      phone: mobile(r),
      profession: v.profession,
      profession_other: v.profession === 'other' ? r.pick(['退休干部', '社区工作者', '医生']) : null,
      qualified: v.qualified ? 1 : 0,
      pledge_signed_date: v.pledge,
      active: v.active || !inactiveSince ? 1 : 0,
      inactive_reason: !v.active && inactiveSince ? r.pick(['工作调动', '个人原因', '身体原因']) : null,
      user_id: v.userId,
      notes: r.chance(0.2)
        ? r.pick(['擅长亲子关系辅导', '可提供法律咨询', '周末可参加活动', '熟悉农村家庭情况'])
        : null,
      created_by: world.director.id,
      ...synced,
      updated_at: inactiveSince ?? at,
      version: inactiveSince ? 2 : 1,
    });
    writeVolunteerRecords(w, world, r, v);
  }
}

function writeVolunteerRecords(w: RowWriter, world: DemoWorld, r: Random, v: RosterVolunteer): void {
  const synced = (at: string) =>
    ({
      created_at: at,
      updated_at: at,
      origin_device: world.origin,
      version: 1,
      deleted_at: null,
      deleted_reason: null,
    }) as const;
  if (v.qualified) {
    const names = CERTIFICATES[v.profession] ?? [];
    for (const name of r.sample(names, r.chance(0.3) ? 2 : 1)) {
      const at = officeInstant(r, v.joined);
      const expires = r.chance(0.5) ? null : addDays(world.today, r.int(-200, 4 * 365));
      w.insert('volunteer_certificates', {
        id: uuidv7(new Date(at)),
        volunteer_id: v.id,
        name,
        number: `${r.pick(['A', 'B', 'C', 'D'])}${r.digits(9)}`,
        expires_on: expires,
        ...synced(at),
      });
    }
  }
  const years = Math.max(1, Math.round(daysBetween(v.joined, world.lastClosed) / 365));
  for (let i = 0; i < years + r.int(0, years); i++) {
    const day = world.work.onOrAfter(addDays(v.joined, r.int(0, daysBetween(v.joined, world.lastClosed))));
    if (day > world.lastClosed) continue;
    const at = officeInstant(r, day);
    w.insert('volunteer_trainings', {
      id: uuidv7(new Date(at)),
      volunteer_id: v.id,
      date: day,
      topic: r.pick(TRAINING_TOPICS),
      hours: r.pick([1.5, 2, 3, 4, 6]),
      ...synced(at),
    });
  }
  // A yearly evaluation in late December, from the first December a full year after joining.
  for (let year = Number(v.joined.slice(0, 4)) + 1; `${year}-12-20` <= world.lastClosed; year++) {
    const day = world.work.onOrAfter(`${year}-12-${r.int(15, 25)}`);
    if (day > world.lastClosed) break;
    const at = officeInstant(r, day);
    w.insert('volunteer_evaluations', {
      id: uuidv7(new Date(at)),
      volunteer_id: v.id,
      date: day,
      score: r.int(72, 98),
      evaluator: world.director.displayName,
      notes: r.pick(EVALUATION_NOTES),
      ...synced(at),
    });
  }
}
