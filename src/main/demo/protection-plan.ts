import { addDays, type LocalDate } from '../../shared/calendar';
import { addMonths, type DisclosedBy, type DvRiskLevel } from '../../shared/dv';
import type { ReferralStatus, ReferralTarget } from '../../shared/referrals';
import type { CasePlan } from './case-plan';
import { instantAt, later, localDay, officeInstant } from './clock';
import type { Random } from './random';
import type { DemoWorld } from './world';

/*
 * A case's protection work: a DV disclosure for a small share (with the police's warning letter, a
 * court's protection order of at most six months, and the mandatory report when minors are involved),
 * referrals with their closed loop (created → sent → accepted | rejected, accepted → done, each step
 * dated no later than yesterday), and supervision: 督办 items, and the 交办 that moved a case to the
 * counsellor now in charge.
 */

export interface DvPlan {
  date: LocalDate;
  at: string;
  disclosedBy: DisclosedBy;
  riskLevel: DvRiskLevel;
  minors: boolean;
  lacksCapacity: boolean;
  helpInfo: boolean;
  injuries: boolean;
  wishes: boolean;
  warning: { date: LocalDate; at: string } | null;
  order: { issued: LocalDate; expires: LocalDate; at: string } | null;
  report: { date: LocalDate; at: string } | null;
}

export interface ReferralPlan {
  createdAt: string;
  createdDate: LocalDate;
  target: ReferralTarget;
  subject: 'party_a' | 'party_b' | 'both';
  consent: boolean;
  dvLinked: boolean;
  expected: LocalDate;
  /** Oldest first, starting with 'created'. */
  events: { status: ReferralStatus; date: LocalDate; at: string }[];
}

export interface SupervisionPlan {
  kind: 'supervise' | 'assign';
  createdAt: string;
  dueDate: LocalDate | null;
  toUserId: string;
  fromUserId: string | null;
  closed: { at: string; byUserId: string } | null;
}

type Protection = Pick<CasePlan, 'dv' | 'referrals' | 'supervision'>;

function planDv(r: Random, world: DemoWorld, c: CasePlan): DvPlan {
  const first = c.sessions.find((s) => s.status === 'signed');
  const date = first ? first.date : c.createdDate;
  const at = first ? later(first.startedAt, r.int(20, 50)) : later(c.createdAt, r.int(15, 40));
  const minors = c.children.length > 0 && r.chance(0.5);
  const lacksCapacity = r.chance(0.02);
  // A later step of the disclosure (letter, order, report): recorded after the disclosure itself.
  const step = (days: number) => {
    const d = world.work.onOrAfter(addDays(date, days));
    if (d > world.lastClosed) return null;
    const when = officeInstant(r, d);
    return { date: d, at: when > at ? when : later(at, 10) };
  };
  const warning = r.chance(0.3) ? step(r.int(1, 5)) : null;
  const issued = r.chance(0.15) ? step(r.int(1, 3)) : null;
  const reported = (minors || lacksCapacity) && r.chance(0.85) ? step(r.int(0, 1)) : null;
  return {
    date,
    at,
    disclosedBy: r.weighted([
      ['party_b', 75],
      ['party_a', 10],
      ['child', c.children.length > 0 ? 10 : 0],
      ['other', 5],
    ] as const),
    riskLevel: r.weighted([
      ['low', 25],
      ['medium', 40],
      ['high', 25],
      ['severe', 10],
    ] as const),
    minors,
    lacksCapacity,
    helpInfo: r.chance(0.95),
    injuries: r.chance(0.6),
    wishes: r.chance(0.7),
    warning,
    order: issued
      ? { issued: issued.date, expires: addMonths(issued.date, r.pick([3, 6])), at: issued.at }
      : null,
    report: reported,
  };
}

function planReferral(
  r: Random,
  world: DemoWorld,
  createdAt: string,
  target: ReferralTarget,
  subject: ReferralPlan['subject'],
  dvLinked: boolean,
): ReferralPlan {
  const createdDate = localDay(createdAt);
  const events: ReferralPlan['events'] = [{ status: 'created', date: createdDate, at: createdAt }];
  const next = (status: ReferralStatus, from: LocalDate, days: number): boolean => {
    const d = world.work.onOrAfter(addDays(from, days));
    if (d > world.lastClosed) return false;
    const prev = events.at(-1);
    const at = officeInstant(r, d);
    events.push({ status, date: d, at: prev && at <= prev.at ? later(prev.at, 30) : at });
    return true;
  };
  if (r.chance(0.95) && next('sent', createdDate, r.int(0, 2))) {
    const sent = events.at(-1)?.date ?? createdDate;
    const accepted = r.chance(0.8);
    if (next(accepted ? 'accepted' : 'rejected', sent, r.int(2, 10)) && accepted && r.chance(0.85)) {
      next('done', events.at(-1)?.date ?? sent, r.int(5, 30));
    }
  }
  return {
    createdAt,
    createdDate,
    target,
    subject,
    consent: dvLinked || r.chance(0.95),
    dvLinked,
    expected: addDays(createdDate, 14),
    events,
  };
}

function planSupervision(r: Random, world: DemoWorld, c: CasePlan): SupervisionPlan[] {
  const items: SupervisionPlan[] = [];
  if (c.createdBy !== c.counsellorId) {
    // 交办: taken in by one counsellor, assigned by the director to the one now in charge, minutes later.
    const createdAt = later(c.createdAt, 5);
    const closeDay = world.work.onOrAfter(addDays(c.createdDate, r.int(1, 3)));
    items.push({
      kind: 'assign',
      createdAt,
      dueDate: null,
      toUserId: c.counsellorId,
      fromUserId: c.createdBy,
      closed:
        closeDay <= world.lastClosed ? { at: officeInstant(r, closeDay), byUserId: c.counsellorId } : null,
    });
  }
  if (r.chance(0.03)) {
    const day = world.work.onOrAfter(addDays(c.createdDate, r.int(2, 10)));
    if (day <= world.lastClosed) {
      const due = addDays(day, r.int(5, 20));
      const closeDay = world.work.onOrAfter(addDays(day, r.int(1, 14)));
      const old = day < addDays(world.today, -45);
      const closed = closeDay <= world.lastClosed && (old || r.chance(0.5));
      items.push({
        kind: 'supervise',
        createdAt: instantAt(day, 9 * 60 + r.int(0, 90)),
        dueDate: due,
        toUserId: c.counsellorId,
        fromUserId: null,
        closed: closed ? { at: instantAt(closeDay, 15 * 60 + r.int(0, 90)), byUserId: c.counsellorId } : null,
      });
    }
  }
  return items;
}

export function planProtection(r: Random, world: DemoWorld, c: CasePlan, dvCase: boolean): Protection {
  const dv = dvCase ? planDv(r, world, c) : null;
  const referrals: ReferralPlan[] = [];
  if (dv && r.chance(0.8)) {
    const target = dv.order
      ? 'court'
      : r.weighted([
          ['police', 60],
          ['shelter', 10],
          ['womens_federation', 15],
          ['psychological', 15],
        ] as const);
    const subject = dv.disclosedBy === 'party_a' ? 'party_a' : 'party_b';
    referrals.push(planReferral(r, world, later(dv.at, r.int(20, 60)), target, subject, true));
  }
  const signed = c.sessions.filter((s) => s.status === 'signed');
  if (signed.length > 0 && r.chance(0.07)) {
    for (let k = r.chance(0.1) ? 2 : 1; k > 0; k--) {
      const session = r.pick(signed);
      const target = r.weighted([
        ['psychological', 35],
        ['legal_aid', 30],
        ['womens_federation', 15],
        ['hotline_12338', 5],
        ['court', 5],
        ['police', 5],
        ['other', 5],
      ] as const);
      const subject = r.weighted([
        ['both', 50],
        ['party_b', 35],
        ['party_a', 15],
      ] as const);
      referrals.push(
        planReferral(
          r,
          world,
          later(session.signedAt ?? session.startedAt, r.int(5, 30)),
          target,
          subject,
          false,
        ),
      );
    }
  }
  referrals.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  return { dv, referrals, supervision: planSupervision(r, world, c) };
}
