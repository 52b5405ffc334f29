import type { Db } from '../db';
import { CaseListIndex } from './list-index';
import {
  changedCasesSince,
  changeLogInstalled,
  changesSince,
  forgetChanges,
  installChangeLog,
  lastChange,
  listKeysAfter,
  listKeysOf,
  type CaseListStore,
} from './list-index.repository';

/*
 * The open store's case list keys (list-index.ts), one index per store: loaded in small steps — chunks of
 * keys added to the index as they are read, then its orders sorted a few milliseconds at a time — so that a
 * load started in the background after sign-in (warmCaseListIndex) takes a step only while no call is
 * waiting and hands the event loop back after each; a list call that comes before the load is done
 * finishes it within its own transaction. Once loaded, each list call advances the index by the cases the
 * store's change log names.
 */

export interface CaseListLoadOptions {
  /** Keys read per step (≈ 6 ms at 1,000 on the reference machine). */
  chunk?: number;
  /** Comparisons per sorting step (≈ 3 ms at 50,000). */
  sortWork?: number;
  /** Beyond this many logged changes (an import, a long sweep), loading every key again is cheaper. */
  rebuildAfter?: number;
}

/** How much one step of the load does. */
interface StepSize {
  readonly chunk: number;
  readonly sortWork: number;
}

/** A list call that finishes the load itself: steps as large as keep the event loop turning. */
const DEFAULTS = {
  chunk: 1_000,
  sortWork: 50_000,
  rebuildAfter: 5_000,
} as const satisfies Required<CaseListLoadOptions>;

/**
 * The background load after sign-in: a quarter of a call's step (≈ 1–1.5 ms), so that a call arriving while
 * a step runs — the 工作台 right after sign-in — waits little for it. Same total work, a few more turns.
 */
const BACKGROUND_STEP = { chunk: 250, sortWork: 12_500 } as const satisfies StepSize;

/**
 * The id → slot map of a load a list call finished (it skips the map), ids a background step (≈ 0.3 ms); a
 * background load makes it as it reads.
 */
const BACKGROUND_MAP_STEP = 500;

class CaseListLoad {
  /** The last change of the store's change log this load reflects: every later one is applied after. */
  seen: number;
  #after = '';
  readonly #index: CaseListIndex;
  /** Every key is read (then the orders are sorted). */
  #read = false;
  /** Bumped by every step taken, so a step whose read raced another's is dropped. */
  #steps = 0;

  constructor(seen: number, options: { mapIds: boolean }) {
    this.seen = seen;
    this.#index = new CaseListIndex([], options);
  }

  /** The index, once every key is read and every order sorted. */
  get index(): CaseListIndex | null {
    return this.#read && this.#index.unsortedOrders.length === 0 ? this.#index : null;
  }

  /** Takes one step of the load, of `size`, through `db` on `store`; whether the load is done. */
  async step(db: Db, store: CaseListStore, size: StepSize): Promise<boolean> {
    if (this.index) return true;
    const taken = this.#steps;
    if (!this.#read) {
      const chunk = await listKeysAfter(db, store, this.#after, size.chunk);
      if (taken !== this.#steps) return this.index !== null; // another caller read this chunk first
      this.#steps++;
      this.#index.add(chunk.keys);
      if (chunk.last === null || chunk.keys.length < size.chunk) this.#read = true;
      else this.#after = chunk.last;
    } else {
      this.#steps++;
      this.#index.sortStep(size.sortWork);
    }
    return this.index !== null;
  }
}

const loads = new WeakMap<CaseListStore, CaseListLoad>();

/**
 * A new load through `db`: the change log exists first, and the load reflects every change
 * logged so far (it reads the keys after noting the newest change).
 */
async function newLoad(db: Db, options: { mapIds: boolean }): Promise<CaseListLoad> {
  await installChangeLog(db);
  return new CaseListLoad(await lastChange(db), options);
}

/** Background work's turn: waits until no call is waiting or running (at once by default). */
export type BackgroundTurn = () => Promise<void>;

/**
 * Starts loading the case list keys of `store` in the background through `db` (the store's own,
 * outside any transaction), unless a load exists: each step (BACKGROUND_STEP, unless `options` say) waits
 * for `turn` (the desk's calls go first), and the event loop turns between steps. A failure (the desk
 * locked meanwhile) is dropped: the next list call loads.
 */
export function warmCaseListIndex(
  db: Db,
  store: CaseListStore,
  options: CaseListLoadOptions & { turn?: BackgroundTurn } = {},
): void {
  if (loads.has(store)) return;
  const turn = async () => {
    await new Promise((resolve) => setImmediate(resolve));
    await options.turn?.();
  };
  void (async () => {
    await turn();
    let load = loads.get(store);
    if (!load) {
      const fresh = await newLoad(db, { mapIds: true });
      load = loads.get(store) ?? fresh; // a list call may have started one meanwhile: that one, then
      if (load === fresh) loads.set(store, fresh);
    }
    const size: StepSize = {
      chunk: options.chunk ?? BACKGROUND_STEP.chunk,
      sortWork: options.sortWork ?? BACKGROUND_STEP.sortWork,
    };
    for (let done = false; !done;) {
      await turn();
      done = loads.get(store) !== load || (await load.step(db, store, size));
    }
    // The id → slot map of a load a list call finished (it skipped the map), so that the first list call
    // after a write does not make it all.
    for (let mapped = false; !mapped && loads.get(store) === load;) {
      await turn();
      mapped = load.index?.mapStep(BACKGROUND_MAP_STEP) ?? true;
    }
  })().catch(() => undefined);
}

/**
 * The case list keys of `store`, up to date within `db`, the call's transaction on that store:
 * the load finished (or started, when there is none, its change log is gone — the connection is new, or
 * the log's creation rolled back — or it holds more than `rebuildAfter` changes), then the changed cases
 * applied.
 */
export async function currentCaseListIndex(
  db: Db,
  store: CaseListStore,
  options: CaseListLoadOptions = {},
): Promise<CaseListIndex> {
  const { rebuildAfter, ...size } = { ...DEFAULTS, ...options };
  let load = loads.get(store);
  if (
    !load ||
    !(await changeLogInstalled(db)) ||
    (load.index && (await changesSince(db, load.seen)) > rebuildAfter)
  ) {
    load = await newLoad(db, { mapIds: false });
    loads.set(store, load);
  }
  while (!(await load.step(db, store, size)));
  const index = load.index;
  if (!index) throw new Error('the case list index did not load');
  const changed = await changedCasesSince(db, load.seen);
  if (changed.ids.length > 0) {
    const keys = new Map((await listKeysOf(db, changed.ids)).map((k) => [k.id, k]));
    for (const id of changed.ids) index.apply(id, keys.get(id) ?? null);
    load.seen = changed.last;
    await forgetChanges(db, changed.last);
  }
  return index;
}
