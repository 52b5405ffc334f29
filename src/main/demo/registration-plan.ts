import { addDays, type LocalDate } from '../../shared/calendar';
import type { RecordResult, RegistrationStatus } from '../../shared/cases';
import type { CoolingOffTimeline } from '../../shared/rules';
import { instantAt, later, officeInstant } from './clock';
import type { Random } from './random';
import type { SessionPlan } from './session-plan';
import type { DemoWorld } from './world';

/*
 * A filing's registration status as the desk's own state machine leaves it by the generation instant
 * (src/main/cases/registration.ts): withdrawn inside the withdrawal window, registered or refused inside
 * the certificate window, deemed withdrawn when that window closed unused, and the automatic steps
 * (→ awaiting_certificate, → deemed_withdrawn) taken at the first sign-in after a deadline closed.
 * What the couple will do is decided first; only what has happened by yesterday's closing time is kept.
 */

export type Outcome = 'withdrawn' | 'registered' | 'refused' | 'deemed_withdrawn';

export interface RegistrationPlan {
  timeline: CoolingOffTimeline;
  status: RegistrationStatus;
  /** The status changes that happened, in order. */
  changes: { to: RegistrationStatus; at: string }[];
  withdrawal: { by: 'party_a' | 'party_b' | 'both'; date: LocalDate } | null;
  registeredDate: LocalDate | null;
  refusalDate: LocalDate | null;
}

const OUTCOMES: Record<RecordResult | 'none', readonly (readonly [Outcome, number])[]> = {
  reconcile: [
    ['withdrawn', 80],
    ['deemed_withdrawn', 20],
  ],
  postpone: [
    ['deemed_withdrawn', 55],
    ['withdrawn', 25],
    ['registered', 20],
  ],
  divorce: [
    ['registered', 90],
    ['deemed_withdrawn', 8],
    ['refused', 2],
  ],
  none: [
    ['registered', 68],
    ['deemed_withdrawn', 22],
    ['withdrawn', 8],
    ['refused', 2],
  ],
};

/** The sweep runs at the first sign-in after a deadline's closing time: the next morning. */
const sweptAfter = (deadline: LocalDate): string => instantAt(addDays(deadline, 1), 8 * 60);

export function planRegistration(
  r: Random,
  world: DemoWorld,
  input: {
    received: LocalDate;
    timeline: CoolingOffTimeline;
    finalResult: RecordResult | null;
    sessions: SessionPlan[];
  },
): RegistrationPlan {
  const { timeline: t, received } = input;
  const { work, lastClosed } = world;
  const outcome = r.weighted(OUTCOMES[input.finalResult ?? 'none']);
  const last = input.sessions.at(-1);
  const plan: RegistrationPlan = {
    timeline: t,
    status: 'accepted_cooling',
    changes: [],
    withdrawal: null,
    registeredDate: null,
    refusalDate: null,
  };
  const awaiting = () => {
    if (t.withdrawalDeadline <= lastClosed) {
      plan.status = 'awaiting_certificate';
      plan.changes.push({ to: 'awaiting_certificate', at: sweptAfter(t.withdrawalDeadline) });
    }
  };

  if (outcome === 'withdrawn') {
    const from = last && last.date > received ? last.date : received;
    let date = work.onOrAfter(addDays(from, r.int(0, 4)));
    if (date > t.withdrawalDeadline) date = work.onOrBefore(t.withdrawalDeadline);
    if (date < from) date = from;
    if (date <= lastClosed) {
      const at =
        last && date === last.date
          ? later(last.signedAt ?? last.startedAt, r.int(15, 60))
          : officeInstant(r, date);
      plan.status = 'withdrawn';
      plan.changes.push({ to: 'withdrawn', at });
      plan.withdrawal = {
        by: r.weighted([
          ['both', 60],
          ['party_b', 25],
          ['party_a', 15],
        ] as const),
        date,
      };
    }
    return plan;
  }

  awaiting();
  if (outcome === 'registered' || outcome === 'refused') {
    let date = work.onOrAfter(
      addDays(t.certificateWindowStart, r.int(0, outcome === 'registered' ? 12 : 10)),
    );
    if (date > t.certificateWindowEnd) date = work.onOrBefore(t.certificateWindowEnd);
    if (date < t.certificateWindowStart) date = t.certificateWindowStart;
    if (date <= lastClosed) {
      plan.status = outcome;
      plan.changes.push({ to: outcome, at: officeInstant(r, date) });
      if (outcome === 'registered') plan.registeredDate = date;
      else plan.refusalDate = date;
      return plan;
    }
  }
  if (t.certificateWindowEnd <= lastClosed) {
    plan.status = 'deemed_withdrawn';
    plan.changes.push({ to: 'deemed_withdrawn', at: sweptAfter(t.certificateWindowEnd) });
  }
  return plan;
}
