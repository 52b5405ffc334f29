import { afterEach, describe, expect, it, vi } from 'vitest';
import { officeToday, todayPicker, toLocalDate } from '../../src/renderer/src/components/dates';

// Date pickers default to the office's calendar day (China Standard Time), whatever zone the machine is
// in: between 16:00 and 24:00 UTC the office is already on the next day.

afterEach(() => vi.useRealTimers());

describe('todayPicker', () => {
  it.each([
    ['2026-12-03T15:59:59Z', '2026-12-03'],
    ['2026-12-03T16:00:00Z', '2026-12-04'],
    ['2026-12-31T23:30:00Z', '2027-01-01'],
  ])('at %s is the office date %s', (instant, office) => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(instant));
    expect(officeToday()).toBe(office);
    expect(toLocalDate(todayPicker())).toBe(office);
  });
});
