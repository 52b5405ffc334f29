import { addDays, type LocalDate } from '../../shared/calendar';
import type {
  Child,
  Consent,
  CounsellingType,
  Education,
  PartyKey,
  ReasonCategory,
  RecordResult,
} from '../../shared/cases';
import { EDUCATION } from './people';
import { instantAt } from './clock';
import { planFamily, type FamilyPlan } from './family-plan';
import { planProtection, type DvPlan, type ReferralPlan, type SupervisionPlan } from './protection-plan';
import { Random } from './random';
import { planRegistration, type RegistrationPlan } from './registration-plan';
import { planSessions, type SessionPlan } from './session-plan';
import { Eligibility, timelineOf, type DemoWorld } from './world';

/*
 * One case of the demo desk, decided before a row is written: who, when, what happened and what has not
 * happened yet by the generation instant. Numbers and dates only (no prose): the planning pass runs it
 * for every case to number referrals and archives in creation order, the writing pass runs it again
 * (same stream, same answers) and adds the words.
 */

export interface PartyPlan {
  key: PartyKey;
  sex: 'male' | 'female';
  birthDate: LocalDate;
  /** What the party's consent lets the case hold beyond name, sex and phone. */
  sensitive: boolean;
  document: 'resident_id' | 'other' | null;
  phone: boolean;
  education: Education | null;
  occupation: boolean;
  address: boolean;
}

export interface CasePlan {
  index: number;
  type: CounsellingType;
  createdDate: LocalDate;
  /** ISO instant of intake. */
  createdAt: string;
  /** Filing received date, or the intake date. */
  received: LocalDate;
  filed: boolean;
  counsellorId: string;
  /** Who took the case in (another counsellor when the director assigned it afterwards). */
  createdBy: string;
  companion: { userId: string } | { name: string } | null;
  consent: Consent | null;
  parties: [PartyPlan, PartyPlan];
  yearsMarried: number | null;
  marriageDate: LocalDate | null;
  children: Child[];
  reasons: ReasonCategory[];
  reasonText: boolean;
  risk: { domesticViolence: boolean; selfHarm: boolean; childAtRisk: boolean; elderlyAtRisk: boolean };
  registration: RegistrationPlan | null;
  sessions: SessionPlan[];
  /** The result the counselling ends in once every planned session has happened. */
  finalResult: RecordResult | null;
  dv: DvPlan | null;
  referrals: ReferralPlan[];
  supervision: SupervisionPlan[];
  family: FamilyPlan | null;
}

const TYPES: readonly (readonly [CounsellingType, number])[] = [
  ['divorce_adjustment', 82],
  ['marital', 8],
  ['family', 5],
  ['premarital', 5],
];
const REASONS: readonly (readonly [ReasonCategory, number])[] = [
  ['incompatibility', 35],
  ['financial', 15],
  ['in_laws', 12],
  ['infidelity', 12],
  ['separation', 8],
  ['addiction', 6],
  ['parenting', 6],
  ['domestic_violence', 3],
  ['other', 3],
];
const FINAL_RESULTS: Record<CounsellingType, readonly (readonly [RecordResult, number])[]> = {
  divorce_adjustment: [
    ['reconcile', 28],
    ['postpone', 16],
    ['divorce', 56],
  ],
  marital: [
    ['reconcile', 60],
    ['postpone', 30],
    ['divorce', 10],
  ],
  family: [
    ['reconcile', 65],
    ['postpone', 30],
    ['divorce', 5],
  ],
  premarital: [
    ['reconcile', 90],
    ['postpone', 10],
  ],
};

/** The intake slot of case `index`: its working day, and a second of office hours in creation order. */
function intakeOf(world: DemoWorld, index: number, r: Random): { date: LocalDate; minute: number } {
  const days = world.intakeDays.length;
  const n = world.cases;
  const day = Math.floor((index * days) / n);
  const first = (d: number) => Math.ceil((d * n) / days);
  const onDay = first(day + 1) - first(day);
  const slot = index - first(day);
  // 08:30 … 16:30, in index order within the day.
  const minute = 8 * 60 + 30 + ((slot + r.next() * 0.9) * 480) / Math.max(1, onDay);
  return { date: world.intakeDays[day] as LocalDate, minute };
}

function party(
  r: Random,
  key: PartyKey,
  sex: 'male' | 'female',
  birthDate: LocalDate,
  sensitive: boolean,
): PartyPlan {
  return {
    key,
    sex,
    birthDate,
    sensitive,
    document: sensitive ? (r.chance(0.97) ? 'resident_id' : 'other') : null,
    phone: r.chance(0.92),
    education: sensitive && r.chance(0.9) ? r.weighted(EDUCATION) : null,
    occupation: sensitive && r.chance(0.85),
    address: sensitive && r.chance(0.85),
  };
}

function birthDateIn(r: Random, year: number): LocalDate {
  return addDays(`${year}-01-01`, r.int(0, 364));
}

function consentOf(r: Random, date: LocalDate): Consent | null {
  const by = r.weighted([
    ['both', 85],
    ['party_a', 3],
    ['party_b', 3],
    [null, 9],
  ] as const);
  if (by === null) return null;
  const method = r.weighted([
    ['written', 90],
    ['electronic', 5],
    ['oral_recorded', 5],
  ] as const);
  return { consentedBy: by, consentedAt: date, method };
}

function childrenOf(r: Random, yearsMarried: number | null): Child[] {
  if (yearsMarried === null) return [];
  const count =
    yearsMarried < 2
      ? r.weighted([
          [0, 70],
          [1, 30],
        ] as const)
      : r.weighted([
          [0, 20],
          [1, 50],
          [2, 27],
          [3, 3],
        ] as const);
  const children: Child[] = [];
  for (let i = 0; i < count; i++) {
    children.push({
      age: r.int(0, Math.min(30, yearsMarried)),
      livesWith: r.weighted([
        ['both', 60],
        ['party_a', 15],
        ['party_b', 20],
        ['other', 5],
      ] as const),
    });
  }
  return children.sort((a, b) => b.age - a.age);
}

export function planCase(world: DemoWorld, eligibility: Eligibility, index: number): CasePlan {
  const r = Random.stream(world.seed, 'case', index);
  const intake = intakeOf(world, index, r);
  const createdDate = intake.date;
  const createdAt = instantAt(createdDate, intake.minute);
  const type = r.weighted(TYPES);
  const filed = type === 'divorce_adjustment' && r.chance(0.96);
  const received =
    filed && r.chance(0.3) ? world.work.back(createdDate, r.int(1, 8), world.start) : createdDate;

  const counsellor = r.chance(0.03) ? world.director : r.pick(world.counsellors);
  const assigned = r.chance(0.01) && world.counsellors.length > 1;
  const createdBy = assigned
    ? r.pick(world.counsellors.filter((c) => c.id !== counsellor.id)).id
    : counsellor.id;
  const companionKind = r.weighted([
    ['none', 75],
    ['user', 15],
    ['volunteer', 10],
  ] as const);
  let companion: CasePlan['companion'] = null;
  if (companionKind === 'user') {
    const others = world.counsellors.filter((c) => c.id !== counsellor.id);
    if (others.length > 0) companion = { userId: r.pick(others).id };
  } else if (companionKind === 'volunteer') {
    const n = eligibility.countOn(createdDate);
    if (n > 0) companion = { name: eligibility.at(r.int(0, n - 1)).name };
  }

  const consent = consentOf(r, createdDate);
  const receivedYear = Number(received.slice(0, 4));
  const yearsMarried =
    type === 'premarital'
      ? null
      : r.weighted([
          [r.int(0, 2), 15],
          [r.int(3, 7), 30],
          [r.int(8, 15), 30],
          [r.int(16, 30), 25],
        ] as const);
  const marriageYear = receivedYear - (yearsMarried ?? -1);
  const husbandBirth = birthDateIn(r, marriageYear - r.int(23, 33));
  const wifeBirth = birthDateIn(r, marriageYear - r.int(21, 31));
  const covers = (key: PartyKey) =>
    consent !== null && (consent.consentedBy === 'both' || consent.consentedBy === key);
  const parties: [PartyPlan, PartyPlan] = [
    party(r, 'party_a', 'male', husbandBirth, covers('party_a')),
    party(r, 'party_b', 'female', wifeBirth, covers('party_b')),
  ];
  const shared = consent !== null;
  const marriageDate =
    shared && yearsMarried !== null && r.chance(0.9)
      ? addDays(received, -(yearsMarried * 365 + r.int(20, 330)))
      : null;
  const children = shared ? childrenOf(r, yearsMarried) : [];
  const dvCase = type !== 'premarital' && r.chance(0.035);
  const reasonCount = r.weighted([
    [1, 60],
    [2, 35],
    [3, 5],
  ] as const);
  const reasons: ReasonCategory[] =
    shared && type !== 'premarital'
      ? [
          ...new Set([
            ...(dvCase ? (['domestic_violence'] as const) : []),
            ...Array.from({ length: reasonCount }, () => r.weighted(REASONS)),
          ]),
        ]
      : [];

  const counselled = filed ? r.chance(0.55) : r.chance(0.92);
  const finalResult = counselled ? r.weighted(FINAL_RESULTS[type]) : null;
  const timeline = filed ? timelineOf(world, received) : null;
  const sessionWindowEnd = timeline ? timeline.withdrawalDeadline : addDays(createdDate, 90);
  const sessions = finalResult
    ? planSessions(r, world, {
        createdDate,
        createdMinute: intake.minute,
        until: sessionWindowEnd,
        finalResult,
        counsellor,
        companion,
        eligibility,
      })
    : [];
  const registration = timeline
    ? planRegistration(r, world, { received, timeline, finalResult, sessions })
    : null;

  const plan: CasePlan = {
    index,
    type,
    createdDate,
    createdAt,
    received,
    filed,
    counsellorId: counsellor.id,
    createdBy,
    companion,
    consent,
    parties,
    yearsMarried,
    marriageDate,
    children,
    reasons,
    reasonText: reasons.length > 0 && r.chance(0.7),
    risk: {
      domesticViolence: dvCase ? r.chance(0.9) : r.chance(0.01),
      selfHarm: r.chance(0.01),
      childAtRisk: children.length > 0 && r.chance(0.02),
      elderlyAtRisk: r.chance(0.01),
    },
    registration,
    sessions,
    finalResult,
    dv: null,
    referrals: [],
    supervision: [],
    family: null,
  };
  Object.assign(plan, planProtection(r, world, plan, dvCase));
  plan.family = planFamily(r, world, eligibility, plan);
  return plan;
}
