import { describe, expect, it } from 'vitest';
import { CaseListIndex, type CaseListKey } from '../../src/main/cases/list-index';
import { mulberry32 } from '../../src/main/demo/random';
import { SerialQueue } from '../../src/main/desk/serial-queue';
import {
  CASE_SORTS,
  COUNSELLING_TYPES,
  REGISTRATION_STATUSES,
  type CaseSort,
} from '../../src/shared/cases/schemas';

/*
 * The case list index sorts its orders in steps (a merge sort that pauses every few thousand comparisons),
 * so a background load after sign-in never holds the desk for long; and the desk's call queue tells such
 * work when no call is waiting. The sorted orders must be exactly those of one sort in one go, for sizes
 * around the sort's runs (2,048) and with ties on every sorted column.
 */

const random = mulberry32(20261204);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
const day = (n: number) => new Date(Date.UTC(2024, 0, 1 + n)).toISOString().slice(0, 10);
const hex = (n: number) => n.toString(16).padStart(8, '0');

function randomKeys(n: number): CaseListKey[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `${hex(Math.floor(random() * 2 ** 32))}-${hex(i)}`,
    type: pick(COUNSELLING_TYPES),
    registration_status: random() < 0.3 ? null : pick(REGISTRATION_STATUSES),
    counsellor_id: pick(['u1', 'u2', 'u3']),
    companion_user_id: random() < 0.8 ? null : 'u4',
    received_date: day(Math.floor(random() * 40)),
    next_deadline: random() < 0.5 ? null : day(Math.floor(random() * 40)),
    created_at: `2026-01-01T00:00:${String(Math.floor(random() * 60)).padStart(2, '0')}.000Z`,
    case_number: `2026-${String(Math.floor(random() * 500)).padStart(4, '0')}`,
    origin_device: `${hex(i)}`,
    risk_domestic_violence: 0,
    dv_disclosed: 0,
    risk_self_harm: 0,
    risk_child: 0,
    risk_elderly: 0,
  }));
}

const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The list's rule for each sort (as its SQL ORDER BY). */
function expected(keys: readonly CaseListKey[], sort: CaseSort): string[] {
  const byRule: Record<CaseSort, (a: CaseListKey, b: CaseListKey) => number> = {
    received_desc: (a, b) => text(b.received_date, a.received_date) || text(b.id, a.id),
    deadline_asc: (a, b) =>
      a.next_deadline === b.next_deadline
        ? text(a.id, b.id)
        : a.next_deadline === null
          ? 1
          : b.next_deadline === null
            ? -1
            : text(a.next_deadline, b.next_deadline),
    created_desc: (a, b) => text(b.created_at, a.created_at) || text(b.id, a.id),
    case_number: (a, b) => text(a.case_number, b.case_number) || text(a.origin_device, b.origin_device),
  };
  return [...keys].sort(byRule[sort]).map((k) => k.id);
}

describe('the case list index, sorted in steps', () => {
  for (const n of [0, 1, 2047, 2048, 2049, 9000]) {
    it(`${n} cases, read in chunks and sorted a few comparisons at a time, in every order`, () => {
      const keys = randomKeys(n);
      const index = new CaseListIndex();
      for (let i = 0; i < n; i += 700) index.add(keys.slice(i, i + 700));
      let steps = 0;
      while (!index.sortStep(997)) steps++;
      // Beyond one run, each order took several steps.
      if (n > 2048) expect(steps).toBeGreaterThan(2 * CASE_SORTS.length);
      for (const sort of CASE_SORTS) {
        expect(index.page({ all: true }, {}, sort, 0, n + 1)).toEqual({
          ids: expected(keys, sort),
          total: n,
        });
      }
      // Sorted, it is kept in order by apply(), no longer by add().
      expect(() => index.add(randomKeys(1))).toThrow();
    });
  }
});

describe('the case list index, updated after it is sorted', () => {
  /** Every order's ids and total, as a list page of everything shows them. */
  const pages = (index: CaseListIndex, n: number) =>
    CASE_SORTS.map((sort) => index.page({ all: true }, {}, sort, 0, n + 1));

  // Its id → slot map is made after sorting: not at all (the first update makes it), in part (then the
  // update finishes it), or whole in steps. Updates, deletions (freeing slots), re-use of freed slots and
  // new cases must give what the rule gives for the keys as they end, however the map came about.
  // -1: made as the keys are added (a background load).
  for (const mapFirst of [-1, 0, 1, 3000, Number.MAX_SAFE_INTEGER]) {
    const made =
      mapFirst === -1
        ? 'as the keys are added'
        : mapFirst === 0
          ? 'by the first change'
          : mapFirst === Number.MAX_SAFE_INTEGER
            ? 'in full first'
            : `in steps of ${mapFirst} first`;
    it(`map made ${made}, then cases changed, deleted and added`, () => {
      const n = 5000;
      const keys = randomKeys(n);
      const index = new CaseListIndex([], { mapIds: mapFirst === -1 });
      for (let i = 0; i < n; i += 700) index.add(keys.slice(i, i + 700));
      while (!index.sortStep(5000));
      if (mapFirst > 0) {
        let steps = 0;
        while (!index.mapStep(mapFirst) && steps < 3) steps++;
      }
      const current = new Map(keys.map((k) => [k.id, k]));
      const fresh = randomKeys(300);
      for (let i = 0; i < 600; i++) {
        const roll = random();
        const existing = [...current.keys()];
        if (roll < 0.4 && existing.length > 0) {
          const id = pick(existing);
          const changed = { ...pick(fresh), id, origin_device: id }; // (case number, origin) stays unique
          current.set(id, changed);
          index.apply(id, changed);
        } else if (roll < 0.7 && existing.length > 0) {
          const id = pick(existing);
          current.delete(id);
          index.apply(id, null);
        } else {
          const added = { ...pick(fresh), id: `new-${i}`, origin_device: `new-${i}` };
          current.set(added.id, added);
          index.apply(added.id, added);
        }
      }
      index.apply('never-there', null);
      const expectedPages = CASE_SORTS.map((sort) => ({
        ids: expected([...current.values()], sort),
        total: current.size,
      }));
      expect(pages(index, n + 600)).toEqual(expectedPages);
      expect(index.size).toBe(current.size);
      // Mapping steps after the map is whole change nothing.
      expect(index.mapStep(10)).toBe(true);
      expect(pages(index, n + 600)).toEqual(expectedPages);
    });
  }
});

describe('the call queue, for background work', () => {
  it('idle() answers at once when nothing is queued, else once every queued task and follow-up is done', async () => {
    const queue = new SerialQueue();
    const seen: string[] = [];
    await queue.idle();
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    void queue.run(async () => {
      await held;
      seen.push('call 1');
    });
    void queue.run(
      async () => {
        seen.push('call 2');
      },
      () => [
        async () => {
          seen.push('follow-up of 2');
        },
      ],
    );
    const idle = queue.idle().then(() => seen.push('idle'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual([]);
    release();
    await idle;
    expect(seen).toEqual(['call 1', 'call 2', 'follow-up of 2', 'idle']);
  });

  it('a background loop that waits for idle() between steps lets each call in before its next step', async () => {
    const queue = new SerialQueue();
    const seen: string[] = [];
    const background = (async () => {
      for (let step = 0; step < 3; step++) {
        await queue.idle();
        seen.push(`step ${step}`);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    await new Promise((resolve) => setImmediate(resolve));
    const calls = [
      queue.run(async () => void seen.push('call a')),
      queue.run(async () => void seen.push('call b')),
    ];
    await Promise.all([...calls, background]);
    expect(seen.indexOf('call b')).toBe(seen.indexOf('call a') + 1); // no step between two queued calls
    expect(seen.filter((s) => s.startsWith('step'))).toEqual(['step 0', 'step 1', 'step 2']);
  });
});
