// The volunteer rules (src/shared/volunteers/rules.ts): who may be assigned on a day, when a certificate
// warns, and service hours derived exactly from sessions, visit minutes and event hours. Table tests for the
// boundaries, fast-check properties for every day and every mix.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../src/shared/calendar';
import {
  CERTIFICATE_WARNING_DAYS,
  certificateState,
  COUNSELLING_SESSION_HOURS,
  ineligibleReasons,
  isEligible,
  serviceHours,
} from '../../src/shared/volunteers';

const TODAY = '2026-03-02';

/** Any day from 2000 to 2099 as 'YYYY-MM-DD'. */
const day = fc.integer({ min: 0, max: 36_524 }).map((n) => addDays('2000-01-01', n));

describe('eligibility', () => {
  it.each([
    ['active, signed before today', true, '2026-01-15', []],
    ['active, signed today', true, TODAY, []],
    ['active, signed tomorrow', true, '2026-03-03', ['no_pledge']],
    ['active, never signed', true, null, ['no_pledge']],
    ['inactive, signed', false, '2026-01-15', ['inactive']],
    ['inactive, never signed', false, null, ['inactive', 'no_pledge']],
  ] as const)('%s', (_, active, pledgeSignedDate, reasons) => {
    expect(ineligibleReasons({ active, pledgeSignedDate }, TODAY)).toEqual(reasons);
    expect(isEligible({ active, pledgeSignedDate }, TODAY)).toBe(reasons.length === 0);
  });

  it('never lets a volunteer without a pledge be assigned, on any day', () => {
    fc.assert(
      fc.property(fc.boolean(), day, (active, today) => {
        expect(isEligible({ active, pledgeSignedDate: null }, today)).toBe(false);
        expect(ineligibleReasons({ active, pledgeSignedDate: null }, today)).toContain('no_pledge');
      }),
    );
  });

  it('never lets a pledge dated after today count', () => {
    fc.assert(
      fc.property(fc.boolean(), day, fc.integer({ min: 1, max: 4000 }), (active, today, ahead) => {
        const pledgeSignedDate = addDays(today, ahead);
        expect(isEligible({ active, pledgeSignedDate }, today)).toBe(false);
        expect(ineligibleReasons({ active, pledgeSignedDate }, today)).toContain('no_pledge');
      }),
    );
  });

  it('never lets an inactive volunteer be assigned, whatever the pledge', () => {
    fc.assert(
      fc.property(fc.option(day, { nil: null }), day, (pledgeSignedDate, today) => {
        expect(isEligible({ active: false, pledgeSignedDate }, today)).toBe(false);
        expect(ineligibleReasons({ active: false, pledgeSignedDate }, today)[0]).toBe('inactive');
      }),
    );
  });

  it('lets an active volunteer with a pledge signed on or before today be assigned', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 4000 }), (today, before) => {
        expect(isEligible({ active: true, pledgeSignedDate: addDays(today, -before) }, today)).toBe(true);
      }),
    );
  });
});

describe('certificate state', () => {
  it.each([
    [null, 'no_expiry'],
    ['2026-03-01', 'expired'],
    [TODAY, 'expiring'],
    ['2026-03-03', 'expiring'],
    ['2026-04-01', 'expiring'], // today + 30
    ['2026-04-02', 'valid'], // today + 31
    ['2027-03-02', 'valid'],
  ] as const)('expiring on %s is %s', (expiresOn, state) => {
    expect(certificateState(expiresOn, TODAY)).toBe(state);
  });

  it('warns exactly from 30 days before expiry through the expiry day, then is expired', () => {
    expect(CERTIFICATE_WARNING_DAYS).toBe(30);
    fc.assert(
      fc.property(day, fc.integer({ min: -400, max: 400 }), (today, offset) => {
        const expiresOn = addDays(today, offset);
        const expected = offset < 0 ? 'expired' : offset <= 30 ? 'expiring' : 'valid';
        expect(certificateState(expiresOn, today)).toBe(expected);
        expect(daysBetween(today, expiresOn)).toBe(offset);
      }),
    );
  });
});

describe('service hours', () => {
  it('adds sessions, visit minutes and event hours', () => {
    expect(
      serviceHours({ counsellingSessions: 3, visitMinutes: [90, 45, 30], eventHours: [2, 1.5] }),
    ).toEqual({
      counsellingSessions: 3,
      counsellingHours: 3 * COUNSELLING_SESSION_HOURS,
      visits: 3,
      visitHours: 2.8, // 165 minutes, to a tenth
      events: 2,
      eventHours: 3.5,
      totalHours: 9.3, // 3 + 2.75 + 3.5 = 9.25, rounded once at the end
    });
    expect(serviceHours({ counsellingSessions: 0, visitMinutes: [], eventHours: [] })).toEqual({
      counsellingSessions: 0,
      counsellingHours: 0,
      visits: 0,
      visitHours: 0,
      events: 0,
      eventHours: 0,
      totalHours: 0,
    });
    // Three visits of 20 minutes are exactly one hour (no 0.1 + 0.2 drift).
    expect(
      serviceHours({ counsellingSessions: 0, visitMinutes: [20, 20, 20], eventHours: [] }).visitHours,
    ).toBe(1);
  });

  it('sums exactly for any mix: whole minutes and half hours, rounded to a tenth only at the end', () => {
    const minutes = fc.array(fc.integer({ min: 1, max: 1440 }), { maxLength: 60 });
    const halfHours = fc.array(
      fc.integer({ min: 1, max: 48 }).map((n) => n / 2),
      { maxLength: 60 },
    );
    fc.assert(
      fc.property(fc.nat({ max: 500 }), minutes, halfHours, (sessions, visitMinutes, eventHours) => {
        const h = serviceHours({ counsellingSessions: sessions, visitMinutes, eventHours });
        const visitTotal = visitMinutes.reduce((s, m) => s + m, 0);
        const eventHalves = eventHours.reduce((s, x) => s + x * 2, 0);
        expect(h.counsellingSessions).toBe(sessions);
        expect(h.visits).toBe(visitMinutes.length);
        expect(h.events).toBe(eventHours.length);
        expect(h.counsellingHours).toBe(sessions * COUNSELLING_SESSION_HOURS);
        // Half hours are exact in tenths.
        expect(h.eventHours * 2).toBe(eventHalves);
        // Minutes to tenths of an hour: 6 minutes each, rounded half up.
        expect(h.visitHours).toBe(Math.round(visitTotal / 6) / 10);
        // The total is the exact sum in minutes, rounded once (never the sum of rounded parts).
        const totalMinutes = sessions * COUNSELLING_SESSION_HOURS * 60 + visitTotal + eventHalves * 30;
        expect(h.totalHours).toBe(Math.round(totalMinutes / 6) / 10);
        // Every figure is a tenth of an hour exactly.
        for (const x of [h.counsellingHours, h.visitHours, h.eventHours, h.totalHours]) {
          expect(Number.isInteger(Math.round(x * 10)) && Math.abs(x * 10 - Math.round(x * 10)) < 1e-9).toBe(
            true,
          );
        }
      }),
    );
  });
});
