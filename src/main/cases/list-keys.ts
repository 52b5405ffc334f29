import type { Db } from '../db';
import { CaseListIndex, type CaseListKey } from './list-index';
import {
  changedCasesSince,
  changeLogInstalled,
  changesSince,
  forgetChanges,
  installChangeLog,
  lastChange,
  listKeysAfter,
  listKeysOf,
} from './list-index.repository';

/*
 * The open store's case list keys (list-index.ts), one index per store: loaded in steps — chunks of keys,
 * then one order at a time — so that a load started in the background after sign-in (warmCaseListIndex)
 * hands the event loop back between steps and calls go on meanwhile; a list call that comes before the
 * load is done finishes it within its own transaction. Once loaded, each list call advances the index by
 * the cases the store's change log names.
 */

export interface CaseListLoadOptions {
  /** Keys read per step (≈ 50 ms at 5,000). */
  chunk?: number;
  /** Beyond this many logged changes (an import, a long sweep), loading every key again is cheaper. */
  rebuildAfter?: number;
}

const DEFAULTS = { chunk: 5_000, rebuildAfter: 5_000 } as const satisfies Required<CaseListLoadOptions>;

class CaseListLoad {
  /** The last change of the store's change log this load reflects: every later one is applied after. */
  seen: number;
  #after = '';
  #keys: CaseListKey[] = [];
  #index: CaseListIndex | null = null;
  /** Bumped by every step taken, so a step whose read raced another's is dropped. */
  #steps = 0;

  readonly #chunk: number;

  constructor(seen: number, chunk: number) {
    this.seen = seen;
    this.#chunk = chunk;
  }

  /** The index, once every key is read and every order sorted. */
  get index(): CaseListIndex | null {
    return this.#index && this.#index.unsortedOrders.length === 0 ? this.#index : null;
  }

  /** Takes one step of the load through `db`; whether the load is done. */
  async step(db: Db): Promise<boolean> {
    if (this.index) return true;
    const taken = this.#steps;
    if (this.#index === null) {
      const chunk = await listKeysAfter(db, this.#after, this.#chunk);
      if (taken !== this.#steps) return this.index !== null; // another caller read this chunk first
      this.#steps++;
      this.#keys.push(...chunk.keys);
      if (chunk.last === null || chunk.keys.length < this.#chunk) {
        this.#index = new CaseListIndex(this.#keys);
        this.#keys = [];
      } else {
        this.#after = chunk.last;
      }
    } else {
      this.#steps++;
      const [sort] = this.#index.unsortedOrders;
      if (sort) this.#index.sortOrder(sort);
    }
    return this.index !== null;
  }
}

const loads = new WeakMap<object, CaseListLoad>();

/**
 * A new load for `owner` through `db`: the change log exists first, and the load reflects every change
 * logged so far (it reads the keys after noting the newest change).
 */
async function newLoad(db: Db, chunk: number): Promise<CaseListLoad> {
  await installChangeLog(db);
  return new CaseListLoad(await lastChange(db), chunk);
}

/**
 * Starts loading the case list keys of the store `owner` in the background through `db` (the store itself,
 * outside any transaction), unless a load exists. A failure (the desk locked meanwhile) is dropped: the
 * next list call loads.
 */
export function warmCaseListIndex(db: Db, owner: object, options: CaseListLoadOptions = {}): void {
  if (loads.has(owner)) return;
  void (async () => {
    const load = await newLoad(db, options.chunk ?? DEFAULTS.chunk);
    if (loads.has(owner)) return; // a list call started one meanwhile
    loads.set(owner, load);
    while (loads.get(owner) === load && !(await load.step(db))) {
      await new Promise((resolve) => setImmediate(resolve));
    }
  })().catch(() => undefined);
}

/**
 * The case list keys of the store `owner`, up to date within `db`, the call's transaction on that store:
 * the load finished (or started, when there is none, its change log is gone — the connection is new, or
 * the log's creation rolled back — or it holds more than `rebuildAfter` changes), then the changed cases
 * applied.
 */
export async function currentCaseListIndex(
  db: Db,
  owner: object,
  options: CaseListLoadOptions = {},
): Promise<CaseListIndex> {
  const { chunk, rebuildAfter } = { ...DEFAULTS, ...options };
  let load = loads.get(owner);
  if (
    !load ||
    !(await changeLogInstalled(db)) ||
    (load.index && (await changesSince(db, load.seen)) > rebuildAfter)
  ) {
    load = await newLoad(db, chunk);
    loads.set(owner, load);
  }
  while (!(await load.step(db)));
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
