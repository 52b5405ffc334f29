import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/shared/calendar/local-date';
import { addVolunteer, signResult } from '../support/aftercare-fixture';
import { jumpTo, minimalIntake, signInAs, type Staff } from '../support/case-fixture';
import type { Desk } from '../support/desk-fixture';
import { deskWithCase } from '../support/protection-fixture';

/*
 * A property over the real services: whatever a counsellor and a volunteer do to a plan, in any order
 * (record the open visit on some day, pause, resume, close, reassign, let time pass), the plan never has
 * two open visits, an active plan that is not finished always has exactly one, due dates never fall before
 * the result date and visits come in order.
 */

type Op =
  | { kind: 'wait'; days: number }
  | { kind: 'record'; lateBy: number }
  | { kind: 'pause' }
  | { kind: 'resume' }
  | { kind: 'close' }
  | { kind: 'assign' };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('wait' as const), days: fc.integer({ min: 1, max: 200 }) }),
  },
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant('record' as const), lateBy: fc.integer({ min: 0, max: 30 }) }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'pause' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'resume' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'assign' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'close' as const }) },
);

describe('follow-up plans under any sequence of actions', () => {
  let desk: Desk;
  let staff: Staff;
  let cleanup: () => Promise<void>;
  const volunteers: string[] = [];

  beforeAll(async () => {
    ({ desk, staff, cleanup } = await deskWithCase());
    volunteers.push((await addVolunteer(desk, { name: '周志愿' })).id);
    volunteers.push((await addVolunteer(desk, { name: '吴志愿' })).id);
  });
  afterAll(() => cleanup());

  it('never opens two visits, never dates one before the result, keeps them in order', async () => {
    let today = '2026-03-02';
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 3, maxLength: 12 }), async (ops) => {
        const c = await desk.ok('cases.create', minimalIntake({ filing: undefined, type: 'marital' }));
        const resultDate = today;
        await signResult(desk, c.id, staff.counsellorA, 'reconcile', resultDate);
        const family = await desk.ok('families.openFromCase', { caseId: c.id });
        const planId = family.plans[0]?.id ?? '';
        let n = 0;
        for (const o of ops) {
          const plan = (await desk.ok('families.get', { familyId: family.id })).plans[0];
          if (!plan) throw new Error('plan missing');
          const open = plan.visits.find((v) => v.status === 'scheduled');
          switch (o.kind) {
            case 'wait': {
              today = addDays(today, o.days);
              jumpTo(desk, `${today}T02:00:00.000Z`);
              await signInAs(desk, 'counsellorA');
              break;
            }
            case 'record': {
              if (!open) break;
              const date = addDays(open.dueDate, o.lateBy);
              if (date > today) {
                today = date;
                jumpTo(desk, `${today}T02:00:00.000Z`);
                await signInAs(desk, 'counsellorA');
              }
              await desk.call('followups.recordVisit', {
                visitId: open.id,
                visitDate: date,
                channel: 'voice',
                durationMinutes: 30,
                metWhom: '双方',
              });
              break;
            }
            case 'pause':
              await desk.call('followups.setPlanStatus', { planId, status: 'paused', reason: '外出务工' });
              break;
            case 'resume':
              await desk.call('followups.setPlanStatus', { planId, status: 'active' });
              break;
            case 'close':
              await desk.call('followups.setPlanStatus', { planId, status: 'closed', reason: '不再需要' });
              break;
            case 'assign':
              await desk.call('followups.assign', { planId, volunteerId: volunteers[n++ % 2] ?? '' });
              break;
          }
          const after = (await desk.ok('families.get', { familyId: family.id })).plans[0];
          if (!after) throw new Error('plan missing');
          const openVisits = after.visits.filter((v) => v.status === 'scheduled' || v.status === 'on_hold');
          const waiting = openVisits.filter((v) => v.status === 'scheduled');
          expect(openVisits.length).toBeLessThanOrEqual(1);
          // Active: exactly one visit waits; paused: it is on hold; closed: none is open.
          if (after.status === 'active') expect(waiting).toHaveLength(1);
          if (after.status === 'paused') expect(openVisits.map((v) => v.status)).toEqual(['on_hold']);
          if (after.status === 'closed') expect(openVisits).toHaveLength(0);
          after.visits.forEach((v, i) => {
            expect(v.seq).toBe(i + 1);
            expect(v.dueDate > resultDate).toBe(true);
            const prev = after.visits[i - 1];
            if (prev) expect(v.dueDate > (prev.visitDate ?? prev.dueDate)).toBe(true);
          });
          // Until it closes, the plan always shows its whole schedule: made, open and upcoming.
          if (after.status !== 'closed') expect(after.visits.length + after.upcoming.length).toBe(4);
        }
      }),
      { numRuns: 6 },
    );
  }, 120_000);
});
