import { unreachable } from '../../shared/errors';
import {
  CASE_SORTS,
  COUNSELLING_TYPES,
  REGISTRATION_STATUSES,
  type CaseSort,
  type RiskFlag,
} from '../../shared/cases';
import type { CaseRow } from './cases.table';
import { mergeSort } from './stepped-sort';

/*
 * The case list's keys in memory: for every case not deleted, the columns the list filters and sorts on
 * (a few dozen bytes a case, ≈ 15 MB at 100,000 cases), kept in each of the list's orders. A page is one
 * walk down the chosen order that counts every match and keeps the requested slice, so the total is exact
 * and a page costs the same at the first, a middle or the last page, for any combination of filters
 * (docs/architecture.md "The case list"). The rule is the same as the SQL one it replaces
 * (tests/integration/case-list-index.test.ts checks both on random filters and writes).
 *
 * Strings compare by UTF-16 code unit; the keys compared (ids, dates, timestamps, case numbers, device
 * ids) are ASCII, where that is SQLite's BINARY order too.
 */

/** The columns of a case the list filters and sorts on. */
export type CaseListKey = Pick<
  CaseRow,
  | 'id'
  | 'type'
  | 'registration_status'
  | 'counsellor_id'
  | 'companion_user_id'
  | 'received_date'
  | 'next_deadline'
  | 'created_at'
  | 'case_number'
  | 'origin_device'
> & {
  risk_domestic_violence: number;
  dv_disclosed: number;
  risk_self_harm: number;
  risk_child: number;
  risk_elderly: number;
};

/** Whose cases a page may hold: every case, the cases a counsellor is in charge of or accompanies, none. */
export type CaseListViewer = { readonly all: true } | { readonly userId: string } | null;

/** The narrowing part of a list request (the same fields as CaseListFilter). */
export interface CaseListNarrowing {
  type?: CaseRow['type'] | undefined;
  registrationStatus?: NonNullable<CaseRow['registration_status']> | undefined;
  counsellorId?: string | undefined;
  receivedFrom?: string | undefined;
  receivedTo?: string | undefined;
  deadlineFrom?: string | undefined;
  deadlineTo?: string | undefined;
  risk?: readonly RiskFlag[] | undefined;
}

const RISK_BIT: Record<RiskFlag, number> = {
  domesticViolence: 1,
  selfHarm: 2,
  childAtRisk: 4,
  elderlyAtRisk: 8,
};

const NO_STATUS = 255;
/** No user (a case without a companion), and a user the index has never seen. */
const NO_USER = -1;
const UNKNOWN_USER = -2;
/** No running deadline: sorts after every date. */
const NO_DEADLINE = 0;

const typeCode = new Map<string, number>(COUNSELLING_TYPES.map((t, i) => [t, i]));
const statusCode = new Map<string, number>(REGISTRATION_STATUSES.map((s, i) => [s, i]));

/** 'YYYY-MM-DD' as the number YYYYMMDD, which orders alike. */
const dayNumber = (date: string): number =>
  Number(date.slice(0, 4)) * 10_000 + Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10));

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Comparisons per sort step (≈ 3 ms). */
const SORT_STEP_WORK = 50_000;

export class CaseListIndex {
  #capacity = 0;
  #ids: string[] = [];
  #createdAt: string[] = [];
  #caseNumber: string[] = [];
  #origin: string[] = [];
  #type = new Uint8Array(0);
  #status = new Uint8Array(0);
  #risk = new Uint8Array(0);
  #counsellor = new Int32Array(0);
  #companion = new Int32Array(0);
  #received = new Int32Array(0);
  #deadline = new Int32Array(0);
  /**
   * The slot of each case id, which only apply() needs. A list call that loads the keys does not make it
   * (≈ 60–80 ms at 100,000 cases it would wait for): it is made later in steps (mapStep), or at once by the
   * first apply() that comes before.
   */
  #slotOf: Map<string, number> | null = null;
  /** Slots below this are in #slotOf. */
  #mapped = 0;
  /** Slots handed out so far (each in use or free). */
  #used = 0;
  readonly #free: number[] = [];
  readonly #userCode = new Map<string, number>();
  /** Slots in each list order; only the first `size` entries are live. */
  readonly #orders = new Map<CaseSort, Int32Array>();
  #size = 0;

  /** The order being sorted in steps (sortStep), and the steps left of its sort. */
  #sorting: { sort: CaseSort; steps: Generator<void, Int32Array<ArrayBuffer>> } | null = null;

  /**
   * The index of `keys` (one per case), to which add() may add more. Its orders are then sorted in steps
   * (sortStep), so a background load hands the event loop back every few milliseconds; it answers once
   * every order is sorted. `mapIds`: make the id → slot map as cases are added (a background load spreads
   * its cost over its reads), not later.
   */
  constructor(keys: readonly CaseListKey[] = [], options: { mapIds?: boolean } = {}) {
    if (options.mapIds) this.#slotOf = new Map<string, number>();
    this.#grow(Math.max(1024, keys.length));
    this.add(keys);
  }

  /** Adds cases (not yet in the index) before any order is sorted: a load reads the keys in chunks. */
  add(keys: readonly CaseListKey[]): void {
    if (this.#orders.size > 0 || this.#sorting) throw new Error('the case list index is already sorting');
    for (const key of keys) this.#write(this.#allocate(key.id), key);
    this.#size += keys.length;
  }

  /** The orders not yet sorted. */
  get unsortedOrders(): CaseSort[] {
    return CASE_SORTS.filter((sort) => !this.#orders.has(sort));
  }

  /**
   * One step of sorting the orders, about `work` comparisons (≈ 3 ms at 50,000): whether every order is
   * sorted now.
   */
  sortStep(work: number = SORT_STEP_WORK): boolean {
    if (!this.#sorting) {
      const [sort] = this.unsortedOrders;
      if (!sort) return true;
      const order = new Int32Array(this.#capacity);
      for (let i = 0; i < this.#size; i++) order[i] = i;
      this.#sorting = { sort, steps: mergeSort(order, this.#size, this.#comparator(sort), work) };
    }
    const next = this.#sorting.steps.next();
    if (next.done) {
      this.#orders.set(this.#sorting.sort, next.value);
      this.#sorting = null;
    }
    return this.unsortedOrders.length === 0;
  }

  /** One step of making the id → slot map, about `work` slots: whether it is made. */
  mapStep(work: number): boolean {
    const slots = this.#idMap();
    const end = Math.min(this.#used, this.#mapped + work);
    for (let slot = this.#mapped; slot < end; slot++) {
      const id = this.#ids[slot];
      if (id) slots.set(id, slot);
    }
    this.#mapped = end;
    return end === this.#used;
  }

  /** The id → slot map, whole: made now as far as it is not yet. */
  #slots(): Map<string, number> {
    this.mapStep(this.#used);
    return this.#idMap();
  }

  #idMap(): Map<string, number> {
    return (this.#slotOf ??= new Map<string, number>());
  }

  /** How many cases the index holds. */
  get size(): number {
    return this.#size;
  }

  /** Brings one case up to date: `key` is its current row, or null when it is deleted or gone. */
  apply(id: string, key: CaseListKey | null): void {
    if (this.unsortedOrders.length > 0) throw new Error('the case list index is not sorted yet');
    const slots = this.#slots();
    const slot = slots.get(id);
    if (slot !== undefined) {
      for (const sort of CASE_SORTS) this.#unlink(sort, slot);
      this.#size--;
      if (!key) {
        slots.delete(id);
        this.#ids[slot] = '';
        this.#free.push(slot);
        return;
      }
      this.#write(slot, key);
      this.#link(slot);
      return;
    }
    if (!key) return;
    const fresh = this.#allocate(id);
    this.#write(fresh, key);
    this.#link(fresh);
  }

  /**
   * One page in `sort` order of the cases `viewer` may see that `f` keeps: the ids of positions
   * [offset, offset + limit) and the number of matches.
   */
  page(
    viewer: CaseListViewer,
    f: CaseListNarrowing,
    sort: CaseSort,
    offset: number,
    limit: number,
  ): { ids: string[]; total: number } {
    if (viewer === null) return { ids: [], total: 0 };
    const code = (id: string | undefined) =>
      id === undefined ? NO_USER : (this.#userCode.get(id) ?? UNKNOWN_USER);
    const viewerCode = 'all' in viewer ? NO_USER : code(viewer.userId);
    if (viewerCode === UNKNOWN_USER) return { ids: [], total: 0 };
    const wantedType = f.type === undefined ? -1 : (typeCode.get(f.type) ?? -2);
    const wantedStatus =
      f.registrationStatus === undefined ? -1 : (statusCode.get(f.registrationStatus) ?? -2);
    const wantedCounsellor = code(f.counsellorId);
    if (wantedCounsellor === UNKNOWN_USER) return { ids: [], total: 0 };
    const receivedFrom = f.receivedFrom === undefined ? 0 : dayNumber(f.receivedFrom);
    const receivedTo = f.receivedTo === undefined ? 99_999_999 : dayNumber(f.receivedTo);
    const deadlineWindow = f.deadlineFrom !== undefined || f.deadlineTo !== undefined;
    const deadlineFrom = f.deadlineFrom === undefined ? 1 : dayNumber(f.deadlineFrom);
    const deadlineTo = f.deadlineTo === undefined ? 99_999_999 : dayNumber(f.deadlineTo);
    let riskMask = 0;
    for (const flag of f.risk ?? []) riskMask |= RISK_BIT[flag];

    const order = this.#order(sort);
    const type = this.#type;
    const status = this.#status;
    const counsellor = this.#counsellor;
    const companion = this.#companion;
    const received = this.#received;
    const deadline = this.#deadline;
    const risk = this.#risk;
    const end = offset + limit;
    const ids: string[] = [];
    let total = 0;
    for (let i = 0; i < this.#size; i++) {
      const s = order[i] as number;
      if (viewerCode !== NO_USER && counsellor[s] !== viewerCode && companion[s] !== viewerCode) continue;
      if (wantedType !== -1 && type[s] !== wantedType) continue;
      if (wantedStatus !== -1 && status[s] !== wantedStatus) continue;
      if (wantedCounsellor !== NO_USER && counsellor[s] !== wantedCounsellor) continue;
      const r = received[s] as number;
      if (r < receivedFrom || r > receivedTo) continue;
      if (deadlineWindow) {
        const d = deadline[s] as number;
        if (d === NO_DEADLINE || d < deadlineFrom || d > deadlineTo) continue;
      }
      if (((risk[s] as number) & riskMask) !== riskMask) continue;
      if (total >= offset && total < end) ids.push(this.#ids[s] as string);
      total++;
    }
    return { ids, total };
  }

  #order(sort: CaseSort): Int32Array {
    const order = this.#orders.get(sort);
    if (!order) throw new Error('the case list index is not sorted yet');
    return order;
  }

  #allocate(id: string): number {
    let slot = this.#free.pop();
    if (slot === undefined) {
      slot = this.#used++;
      if (slot >= this.#capacity) this.#grow(this.#capacity * 2);
    }
    this.#ids[slot] = id;
    // A slot the map has covered (a freed one, or the next once the map is whole) goes in it now; a later
    // one is mapped by the steps still to come.
    if (this.#slotOf && slot <= this.#mapped) {
      this.#slotOf.set(id, slot);
      if (slot === this.#mapped) this.#mapped++;
    }
    return slot;
  }

  #user(id: string | null): number {
    if (id === null) return NO_USER;
    let code = this.#userCode.get(id);
    if (code === undefined) {
      code = this.#userCode.size;
      this.#userCode.set(id, code);
    }
    return code;
  }

  #write(slot: number, key: CaseListKey): void {
    this.#createdAt[slot] = key.created_at;
    this.#caseNumber[slot] = key.case_number;
    this.#origin[slot] = key.origin_device;
    this.#type[slot] = typeCode.get(key.type) ?? NO_STATUS;
    this.#status[slot] =
      key.registration_status === null ? NO_STATUS : (statusCode.get(key.registration_status) ?? NO_STATUS);
    this.#risk[slot] =
      (key.risk_domestic_violence === 1 || key.dv_disclosed === 1 ? RISK_BIT.domesticViolence : 0) |
      (key.risk_self_harm === 1 ? RISK_BIT.selfHarm : 0) |
      (key.risk_child === 1 ? RISK_BIT.childAtRisk : 0) |
      (key.risk_elderly === 1 ? RISK_BIT.elderlyAtRisk : 0);
    this.#counsellor[slot] = this.#user(key.counsellor_id);
    this.#companion[slot] = this.#user(key.companion_user_id);
    this.#received[slot] = dayNumber(key.received_date);
    this.#deadline[slot] = key.next_deadline === null ? NO_DEADLINE : dayNumber(key.next_deadline);
  }

  #grow(capacity: number): void {
    const widen = <T extends Uint8Array | Int32Array>(old: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    this.#type = widen(this.#type, (n) => new Uint8Array(n));
    this.#status = widen(this.#status, (n) => new Uint8Array(n));
    this.#risk = widen(this.#risk, (n) => new Uint8Array(n));
    this.#counsellor = widen(this.#counsellor, (n) => new Int32Array(n));
    this.#companion = widen(this.#companion, (n) => new Int32Array(n));
    this.#received = widen(this.#received, (n) => new Int32Array(n));
    this.#deadline = widen(this.#deadline, (n) => new Int32Array(n));
    for (const [sort, order] of this.#orders)
      this.#orders.set(
        sort,
        widen(order, (n) => new Int32Array(n)),
      );
    this.#capacity = capacity;
  }

  /** Inserts `slot` into every order at its place (binary search; the orders are total). */
  #link(slot: number): void {
    for (const sort of CASE_SORTS) {
      const order = this.#order(sort);
      const at = this.#position(sort, slot);
      order.copyWithin(at + 1, at, this.#size);
      order[at] = slot;
    }
    this.#size++;
  }

  /** Removes `slot` from one order (the caller lowers the size once all orders are done). */
  #unlink(sort: CaseSort, slot: number): void {
    const order = this.#order(sort);
    const at = this.#position(sort, slot);
    if (order[at] !== slot) throw new Error('case list index out of step');
    order.copyWithin(at, at + 1, this.#size);
  }

  /** The first position in `sort` whose slot does not come before `slot`. */
  #position(sort: CaseSort, slot: number): number {
    const order = this.#order(sort);
    const compare = this.#comparator(sort);
    let lo = 0;
    let hi = this.#size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(order[mid] as number, slot) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The list's orders (each ends on a unique key, as in SQL, so the order is total). */
  #comparator(sort: CaseSort): (a: number, b: number) => number {
    const ids = this.#ids;
    switch (sort) {
      case 'received_desc': {
        const received = this.#received;
        return (a, b) =>
          (received[b] as number) - (received[a] as number) ||
          compareText(ids[b] as string, ids[a] as string);
      }
      case 'deadline_asc': {
        const deadline = this.#deadline;
        return (a, b) => {
          const da = deadline[a] as number;
          const db = deadline[b] as number;
          if (da !== db) return da === NO_DEADLINE ? 1 : db === NO_DEADLINE ? -1 : da - db;
          return compareText(ids[a] as string, ids[b] as string);
        };
      }
      case 'created_desc': {
        const created = this.#createdAt;
        return (a, b) =>
          compareText(created[b] as string, created[a] as string) ||
          compareText(ids[b] as string, ids[a] as string);
      }
      case 'case_number': {
        const numbers = this.#caseNumber;
        const origin = this.#origin;
        return (a, b) =>
          compareText(numbers[a] as string, numbers[b] as string) ||
          compareText(origin[a] as string, origin[b] as string);
      }
      default:
        return unreachable(sort);
    }
  }
}
