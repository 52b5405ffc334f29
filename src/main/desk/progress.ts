import type { StoreUpgrade } from '../../shared/auth';
import type { SearchIndexBuild } from '../../shared/search';

/*
 * Long work that runs inside one call (the sign-in that upgrades an older store, the first search that
 * builds the index) reports here, and a poll channel outside the dispatcher's queue reads it while that
 * call is pending (auth.upgradeProgress, search.indexProgress): the screen shows a bar instead of a silent
 * wait. Counters only, never personal data (the sign-in screen reads it before anyone has signed in).
 */

/** The latest report of one kind of long work; null when none is running. */
export class ProgressSlot<T> {
  #current: T | null = null;

  get current(): T | null {
    return this.#current;
  }

  /** Runs `work` with a reporter for this slot; the slot is empty again once it ends, however it ends. */
  async track<R>(work: (report: (progress: T) => void) => Promise<R>): Promise<R> {
    try {
      return await work((progress) => {
        this.#current = progress;
      });
    } finally {
      this.#current = null;
    }
  }
}

/** Every kind of long work a screen follows (one slot each: a desk runs at most one of each at a time). */
export interface DeskProgress {
  readonly storeUpgrade: ProgressSlot<StoreUpgrade>;
  readonly searchIndex: ProgressSlot<SearchIndexBuild>;
}

export function createDeskProgress(): DeskProgress {
  return { storeUpgrade: new ProgressSlot(), searchIndex: new ProgressSlot() };
}
